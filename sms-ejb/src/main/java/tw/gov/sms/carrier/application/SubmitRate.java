package tw.gov.sms.carrier.application;

import java.time.Duration;
import java.util.OptionalDouble;

/**
 * The submit rate of one carrier link, from successive readings of its running {@code submit_sm} count
 * (the link counts; this turns two counts and the time between them into messages per second). The
 * operations page reads it every few seconds; readings closer together than {@code minInterval} return the
 * last rate unchanged, so several administrators watching at once do not turn it into noise. A count that
 * went down (the link was recreated) starts the measurement again.
 */
public final class SubmitRate {

    private final long minIntervalNanos;

    // Guarded by this.
    private boolean started;
    private long lastCount;
    private long lastNanos;
    private OptionalDouble lastRate = OptionalDouble.empty();

    public SubmitRate(Duration minInterval) {
        if (minInterval.isNegative() || minInterval.isZero()) {
            throw new IllegalArgumentException("minInterval must be positive: " + minInterval);
        }
        this.minIntervalNanos = minInterval.toNanos();
    }

    /**
     * Takes a reading: {@code count} submits so far at {@code nanoTime} ({@link System#nanoTime()}).
     *
     * @return submits per second since the previous reading, empty until there are two readings
     */
    public synchronized OptionalDouble sample(long count, long nanoTime) {
        if (!started || count < lastCount) {
            started = true;
            lastCount = count;
            lastNanos = nanoTime;
            lastRate = OptionalDouble.empty();
            return lastRate;
        }
        long elapsed = nanoTime - lastNanos;
        if (elapsed < minIntervalNanos) {
            return lastRate;
        }
        lastRate = OptionalDouble.of((count - lastCount) * 1_000_000_000.0 / elapsed);
        lastCount = count;
        lastNanos = nanoTime;
        return lastRate;
    }
}
