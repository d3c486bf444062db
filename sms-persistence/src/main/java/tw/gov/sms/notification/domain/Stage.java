package tw.gov.sms.notification.domain;

/**
 * A stage of a send job (or of a recipient file) that its sender is told about (R4). Each stage is notified at
 * most once per account and job or upload.
 */
public enum Stage {
    /** The job was accepted (immediate) or scheduled; stage time {@code send_job.accepted_at}. */
    ACCEPTED(true, false),
    /** A recipient file was rejected by validation (nothing sent); stage time {@code file_upload.decided_at}. */
    REJECTED(true, true),
    /** The job was released to the carriers; stage time {@code send_job.released_at}. */
    STARTED(true, false),
    /** Every message of the job is final; stage time {@code send_job.completed_at}, with the counts. */
    FINISHED(true, true),
    /** The failed share of the job's final messages went over the account's threshold; once per job. */
    FAILURES(true, true);

    private final boolean portalByDefault;
    private final boolean emailByDefault;

    Stage(boolean portalByDefault, boolean emailByDefault) {
        this.portalByDefault = portalByDefault;
        this.emailByDefault = emailByDefault;
    }

    /** Shown in the portal's notification centre when the account has no preference for this stage. */
    public boolean portalByDefault() {
        return portalByDefault;
    }

    /** Mailed when the account has no preference for this stage. */
    public boolean emailByDefault() {
        return emailByDefault;
    }
}
