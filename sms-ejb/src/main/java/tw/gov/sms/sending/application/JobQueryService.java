package tw.gov.sms.sending.application;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import tw.gov.sms.account.domain.AgencyId;
import tw.gov.sms.sending.domain.MessageState;
import tw.gov.sms.sending.domain.SendJob;
import tw.gov.sms.sending.infrastructure.jdbc.MessageStore;
import tw.gov.sms.sending.infrastructure.jdbc.MessageStore.JobTimes;
import tw.gov.sms.shared.domain.Msisdn;
import tw.gov.sms.shared.infrastructure.crypto.FieldCipher;
import tw.gov.sms.shared.infrastructure.crypto.FieldCipher.Purpose;

/** Reads jobs and their messages, only ever within the caller's agency (visibility in the query itself). */
@Stateless
public class JobQueryService {

    @PersistenceContext(unitName = "sms")
    EntityManager em;

    @Inject
    MessageStore messages;

    @Inject
    FieldCipher cipher;

    public JobView find(long jobId, AgencyId agency) {
        SendJob job = visibleJob(jobId, agency);
        JobTimes times = messages.jobTimes(jobId, job.getAcceptedAt());
        return new JobView(
                job.getId(),
                job.getChannel().name(),
                job.getState(),
                job.isTest(),
                job.getSenderId(),
                job.getRecipientCount(),
                job.getRejectedCount(),
                job.getSegmentCount(),
                times.deliveredSegments(),
                messages.countsByState(jobId, job.getAcceptedAt()),
                job.getAcceptedAt(),
                job.getScheduledAt(),
                job.getReleasedAt(),
                job.getHandedOverAt() != null
                        ? job.getHandedOverAt()
                        : times.allHandedOver() && job.getReleasedAt() != null ? times.lastSubmittedAt() : null,
                times.lastFinalAt(),
                job.getCompletedAt(),
                job.getValidityUntil());
    }

    public List<MessageLine> messages(long jobId, AgencyId agency, MessageState state, int offset, int limit) {
        SendJob job = visibleJob(jobId, agency);
        return messages.messagesOfJob(jobId, job.getAcceptedAt(), state, offset, limit).stream()
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
                        m.submittedAt() == null ? List.of() : messages.carrierIdsOf(m.id(), job.getAcceptedAt()),
                        m.queuedAt(),
                        m.submittedAt(),
                        m.finalAt(),
                        m.errorCode(),
                        m.errorDetail(),
                        m.attempts()))
                .toList();
    }

    private SendJob visibleJob(long jobId, AgencyId agency) {
        SendJob job = em.find(SendJob.class, jobId);
        if (job == null || !job.agencyId().equals(agency)) {
            throw new JobNotFoundException(jobId);
        }
        return job;
    }
}
