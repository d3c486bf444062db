package tw.gov.sms.quota.domain;

/**
 * A reservation that the quota cannot cover. It carries the numbers so the sender is told exactly how
 * far short it is: what was needed, and what the agency and (in allocated mode) the account have left.
 */
public class InsufficientQuotaException extends RuntimeException {

    private final long needed;
    private final long agencyAvailable;
    private final Long accountAvailable;

    public InsufficientQuotaException(long needed, long agencyAvailable, Long accountAvailable) {
        super("quota short: " + needed + " segments needed, agency has " + agencyAvailable
                + (accountAvailable == null ? "" : ", account allocation has " + accountAvailable));
        this.needed = needed;
        this.agencyAvailable = agencyAvailable;
        this.accountAvailable = accountAvailable;
    }

    public long needed() {
        return needed;
    }

    public long agencyAvailable() {
        return agencyAvailable;
    }

    /** Null unless the account's allocation was the binding limit or was checked. */
    public Long accountAvailable() {
        return accountAvailable;
    }
}
