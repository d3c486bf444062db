package tw.gov.sms.sending.domain;

/**
 * Life of a recipient file: received, validated by the batch job, then either rejected as a whole (R2.3:
 * corrected, then sent) or validated and waiting for the sender's confirmation, which turns it into a
 * send job. An unconfirmed upload can be cancelled.
 */
public enum UploadState {
    RECEIVED,
    VALIDATING,
    REJECTED,
    VALIDATED,
    CONFIRMED,
    CANCELLED;

    public boolean isFinal() {
        return this == REJECTED || this == CONFIRMED || this == CANCELLED;
    }
}
