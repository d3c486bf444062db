package tw.gov.sms.account.domain;

/** Other contexts refer to a portal account by this id, never by a JPA association. */
public record AccountId(long value) {
    public AccountId {
        if (value <= 0) {
            throw new IllegalArgumentException("account id must be positive: " + value);
        }
    }
}
