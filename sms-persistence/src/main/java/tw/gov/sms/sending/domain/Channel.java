package tw.gov.sms.sending.domain;

/** The four ways a send reaches the platform (R1.1). All of them end in the same submission service. */
public enum Channel {
    API,
    PORTAL,
    FILE,
    SFTP
}
