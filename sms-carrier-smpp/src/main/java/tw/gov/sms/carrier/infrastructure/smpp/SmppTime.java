package tw.gov.sms.carrier.infrastructure.smpp;

import java.time.Duration;

/** SMPP 3.4 §7.1.1 time formats. */
final class SmppTime {

    private SmppTime() {}

    /**
     * Relative time "YYMMDDhhmmss000R" (years of 365 days, months of 30, as SMSCs count them);
     * null or non-positive means "SMSC default" (an empty field).
     */
    static String relative(Duration duration) {
        if (duration == null || duration.isZero() || duration.isNegative()) {
            return null;
        }
        long seconds = duration.getSeconds();
        long days = seconds / 86_400;
        long years = Math.min(99, days / 365);
        days -= years * 365;
        long months = days / 30;
        days -= months * 30;
        if (years == 99) {
            months = Math.min(months, 11);
            days = Math.min(days, 29);
        }
        long rest = seconds % 86_400;
        return String.format(
                "%02d%02d%02d%02d%02d%02d000R", years, months, days, rest / 3600, (rest % 3600) / 60, rest % 60);
    }
}
