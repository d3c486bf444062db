package tw.gov.sms.audit.domain;

import java.util.Objects;

/**
 * An audit event as stored: its place in the chain and its hash (64 lower-case hex digits), so a reader
 * or an export can quote the exact link of the chain it saw.
 */
public record StoredEvent(long seq, AuditEvent event, String hash) {

    public StoredEvent {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(hash, "hash");
    }
}
