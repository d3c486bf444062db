package tw.gov.sms.audit.domain;

import java.util.Objects;

/**
 * An audit event with both ends of its link in the chain, as the copy to the external collector carries it: its
 * sequence number, the hash of the event before it and its own hash (64 lower-case hex digits each). A collector that
 * keeps these can check its copy against the platform's chain on its own.
 */
public record ChainedEvent(long seq, AuditEvent event, String prevHash, String hash) {

    public ChainedEvent {
        if (seq <= 0) {
            throw new IllegalArgumentException("sequence numbers start at 1: " + seq);
        }
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(prevHash, "prevHash");
        Objects.requireNonNull(hash, "hash");
    }
}
