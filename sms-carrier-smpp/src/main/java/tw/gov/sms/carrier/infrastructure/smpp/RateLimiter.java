package tw.gov.sms.carrier.infrastructure.smpp;

import java.util.concurrent.TimeUnit;

/**
 * A token bucket for the whole link, kept as "the earliest time the next permit may go": each
 * caller reserves a slot under a short lock and sleeps outside it, so waiters are served in order
 * and idle time builds up at most one second of burst.
 */
final class RateLimiter {

    private final long intervalNanos;
    private final long burstNanos;
    private long nextFree;

    RateLimiter(int perSecond) {
        this.intervalNanos = TimeUnit.SECONDS.toNanos(1) / perSecond;
        this.burstNanos = intervalNanos * (perSecond - 1);
        this.nextFree = System.nanoTime() - burstNanos;
    }

    void acquire() throws InterruptedException {
        long wait;
        synchronized (this) {
            long now = System.nanoTime();
            long slot = Math.max(nextFree, now - burstNanos);
            nextFree = slot + intervalNanos;
            wait = slot - now;
        }
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }
}
