package tw.gov.sms.sending.application;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tw.gov.sms.account.domain.Agency;
import tw.gov.sms.quota.application.QuotaService;
import tw.gov.sms.sending.domain.JobState;
import tw.gov.sms.sending.domain.MessageState;
import tw.gov.sms.sending.domain.SendJob;
import tw.gov.sms.sending.domain.content.ComposedMessage;
import tw.gov.sms.sending.domain.content.ContentEngine;
import tw.gov.sms.sending.infrastructure.jdbc.MessageStore;
import tw.gov.sms.sending.infrastructure.jdbc.MessageStore.NewMessage;
import tw.gov.sms.sending.infrastructure.jms.WorkQueues;
import tw.gov.sms.shared.domain.Msisdn;
import tw.gov.sms.shared.domain.MsisdnParser;
import tw.gov.sms.shared.domain.NumberParseResult;
import tw.gov.sms.shared.domain.Problem;
import tw.gov.sms.shared.domain.ProblemCode;
import tw.gov.sms.shared.domain.Severity;
import tw.gov.sms.shared.infrastructure.crypto.FieldCipher;
import tw.gov.sms.shared.infrastructure.crypto.FieldCipher.Purpose;
import tw.gov.sms.shared.infrastructure.crypto.NumberHasher;

/**
 * The one submission use case behind every channel (portal, file, API, SFTP). It validates numbers and
 * content (R2.3), builds each text with the agency prefix (R2.2), plans segments (R2.1) and stores the
 * job and one row per accepted recipient before it answers: the transaction that commits the rows also
 * puts the job on the release queue, so a stored job is never forgotten and a failed one leaves nothing.
 */
@Stateless
public class SubmissionService {

    @PersistenceContext(unitName = "sms")
    EntityManager em;

    @Inject
    ContentEngine content;

    @Inject
    MessageStore messages;

    @Inject
    FieldCipher cipher;

    @Inject
    NumberHasher hasher;

    @Inject
    WorkQueues queues;

    @Inject
    SendRules rules;

    @Inject
    tw.gov.sms.account.application.Audit audit;

    @Inject
    QuotaService quota;

    /**
     * A submission by an identified caller: the {@code SEND} audit event is written in the same transaction
     * as the job (R5.3), so there is never a job without its event or an event without its job.
     */
    public SubmissionResult submit(SubmissionRequest request, tw.gov.sms.account.domain.Actor actor) {
        SubmissionResult result;
        try {
            result = submit(request);
        } catch (SubmissionRejectedException e) {
            audit.failed(actor, "SEND", null, "rejected: " + e.getMessage());
            throw e;
        }
        audit.success(
                actor,
                "SEND",
                "job:" + result.jobId(),
                (result.replayed() ? "replayed; " : "") + "channel " + request.channel() + ", " + result.accepted()
                        + " recipients");
        return result;
    }

