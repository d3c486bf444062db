package tw.gov.sms.intake.application;

import java.time.OffsetDateTime;
import java.util.List;
import tw.gov.sms.sending.domain.Channel;
import tw.gov.sms.sending.domain.UploadState;

/**
 * An upload as its sender sees it: state, what the file turned out to be, progress of the validation,
 * and once validated the summary to confirm (recipients, duplicates, segments = quota needed).
 */
public record UploadView(
        long id,
        UploadState state,
        Channel channel,
        String fileName,
        long sizeBytes,
        String sha256,
        String format,
        String encoding,
        List<String> columns,
        long rowsRead,
        long problemCount,
        Long recipients,
        Long duplicates,
        Long segments,
        boolean test,
        OffsetDateTime scheduleAt,
        Integer validityMinutes,
        String reference,
        Long jobId,
        OffsetDateTime receivedAt,
        OffsetDateTime validatedAt,
        OffsetDateTime decidedAt) {}
