package tw.gov.sms.sending.application;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Map;
import tw.gov.sms.account.application.Audit;
import tw.gov.sms.account.domain.Actor;
import tw.gov.sms.sending.domain.JobState;
import tw.gov.sms.sending.domain.MessageState;
import tw.gov.sms.sending.domain.SendJob;
import tw.gov.sms.sending.infrastructure.jdbc.JobTallyStore;
import tw.gov.sms.sending.infrastructure.jdbc.JobTallyStore.Tally;
import tw.gov.sms.sending.infrastructure.jdbc.MessageStore;
import tw.gov.sms.sending.infrastructure.jdbc.MessageStore.MessageView;
import tw.gov.sms.shared.domain.Msisdn;
import tw.gov.sms.shared.infrastructure.crypto.FieldCipher;
import tw.gov.sms.shared.infrastructure.crypto.FieldCipher.Purpose;

/**
 * Reads jobs and their messages, only ever within the actor's visibility (R6.4): an agency system its
 * agency's jobs, a user their own, a group administrator the group's, administrators every job.
 */
@Stateless
public class JobQueryService {

    @PersistenceContext(unitName = "sms")
    EntityManager em;

    @Inject
    MessageStore messages;

    @Inject
    JobTallyStore tallies;

    @Inject
    FieldCipher cipher;

    @Inject
    Audit audit;

    public JobView find(long jobId, Actor actor) {
        SendJob job = visibleJob(jobId, actor);
        JobView view = view(job);
        // Audited last: the event takes the audit chain's head lock until commit, so reading first keeps that
        // lock out of the job's counts (under load every audited page queued behind it; docs/benchmarks.md, portal).
        audit.success(actor, "JOB_READ", "job:" + jobId, null);
        return view;
    }

    /**
     * The same view without an audit event, for a page refreshing a job it has already shown (every
     * refresh would otherwise write one); visibility is checked again each time.
     */
    public JobView refresh(long jobId, Actor actor) {
        return view(visibleJob(jobId, actor));
    }

    private JobView view(SendJob job) {
        Tally tally = tally(job);
        return new JobView(
                job.getId(),
                job.getChannel().name(),
                job.getState(),
                job.isTest(),
                job.getSenderId(),
                job.getRecipientCount(),
                job.getRejectedCount(),
                job.getSegmentCount(),
                tally.deliveredSegments(),
                tally.byState(),
                job.getAcceptedAt(),
                job.getScheduledAt(),
                job.getReleasedAt(),
                job.getHandedOverAt() != null
                        ? job.getHandedOverAt()
                        : tally.allHandedOver() && job.getReleasedAt() != null ? tally.lastSubmittedAt() : null,
                tally.lastFinalAt(),
                job.getCompletedAt(),
                job.getValidityUntil(),
                tally.lines().stream()
                        .map(l -> new CarrierCount(l.carrier(), l.state(), l.messages()))
                        .toList());
    }

    /** The job's messages counted per carrier and state, in one pass (kept once the job is completed). */
    public Tally tally(SendJob job) {
        return tallies.tally(job.getId(), job.getAcceptedAt(), job.getState() == JobState.COMPLETED);
    }

    public List<MessageLine> messages(long jobId, Actor actor, MessageState state, int offset, int limit) {
        SendJob job = visibleJob(jobId, actor);
        List<MessageView> page = messages.messagesOfJob(jobId, job.getAcceptedAt(), state, offset, limit);
        Map<Long, List<String>> carrierIds = messages.carrierIdsOf(
                page.stream()
                        .filter(m -> m.submittedAt() != null)
                        .map(MessageView::id)
                        .toList(),
                job.getAcceptedAt());
        List<MessageLine> lines = page.stream()
                .map(m -> new MessageLine(
                        m.id(),
                        m.seq(),
                        Msisdn.of(cipher.decrypt(m.msisdnCipher(), Purpose.MSISDN))
                                .masked(),
                        m.state(),
                        m.carrier(),
                        m.routeReason(),
                        m.segments(),
                        m.deliveredSegments(),
                        carrierIds.getOrDefault(m.id(), List.of()),
                        m.queuedAt(),
                        m.submittedAt(),
                        m.finalAt(),
                        m.errorCode(),
                        m.errorDetail(),
                        m.attempts()))
                .toList();
        // Audited after the reads (see find): the head lock is then held only for the append and the commit.
        audit.success(
                actor, "RECORDS_READ", "job:" + jobId, "state=" + state + " offset=" + offset + " limit=" + limit);
        return lines;
    }

    /** The job if the actor may see it (R6.4); otherwise "not found", so existence does not leak. */
    public SendJob visibleJob(long jobId, Actor actor) {
        SendJob job = em.find(SendJob.class, jobId);
        if (job == null || !actor.canSee(job.agencyId(), job.getGroupId(), job.getAccountId())) {
            if (job != null) {
                audit.refused(actor, "JOB_READ", "job:" + jobId, "outside visibility");
            }
            throw new JobNotFoundException(jobId);
        }
        return job;
    }
}
