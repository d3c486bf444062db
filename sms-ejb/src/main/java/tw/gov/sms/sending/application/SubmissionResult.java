package tw.gov.sms.sending.application;

import java.util.List;
import tw.gov.sms.sending.domain.JobState;
import tw.gov.sms.shared.domain.Problem;

/**
 * The answer to a submission, given only once the job and every accepted recipient are committed.
 * {@code replayed} is true when an earlier submission with the same idempotency key is answered again.
 */
public record SubmissionResult(
        long jobId,
        JobState state,
        int accepted,
        int segments,
        List<RecipientRejection> rejections,
        List<String> duplicates,
        List<Problem> warnings,
        boolean replayed) {}
