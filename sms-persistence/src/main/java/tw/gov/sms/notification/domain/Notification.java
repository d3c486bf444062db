package tw.gov.sms.notification.domain;

import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * One notice to one account: a stage of a job (or of an upload, for {@link Stage#REJECTED}) with the facts its text
 * is rendered from in the reader's language ({@link NotificationText}). Counts are those at the stage: recipients
 * for every job stage; delivered, failed (undelivered, rejected or failed) and expired for {@link Stage#FINISHED}
 * and {@link Stage#FAILURES}; the threshold crossed for {@link Stage#FAILURES}; the file name and its number of
 * problems for {@link Stage#REJECTED}.
 */
public record Notification(
        long id,
        long accountId,
        Stage stage,
        Long jobId,
        Long uploadId,
        OffsetDateTime stageAt,
        OffsetDateTime readAt,
        long recipients,
        long delivered,
        long failed,
        long expired,
        Integer thresholdPercent,
        String fileName,
        long problemCount) {

    public Notification {
        Objects.requireNonNull(stage, "stage");
        if ((jobId == null) == (uploadId == null)) {
            throw new IllegalArgumentException("a notification is about a job or an upload, exactly one");
        }
    }

    public boolean isRead() {
        return readAt != null;
    }

    /** Final messages that were not delivered, expired included. */
    public long notDelivered() {
        return failed + expired;
    }

    /** Final messages counted for the failure share (cancelled messages are not). */
    public long finals() {
        return delivered + failed + expired;
    }
}
