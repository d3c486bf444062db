package tw.gov.sms.sending.domain;

/** Life of a send job: accepted (or scheduled), released to routing, completed when every message is final. */
public enum JobState {
    ACCEPTED,
    SCHEDULED,
    RELEASED,
    COMPLETED,
    CANCELLED
}
