/**
 * Portal pages of the sending context: compose and send ({@code ComposePage}, issue 8 item 2), and the job
 * list and job page ({@code JobsPage}, {@code JobPage}, item 3: status and progress live while sending,
 * counts per state and carrier, times, per-recipient status with filter and search, export, cancel while
 * scheduled) (issue 8; R1.1 portal channel, R2.1-R2.3
 * content, R11.1 and R11.3 quota and free tests, R6.3 and R6.6 permissions).
 *
 * <p><b>Purpose.</b> A person types or pastes a recipient list, writes the text, sees it exactly as citizens
 * will (agency prefix included) with its encoding and segments, chooses to send now, at a Taiwan time, or as a
 * free test to their own phone, confirms what it costs, and gets the job's id.
 *
 * <p><b>Decisions.</b>
 *
 * <ul>
 *   <li>Translate and delegate only: the counts come from {@code MsisdnParser}, the text, encoding and segments
 *       from {@code PreviewService} (the engine that accepts the send), schedule limits from {@code SendRules},
 *       quota from {@code QuotaService.view}/{@code plan}; the send is {@code SubmissionService.submit} with
 *       channel {@code PORTAL}. The page never recomputes a rule, so it cannot disagree with the API.
 *   <li>Every entry the person wrote is submitted, invalid ones and duplicates included, so the job records
 *       its rejections and duplicates as for every other channel; the page only warns about them beforehand.
 *   <li>Entries are separated by line breaks, commas, semicolons and tabs; a space separates numbers only
 *       when each part is a valid number, because {@code 0912 345 678} is one number as people write it
 *       ({@link tw.gov.sms.sending.interfaces.web.RecipientText}).
 *   <li>Permissions are checked by the bean on every action ({@code send}; {@code schedule} for a scheduled
 *       send), as the REST layer does, since the submission service trusts its callers.
 *   <li>A confirmation step, not a dialog: a second panel that takes the form's place, with focus moved to
 *       its heading, is simpler to reach by keyboard and screen reader than a modal. Its figures (segments
 *       per message from a preview of every recipient, total = quota needed, agency balance and, in allocated
 *       mode, the account's allocation, or the test allowance) are computed when it opens.
 *   <li>Schedule times are entered and shown in Asia/Taipei whatever the server's zone.
 *   <li>The confirmation carries one idempotency key, so a repeated click answers with the same job once the
 *       submission service matches keys of portal (non-API-client) submissions.
 *   <li>Problems are shown with their stable code in the session's language; counters sit in polite live
 *       regions (WCAG 2.1 AA, checked by axe-core in {@code ComposeBrowserIT}).
 * </ul>
 *
 * <p><b>Rejected.</b> Parsing numbers in JavaScript (a second parser that could disagree); sending only the
 * valid numbers (the job would not show what was refused); a modal confirmation dialog (see above).
 */
package tw.gov.sms.sending.interfaces.web;