    public SubmissionResult submit(SubmissionRequest request) {
        Agency agency = em.find(Agency.class, request.agency().value());
        if (agency == null || !agency.isActive()) {
            throw rejected(Problem.of(ProblemCode.AGENCY_DISABLED, "agency", null));
        }
        if (request.idempotencyKey() != null && (request.apiClientId() != null || request.accountId() != null)) {
            var earlier = (request.apiClientId() != null
                            ? em.createNamedQuery(SendJob.BY_IDEMPOTENCY_KEY, SendJob.class)
                                    .setParameter("clientId", request.apiClientId())
                            : em.createNamedQuery(SendJob.BY_ACCOUNT_IDEMPOTENCY_KEY, SendJob.class)
                                    .setParameter("accountId", request.accountId()))
                    .setParameter("agencyId", request.agency().value())
                    .setParameter("key", request.idempotencyKey())
                    .getResultList();
            if (!earlier.isEmpty()) {
                SendJob job = earlier.get(0);
                return new SubmissionResult(
                        job.getId(),
                        job.getState(),
                        job.getRecipientCount(),
                        job.getSegmentCount(),
                        List.of(),
                        List.of(),
                        List.of(),
                        true);
            }
        }
        OffsetDateTime now = OffsetDateTime.now().truncatedTo(ChronoUnit.MICROS);
        List<Problem> requestProblems = new ArrayList<>(checkRequest(request, now));
        requestProblems.addAll(content.checkTemplate(agency.getDisplayName(), request.text()));
        List<Problem> errors = requestProblems.stream()
                .filter(p -> p.severity() == Severity.ERROR)
                .toList();
        if (!errors.isEmpty()) {
            throw new SubmissionRejectedException(errors, List.of());
        }
        List<Problem> warnings = requestProblems.stream()
                .filter(p -> p.severity() == Severity.WARNING)
                .toList();

        List<RecipientRejection> rejections = new ArrayList<>();
        List<String> duplicates = new ArrayList<>();
        List<ComposedMessage> composed = new ArrayList<>(request.recipients().size());
        List<Integer> inputIndex = new ArrayList<>(request.recipients().size());
        Set<Msisdn> seen = new HashSet<>();
        for (int i = 0; i < request.recipients().size(); i++) {
            RecipientInput input = request.recipients().get(i);
            NumberParseResult parsed = MsisdnParser.parse(input.number(), "recipients[" + i + "]");
            if (!parsed.ok()) {
                rejections.add(new RecipientRejection(i, input.number(), List.of(parsed.problem())));
                continue;
            }
            if (!seen.add(parsed.msisdn())) {
                duplicates.add(input.number());
                continue;
            }
            ComposedMessage message =
                    content.compose(agency.getDisplayName(), request.text(), parsed.msisdn(), input.values());
            if (message.hasErrors()) {
                rejections.add(new RecipientRejection(
                        i,
                        input.number(),
                        message.problems().stream()
                                .filter(p -> p.severity() == Severity.ERROR)
                                .toList()));
                continue;
            }
            composed.add(message);
            inputIndex.add(i);
        }
        if (composed.isEmpty()) {
            throw new SubmissionRejectedException(
                    List.of(Problem.of(ProblemCode.REQUEST_NO_VALID_RECIPIENTS, "recipients", null)), rejections);
        }

        // Quota (R11.1-R11.3): checked before anything is stored; reserved as the transaction's last step.
        int plannedSegments = composed.stream().mapToInt(m -> m.plan().count()).sum();
        QuotaService.Plan quotaPlan = null;
        try {
            if (request.test()) {
                quota.useTestAllowance(request.accountId(), request.apiClientId(), composed.size());
            } else {
                quotaPlan = quota.plan(request.agency(), request.accountId(), plannedSegments);
            }
        } catch (QuotaService.QuotaRefusal e) {
            throw new SubmissionRejectedException(List.of(e.problem()), rejections);
        }

        SendJob job = new SendJob(
                request.agency(),
                request.apiClientId(),
                request.channel(),
                request.test(),
                rules.sender(request.test()),
                request.idempotencyKey(),
                cipher.encrypt(request.text(), Purpose.JOB_TEXT),
                (short) cipher.activeVersion(),
                now,
                request.scheduleAt(),
                rules.validityUntil(request.scheduleAt(), request.validityMinutes(), now));
        job.startedBy(request.accountId(), request.groupId());
        em.persist(job);
        em.flush();

        List<NewMessage> rows = new ArrayList<>(composed.size());
        int segments = 0;
        short keyVersion = (short) cipher.activeVersion();
        for (int k = 0; k < composed.size(); k++) {
            ComposedMessage m = composed.get(k);
            String number = m.recipient().national();
            rows.add(new NewMessage(
                    inputIndex.get(k),
                    hasher.hash(number),
                    cipher.encrypt(number, Purpose.MSISDN),
                    cipher.encrypt(m.fullText(), Purpose.MESSAGE_TEXT),
                    keyVersion,
                    m.plan().encoding().name(),
                    m.plan().count()));
            segments += m.plan().count();
        }
        MessageState initial = job.getState() == JobState.SCHEDULED ? MessageState.SCHEDULED : MessageState.ACCEPTED;
        messages.insertAll(job.getId(), job.getAcceptedAt(), job.getValidityUntil(), initial, rows);
        job.recordRecipients(composed.size(), rejections.size(), segments);
        if (quotaPlan != null) {
            job.drawsOn(quotaPlan.contractId());
            try {
                quota.reserve(
                        quotaPlan, request.agency(), request.accountId(), job.getId(), segments, ledgerActor(request));
            } catch (QuotaService.QuotaRefusal e) {
                throw new SubmissionRejectedException(List.of(e.problem()), rejections);
            }
        }
        if (job.getState() == JobState.ACCEPTED) {
            queues.release(job.getId());
        }
        return new SubmissionResult(
                job.getId(), job.getState(), composed.size(), segments, rejections, duplicates, warnings, false);
    }

    private static String ledgerActor(SubmissionRequest request) {
        if (request.accountId() != null) {
            return "account:" + request.accountId();
        }
        return request.apiClientId() != null ? "client:" + request.apiClientId() : "system";
    }

    private List<Problem> checkRequest(SubmissionRequest request, OffsetDateTime now) {
        List<Problem> problems = new ArrayList<>();
        if (request.recipients().isEmpty()) {
            problems.add(Problem.of(ProblemCode.REQUEST_NO_RECIPIENTS, "recipients", null));
        } else {
            problems.addAll(rules.checkRecipientCount(request.recipients().size(), "recipients"));
        }
        problems.addAll(rules.checkTimes(request.scheduleAt(), request.validityMinutes(), now));
        return problems;
    }

    private static SubmissionRejectedException rejected(Problem problem) {
        return new SubmissionRejectedException(List.of(problem), List.of());
    }
}
