package tw.gov.sms.audit.domain;

/** How an audited action ended. */
public enum Outcome {
    /** Done. */
    SUCCESS,
    /** Attempted and failed: wrong password, invalid input, a technical error. */
    FAILURE,
    /** Refused for lack of permission or because the source address is not allowed. */
    DENIED
}
