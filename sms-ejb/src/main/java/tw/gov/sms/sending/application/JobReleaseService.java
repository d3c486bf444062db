package tw.gov.sms.sending.application;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import tw.gov.sms.routing.application.Router;
import tw.gov.sms.routing.domain.Carrier;
import tw.gov.sms.routing.domain.Route;
import tw.gov.sms.sending.domain.SendJob;
import tw.gov.sms.sending.infrastructure.jdbc.MessageStore;
import tw.gov.sms.sending.infrastructure.jdbc.MessageStore.QueuedRow;
import tw.gov.sms.sending.infrastructure.jdbc.MessageStore.RoutingRow;
import tw.gov.sms.sending.infrastructure.jms.WorkQueues;
import tw.gov.sms.shared.infrastructure.crypto.FieldCipher;
import tw.gov.sms.shared.infrastructure.crypto.FieldCipher.Purpose;

/**
 * Releases a due job: routes each recipient to its current carrier (R1.2), marks the messages QUEUED
 * with a lease and puts work units of ids on the dispatch queue, all in one transaction. The job row is
 * locked with {@code FOR UPDATE SKIP LOCKED}, so with several instances a job is released exactly once.
 */
@Stateless
public class JobReleaseService {

    @PersistenceContext(unitName = "sms")
    EntityManager em;

    @Inject
    MessageStore messages;

    @Inject
    Router router;

    @Inject
    FieldCipher cipher;

    @Inject
    WorkQueues queues;

    /** Stays below OpenMQ's limit of 1,000 messages produced in one transaction (with room for others). */
    static final int MAX_UNITS_PER_RELEASE = 900;

    @Inject
    @ConfigProperty(name = "sms.dispatch.unit-size", defaultValue = "200")
    int unitSize;

    @Inject
    @ConfigProperty(name = "sms.dispatch.lease-seconds", defaultValue = "120")
    long leaseSeconds;

    /** Returns false when the job is not releasable now (already released, locked elsewhere, not due). */
    public boolean release(long jobId) {
        List<?> locked = em.createNativeQuery("select id from send_job where id = ?1"
                        + " and state in ('ACCEPTED', 'SCHEDULED') for update skip locked")
                .setParameter(1, jobId)
                .getResultList();
        if (locked.isEmpty()) {
            return false;
        }
        SendJob job = em.find(SendJob.class, jobId);
        em.refresh(job);
        OffsetDateTime now = OffsetDateTime.now();
        if (!job.isDue(now)) {
            return false;
        }
        Map<Carrier, List<QueuedRow>> byCarrier = new EnumMap<>(Carrier.class);
        for (RoutingRow row : messages.awaitingRelease(jobId, job.getAcceptedAt())) {
            Route route = router.route(cipher.decrypt(row.msisdnCipher(), Purpose.MSISDN));
            byCarrier.computeIfAbsent(route.carrier(), c -> new ArrayList<>()).add(new QueuedRow(row.id(), route));
        }
        Duration lease = Duration.ofSeconds(leaseSeconds);
        int total = byCarrier.values().stream().mapToInt(List::size).sum();
        // OpenMQ refuses more than 1,000 messages in one transaction: large jobs get larger units.
        int unit = Math.max(unitSize, (total + MAX_UNITS_PER_RELEASE - 1) / MAX_UNITS_PER_RELEASE);
        List<List<QueuedRow>> perCarrier = new ArrayList<>();
        byCarrier.forEach((carrier, rows) -> {
            messages.markQueued(job.getAcceptedAt(), rows, lease);
            perCarrier.add(rows);
        });
        // Interleave the carriers' units so all three links work from the start.
        for (int start = 0; perCarrier.stream().anyMatch(rows -> rows.size() > 0); start += unit) {
            boolean more = false;
            for (List<QueuedRow> rows : perCarrier) {
                if (start < rows.size()) {
                    more = true;
                    List<QueuedRow> slice = rows.subList(start, Math.min(rows.size(), start + unit));
                    queues.dispatch(
                            slice.get(0).route().carrier(),
                            job.getAcceptedAt(),
                            slice.stream().mapToLong(QueuedRow::id).toArray());
                }
            }
            if (!more) {
                break;
            }
        }
        job.release(now);
        return true;
    }

    /** Ids of jobs that are due (scheduled time reached, or accepted but never released). */
    @SuppressWarnings("unchecked")
    public List<Long> dueJobs(int limit) {
        List<Number> ids = em.createNativeQuery("select id from send_job where state in ('ACCEPTED', 'SCHEDULED')"
                        + " and coalesce(scheduled_at, accepted_at) <= now() - interval '5 seconds'"
                        + " order by coalesce(scheduled_at, accepted_at) limit ?1")
                .setParameter(1, limit)
                .getResultList();
        return ids.stream().map(Number::longValue).toList();
    }
}
