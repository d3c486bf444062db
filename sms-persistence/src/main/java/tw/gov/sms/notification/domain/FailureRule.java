package tw.gov.sms.notification.domain;

/**
 * When a job's failures are worth a notice of their own: the failed share of its final messages is over the
 * account's threshold. Failed means not delivered for good: undelivered, rejected, failed by the platform or
 * expired; cancelled messages are not counted at all. Integer arithmetic, so 10 % of 50 is exactly 5 (not over).
 */
public final class FailureRule {

    private FailureRule() {}

    /**
     * @param failed final messages that were not delivered (cancelled excluded)
     * @param finals all final messages (cancelled excluded)
     * @param thresholdPercent 1–100
     */
    public static boolean over(long failed, long finals, int thresholdPercent) {
        Preferences.requireThreshold(thresholdPercent);
        if (failed < 0 || finals < 0 || failed > finals) {
            throw new IllegalArgumentException("failed " + failed + " of " + finals + " final messages");
        }
        return finals > 0 && failed * 100 > (long) thresholdPercent * finals;
    }

    /** The failed share in whole percent, rounded down (for display). */
    public static int percent(long failed, long finals) {
        return finals <= 0 ? 0 : (int) (failed * 100 / finals);
    }
}
