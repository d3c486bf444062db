package tw.gov.sms.account.domain;

/** Other contexts refer to an agency by this id, never by a JPA association. */
public record AgencyId(long value) {
    public AgencyId {
        if (value <= 0) {
            throw new IllegalArgumentException("agency id must be positive: " + value);
        }
    }
}
