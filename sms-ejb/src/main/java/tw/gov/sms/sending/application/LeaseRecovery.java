package tw.gov.sms.sending.application;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import tw.gov.sms.routing.domain.Carrier;
import tw.gov.sms.sending.domain.MessageState;
import tw.gov.sms.sending.infrastructure.jdbc.MessageStore;
import tw.gov.sms.sending.infrastructure.jdbc.MessageStore.LeasedMessage;
import tw.gov.sms.sending.infrastructure.jms.WorkQueues;

/** Puts queued messages whose lease expired back on the dispatch queue, in one transaction. */
@Stateless
public class LeaseRecovery {

    @Inject
    MessageStore messages;

    @Inject
    WorkQueues queues;

    @Inject
    @ConfigProperty(name = "sms.dispatch.lease-seconds", defaultValue = "120")
    long leaseSeconds;

    @Inject
    @ConfigProperty(name = "sms.dispatch.max-attempts", defaultValue = "8")
    int maxAttempts;

    /**
     * Returns how many expired leases were found (at most {@code limit}, which also bounds the JMS
     * messages sent in this transaction below the broker's per-transaction limit).
     */
    public int requeueExpired(int limit) {
        List<LeasedMessage> expired = messages.expiredLeases(limit);
        record Key(Carrier carrier, OffsetDateTime acceptedAt) {}
        Map<Key, List<Long>> units = new HashMap<>();
        for (LeasedMessage m : expired) {
            if (m.attempts() >= maxAttempts) {
                messages.markFinal(
                        m.id(),
                        m.acceptedAt(),
                        MessageState.FAILED,
                        "RETRIES_EXHAUSTED",
                        "no carrier accepted it after " + m.attempts() + " attempts");
                continue;
            }
            units.computeIfAbsent(new Key(m.carrier(), m.acceptedAt()), k -> new ArrayList<>())
                    .add(m.id());
        }
        units.forEach((key, ids) -> {
            long[] unit = ids.stream().mapToLong(Long::longValue).toArray();
            messages.extendLeases(key.acceptedAt(), unit, Duration.ofSeconds(leaseSeconds));
            queues.dispatch(key.carrier(), key.acceptedAt(), unit);
        });
        return expired.size();
    }
}
