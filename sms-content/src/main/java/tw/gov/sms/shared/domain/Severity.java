package tw.gov.sms.shared.domain;

/** How bad a {@link Problem} is: an {@link #ERROR} blocks sending, a {@link #WARNING} is shown and let through. */
public enum Severity {
    ERROR,
    WARNING
}
