package tw.gov.sms.carrier.application;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import tw.gov.sms.carrier.infrastructure.CarrierLinks;
import tw.gov.sms.carrier.infrastructure.smpp.OutboundSms;
import tw.gov.sms.carrier.infrastructure.smpp.SmppCarrierLink;
import tw.gov.sms.carrier.infrastructure.smpp.SmppSubmitException;
import tw.gov.sms.carrier.infrastructure.smpp.SmsEncoding;
import tw.gov.sms.routing.domain.Carrier;
import tw.gov.sms.sending.domain.MessageState;
import tw.gov.sms.sending.domain.SendJob;
import tw.gov.sms.sending.domain.content.Encoding;
import tw.gov.sms.sending.domain.content.SegmentPlan;
import tw.gov.sms.sending.domain.content.SegmentPlanner;
import tw.gov.sms.sending.infrastructure.jdbc.MessageStore;
import tw.gov.sms.sending.infrastructure.jdbc.MessageStore.DispatchRow;
import tw.gov.sms.shared.domain.Msisdn;
import tw.gov.sms.shared.infrastructure.crypto.FieldCipher;
import tw.gov.sms.shared.infrastructure.crypto.FieldCipher.Purpose;

/**
 * Hands one work unit to its carrier's link (DESIGN.md step 4). The text is planned again from the
 * stored full text with the same planner that planned it at acceptance, so the carrier receives exactly
 * the segments the preview showed. The unit's messages are first claimed (one statement, a
 * compare-and-set on each attempt count), then submitted without waiting for each answer: a submit
 * returns once its {@code submit_sm} is written, and waits only while the link's window is full, so one
 * MDB thread keeps up to binds × window submits in flight and the window, not the number of MDB
 * threads, sets the pace (the window is shared by every thread dispatching to that carrier).
 *
 * <p>The answers arrive on jSMPP's threads, which only queue them ({@link InFlightSubmits}); this thread
 * takes them off after every submit and records them in batches of {@code sms.dispatch.record-batch},
 * each in its own transaction. When every message is written it waits for the rest, at most the
 * link's response timeout and a margin; a message still unanswered then counts as a timeout.
 * <ul>
 *   <li>accepted: SUBMITTED with the carrier's id of every segment;
 *   <li>throttled, transient error, timeout or no bind: stays QUEUED with a lease; the sweeper retries
 *       it with back-off until {@code sms.dispatch.max-attempts} or its validity runs out (R1.6);
 *   <li>permanent error: FAILED with the carrier's status and a readable reason.
 * </ul>
 * A {@code submit_sm} whose response never came (timeout, or the bind lost before it), or whose answer
 * was not yet recorded when the server stopped, is submitted again: the platform prefers a rare
 * duplicate to a lost government message (docs/message-path.md, "In-flight policy").
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DispatchService {

    private static final Logger LOG = Logger.getLogger(DispatchService.class.getName());

    @Inject
    MessageStore messages;

    @Inject
    DispatchRecorder recorder;

    @Inject
    CarrierLinks links;

    @Inject
    FieldCipher cipher;

    @Inject
    SegmentPlanner planner;

    @PersistenceContext(unitName = "sms")
    EntityManager em;

    @Inject
    @ConfigProperty(name = "sms.dispatch.max-attempts", defaultValue = "8")
    int maxAttempts;

    @Inject
    @ConfigProperty(name = "sms.dispatch.retry-base-seconds", defaultValue = "5")
    long retryBaseSeconds;

    /** How long a claimed attempt holds its messages. */
    private static final Duration ATTEMPT_LEASE = Duration.ofSeconds(180);

    /** A dispatcher stops submitting this long before its claim runs out (more than any response timeout). */
    private static final Duration CLAIM_MARGIN = Duration.ofSeconds(60);

    /** Beyond the link's response timeout, how long the last answers of a unit are waited for. */
    private static final Duration ANSWER_MARGIN = Duration.ofSeconds(5);

    /**
     * Answers recorded per transaction: fewer commits, and a crash re-sends at most this many answered
     * messages per MDB thread, besides those still in flight (at most binds × window per link).
     */
    @Inject
    @ConfigProperty(name = "sms.dispatch.record-batch", defaultValue = "50")
    int recordBatch;

    public void dispatch(Carrier carrier, OffsetDateTime acceptedAt, long[] ids) {
        Optional<SmppCarrierLink> link = links.link(carrier);
        Map<Long, String> senders = new HashMap<>();
        OffsetDateTime now = OffsetDateTime.now();
        List<DispatchRow> queued = new ArrayList<>();
        Batches batches = new Batches(acceptedAt, carrier);
        for (DispatchRow row : messages.forDispatch(acceptedAt, ids)) {
            if (row.state() != MessageState.QUEUED) {
                continue; // already handled: a redelivered unit or a sweeper duplicate
            }
            if (row.validityUntil().isBefore(now)) {
                batches.current()
                        .finalState(row.id(), MessageState.EXPIRED, "VALIDITY_ENDED", "validity ended before hand-off");
                continue;
            }
            queued.add(row);
        }
        Set<Long> claimed = messages.claimForSubmission(acceptedAt, queued, ATTEMPT_LEASE);
        Instant stopAt = Instant.now().plus(ATTEMPT_LEASE).minus(CLAIM_MARGIN);
        InFlightSubmits inFlight = new InFlightSubmits();
        for (DispatchRow row : queued) {
            if (!claimed.contains(row.id())) {
                continue; // another dispatcher holds this message (it was in two work units)
            }
            if (Instant.now().isAfter(stopAt)) {
                break; // the rest wait for their claim to run out and go back on the queue
            }
            if (link.isEmpty()) {
                retryOrFail(batches.current(), row, "NO_CARRIER_LINK", "no SMSC configured for " + carrier);
            } else {
                // Returns once the message is written; waits only while the link's window is full.
                inFlight.add(row, link.get().submitAsync(outbound(row, senders)));
            }
            batches.recordIfFull();
            inFlight.takeAnswered(answer -> settle(answer, batches));
        }
        if (link.isPresent() && inFlight.waiting() > 0) {
            // Every submit_sm is written: each is answered, timed out or failed within one response timeout.
            Duration bound = link.get().settings().responseTimeout().plus(ANSWER_MARGIN);
            for (DispatchRow row : inFlight.awaitRest(bound, answer -> settle(answer, batches))) {
                retryOrFail(batches.current(), row, "SMPP_TIMEOUT", "no answer from the link within " + bound);
            }
        }
        batches.recordRest();
    }

    private OutboundSms outbound(DispatchRow row, Map<Long, String> senders) {
        String sender = senders.computeIfAbsent(
                row.jobId(), id -> em.find(SendJob.class, id).getSenderId());
        Msisdn msisdn = Msisdn.of(cipher.decrypt(row.msisdnCipher(), Purpose.MSISDN));
        SegmentPlan plan = planner.plan(cipher.decrypt(row.textCipher(), Purpose.MESSAGE_TEXT));
        return new OutboundSms(
                row.id(),
                sender,
                msisdn.international(),
                plan.encoding() == Encoding.GSM7 ? SmsEncoding.GSM7 : SmsEncoding.UCS2,
                plan.encodedSegments(),
                concatReference(row.id()),
                Duration.between(OffsetDateTime.now(), row.validityUntil()));
    }

    /** Turns the carrier's answer for one message into what is recorded for it; on the MDB thread. */
    private void settle(InFlightSubmits.Answer answer, Batches batches) {
        DispatchOutcomes outcomes = batches.current();
        DispatchRow row = answer.row();
        if (answer.failure() == null) {
            outcomes.submitted(row.id(), answer.outcome().carrierMessageIds());
        } else if (answer.failure() instanceof SmppSubmitException e) {
            if (e.kind() == SmppSubmitException.Kind.PERMANENT) {
                outcomes.finalState(
                        row.id(),
                        MessageState.FAILED,
                        e.commandStatus() == SmppSubmitException.NO_STATUS
                                ? "SMPP_REFUSED"
                                : String.format("SMPP_%08X", e.commandStatus()),
                        e.description());
            } else {
                retryOrFail(outcomes, row, "SMPP_" + e.kind(), e.description());
            }
        } else {
            // Not an answer from the carrier but a fault of ours: the SMSC may have the message, so retry.
            LOG.log(Level.WARNING, "submit of message " + row.id() + " failed unexpectedly", answer.failure());
            retryOrFail(outcomes, row, "SMPP_TRANSIENT", String.valueOf(answer.failure()));
        }
        batches.recordIfFull();
    }

    /**
     * The concatenation reference of a long message: the low 16 bits of its id (UDH8 uses the low 8).
     * Two long messages to one handset share a reference only if both are being reassembled at once and
     * their ids differ by a multiple of 65,536 (256 with UDH8); ids are unique, so within a job, where
     * every number appears once, references never collide.
     */
    static int concatReference(long messageId) {
        return (int) (messageId & 0xFFFF);
    }

    private void retryOrFail(DispatchOutcomes outcomes, DispatchRow row, String code, String detail) {
        int attempts = row.attempts() + 1; // this attempt's claim counted it
        if (attempts >= maxAttempts) {
            outcomes.finalState(
                    row.id(), MessageState.FAILED, code, "gave up after " + attempts + " attempts: " + detail);
            return;
        }
        long backoff = Math.min(600, retryBaseSeconds << Math.min(row.attempts(), 7));
        LOG.fine(() -> "message " + row.id() + " retried in " + backoff + " s: " + detail);
        outcomes.retry(row.id(), Duration.ofSeconds(backoff), code, detail);
    }

    /**
     * A unit's answers, recorded {@code sms.dispatch.record-batch} at a time, each batch in its own
     * transaction. Used on the MDB thread only: the recorder opens transactions, which belong there.
     */
    private final class Batches {

        private final OffsetDateTime acceptedAt;
        private final Carrier carrier;
        private DispatchOutcomes current = new DispatchOutcomes();

        Batches(OffsetDateTime acceptedAt, Carrier carrier) {
            this.acceptedAt = acceptedAt;
            this.carrier = carrier;
        }

        DispatchOutcomes current() {
            return current;
        }

        void recordIfFull() {
            if (current.size() >= recordBatch) {
                recordRest();
            }
        }

        void recordRest() {
            recorder.record(acceptedAt, carrier, current);
            current = new DispatchOutcomes();
        }
    }
}
