package tw.gov.sms.sending.application;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import tw.gov.sms.account.domain.AgencyId;
import tw.gov.sms.sending.domain.JobState;
import tw.gov.sms.sending.domain.SendJob;
import tw.gov.sms.shared.domain.Problem;
import tw.gov.sms.shared.domain.ProblemCode;

/**
 * Cancels a scheduled job until it starts. The job row is locked first, the same lock the release
 * takes, so a job is either cancelled with all its messages or released, never half of each.
 */
@Stateless
public class JobCancellation {

    @jakarta.inject.Inject
    tw.gov.sms.account.application.Audit audit;

    @PersistenceContext(unitName = "sms")
    EntityManager em;

    /** Returns the number of messages cancelled. */
    /** Cancels and records {@code JOB_CANCEL} in the same transaction. */
    public int cancel(tw.gov.sms.account.domain.Actor actor, AgencyId agency, long jobId) {
        int cancelled = cancel(agency, jobId);
        audit.success(actor, "JOB_CANCEL", "job:" + jobId, cancelled + " messages cancelled");
        return cancelled;
    }

    public int cancel(AgencyId agency, long jobId) {
        SendJob job = em.find(SendJob.class, jobId, LockModeType.PESSIMISTIC_WRITE);
        if (job == null || !job.agencyId().equals(agency)) {
            throw new JobNotFoundException(jobId);
        }
        if (job.getState() != JobState.SCHEDULED) {
            throw new StateConflictException(
                    Problem.of(ProblemCode.JOB_NOT_CANCELLABLE, "state", null, jobId, job.getState()));
        }
        OffsetDateTime now = OffsetDateTime.now().truncatedTo(ChronoUnit.MICROS);
        job.cancel(now);
        return em.createNativeQuery("update message set state = 'CANCELLED', final_at = ?1"
                        + " where job_id = ?2 and accepted_at = ?3 and state = 'SCHEDULED'")
                .setParameter(1, now)
                .setParameter(2, jobId)
                .setParameter(3, job.getAcceptedAt())
                .executeUpdate();
    }
}
