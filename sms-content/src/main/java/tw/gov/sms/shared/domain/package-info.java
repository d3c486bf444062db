/**
 * Shared kernel: value objects every context uses.
 *
 * <p><b>Purpose.</b> {@link tw.gov.sms.shared.domain.Msisdn} is the one canonical form of a Taiwan mobile number;
 * {@link tw.gov.sms.shared.domain.MsisdnParser} turns whatever agencies send (portal, API, spreadsheets, SFTP files)
 * into it or into a reason code; {@link tw.gov.sms.shared.domain.Problem} and {@link
 * tw.gov.sms.shared.domain.ProblemCode} are the vocabulary in which every check reports, with a stable code, a
 * severity, a position and a Traditional Chinese and English message.
 *
 * <p><b>Requirements.</b> R3.1 (send to a list of numbers: parse, reject with reason, de-duplicate), R2.3 (content
 * and file format checked before sending, rejected with the reason).
 *
 * <p><b>Decisions.</b>
 *
 * <ul>
 *   <li>Canonical form is the national {@code 09xxxxxxxx} (what agencies and citizens read); {@code
 *       international()} gives {@code 886…} for SMPP. Only {@code 09[0-8]} is mobile; {@code 099} is refused.
 *   <li>Lenient in what is accepted (separators, full-width digits, {@code +886}/{@code 886}/{@code 00886}/{@code
 *       009886}, the trunk zero kept after {@code +886}, nine digits from a spreadsheet that dropped the leading zero)
 *       and strict in the result; each rejection has its own code so reports tell the agency what to fix.
 *   <li>{@code Msisdn.toString()} is masked ({@code 0912***678}) so numbers do not leak into logs.
 *   <li>Duplicates in a job are sent once and reported as warnings ({@code NUMBER_DUPLICATE}), not errors: the job
 *       itself is fine.
 *   <li>Message texts live in the enum, formatted with {@link java.lang.String#format}; codes are never renamed.
 * </ul>
 *
 * <p><b>Rejected.</b> libphonenumber (a large dependency for one country's rule, and it would accept landlines as
 * "valid"); regular expressions for number parsing (a hand-written scan is simpler to read and several times faster
 * on 200,000-row files); resource bundles for messages (two fixed languages, and the codes must stay next to their
 * texts).
 */
package tw.gov.sms.shared.domain;
