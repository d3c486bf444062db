package tw.gov.sms.shared.domain;

/**
 * The outcome of parsing one number as an agency wrote it: either a {@link Msisdn} or a {@link Problem}.
 *
 * @param raw the input exactly as received
 * @param msisdn the canonical number, {@code null} if rejected
 * @param problem why it was rejected, {@code null} if accepted
 */
public record NumberParseResult(String raw, Msisdn msisdn, Problem problem) {

    public NumberParseResult {
        if ((msisdn == null) == (problem == null)) {
            throw new IllegalArgumentException("exactly one of msisdn and problem must be set");
        }
    }

    public static NumberParseResult accepted(String raw, Msisdn msisdn) {
        return new NumberParseResult(raw, msisdn, null);
    }

    public static NumberParseResult rejected(String raw, Problem problem) {
        return new NumberParseResult(raw, null, problem);
    }

    public boolean ok() {
        return msisdn != null;
    }
}
