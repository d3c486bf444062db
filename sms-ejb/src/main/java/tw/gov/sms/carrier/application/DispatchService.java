package tw.gov.sms.carrier.application;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import tw.gov.sms.carrier.infrastructure.CarrierLinks;
import tw.gov.sms.carrier.infrastructure.smpp.OutboundSms;
import tw.gov.sms.carrier.infrastructure.smpp.SmppCarrierLink;
import tw.gov.sms.carrier.infrastructure.smpp.SmppSubmitException;
import tw.gov.sms.carrier.infrastructure.smpp.SmsEncoding;
import tw.gov.sms.carrier.infrastructure.smpp.SubmitOutcome;
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
 * the segments the preview showed. Each answer is recorded at once in its own transaction:
 * <ul>
 *   <li>accepted: SUBMITTED with the carrier's id of every segment;
 *   <li>throttled, transient error, timeout or no bind: stays QUEUED with a lease; the sweeper retries
 *       it with back-off until {@code sms.dispatch.max-attempts} or its validity runs out (R1.6);
 *   <li>permanent error: FAILED with the carrier's status and a readable reason.
 * </ul>
 * A {@code submit_sm} whose response never came (timeout, crash) is retried: the platform prefers a rare
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

    /** How long a claimed attempt holds its message: longer than any response timeout. */
    private static final Duration ATTEMPT_LEASE = Duration.ofSeconds(120);

    public void dispatch(Carrier carrier, OffsetDateTime acceptedAt, long[] ids) {
        Optional<SmppCarrierLink> link = links.link(carrier);
        Map<Long, String> senders = new HashMap<>();
        for (DispatchRow row : messages.forDispatch(acceptedAt, ids)) {
            if (row.state() != MessageState.QUEUED) {
                continue; // already handled: a redelivered unit or a sweeper duplicate
            }
            OffsetDateTime now = OffsetDateTime.now();
            if (row.validityUntil().isBefore(now)) {
                recorder.finalState(
                        row.id(), acceptedAt, MessageState.EXPIRED, "VALIDITY_ENDED", "validity ended before hand-off");
                continue;
            }
            if (!messages.claimForSubmission(row.id(), acceptedAt, row.attempts(), ATTEMPT_LEASE)) {
                continue; // another dispatcher holds this message (it was in two work units)
            }
            if (link.isEmpty()) {
                retryOrFail(row, acceptedAt, "NO_CARRIER_LINK", "no SMSC configured for " + carrier);
                continue;
            }
            String sender = senders.computeIfAbsent(
                    row.jobId(), id -> em.find(SendJob.class, id).getSenderId());
            Msisdn msisdn = Msisdn.of(cipher.decrypt(row.msisdnCipher(), Purpose.MSISDN));
            SegmentPlan plan = planner.plan(cipher.decrypt(row.textCipher(), Purpose.MESSAGE_TEXT));
            OutboundSms sms = new OutboundSms(
                    row.id(),
                    sender,
                    msisdn.international(),
                    plan.encoding() == Encoding.GSM7 ? SmsEncoding.GSM7 : SmsEncoding.UCS2,
                    plan.encodedSegments(),
                    concatReference(row.id()),
                    Duration.between(now, row.validityUntil()));
            try {
                SubmitOutcome outcome = link.get().submit(sms);
                recorder.submitted(row.id(), acceptedAt, carrier, outcome.carrierMessageIds());
            } catch (SmppSubmitException e) {
                switch (e.kind()) {
                    case PERMANENT ->
                        recorder.finalState(
                                row.id(),
                                acceptedAt,
                                MessageState.FAILED,
                                String.format("SMPP_%08X", e.commandStatus()),
                                e.description());
                    default -> retryOrFail(row, acceptedAt, "SMPP_" + e.kind(), e.description());
                }
            }
        }
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

    private void retryOrFail(DispatchRow row, OffsetDateTime acceptedAt, String code, String detail) {
        if (row.attempts() + 1 >= maxAttempts) {
            recorder.finalState(
                    row.id(),
                    acceptedAt,
                    MessageState.FAILED,
                    code,
                    "gave up after " + maxAttempts + " attempts: " + detail);
            return;
        }
        long backoff = Math.min(600, retryBaseSeconds << Math.min(row.attempts(), 7));
        LOG.fine(() -> "message " + row.id() + " retried in " + backoff + " s: " + detail);
        recorder.retryLater(row.id(), acceptedAt, Duration.ofSeconds(backoff), code, detail);
    }
}
