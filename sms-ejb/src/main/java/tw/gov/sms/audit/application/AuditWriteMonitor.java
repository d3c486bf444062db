package tw.gov.sms.audit.application;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Remembers, in memory, the latest audit write that failed on this instance, until the forwarding timer has reported
 * it to the database ({@link AuditAlarm}). The failed write itself cannot do that: its transaction rolls back, and the
 * cause (the database, the pool) is often what would stop the report too. Cheap enough to be called on every write.
 */
@ApplicationScoped
public class AuditWriteMonitor {

    /** One failed write: when, and why. */
    public record Failure(Instant at, String reason) {}

    private final AtomicReference<Failure> unreported = new AtomicReference<>();

    public void failed(Throwable cause) {
        unreported.set(new Failure(Instant.now(), String.valueOf(cause)));
    }

    /** The latest failure not yet reported, which the caller now owns; null when there is none. */
    public Failure take() {
        return unreported.getAndSet(null);
    }

    /** Gives back a failure that could not be reported, unless a newer one arrived meanwhile. */
    public void giveBack(Failure failure) {
        unreported.compareAndSet(null, failure);
    }
}
