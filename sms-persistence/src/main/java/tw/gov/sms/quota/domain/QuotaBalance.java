package tw.gov.sms.quota.domain;

/**
 * The running sums of one agency's (or one account's) ledger entries under one contract. For the
 * agency, {@link #available()} is what it may still reserve; for an account, {@link #allocationLeft()} is
 * what its allocation still allows (only binding when the agency allocates quota to accounts).
 */
public record QuotaBalance(long ordered, long allocated, long reserved, long charged, long lapsed) {

    public static final QuotaBalance EMPTY = new QuotaBalance(0, 0, 0, 0, 0);

    /** Agency: ordered, less lapsed, reserved and charged. */
    public long available() {
        return ordered - lapsed - reserved - charged;
    }

    /** Account: allocated, less what it holds reserved and what it has been charged. */
    public long allocationLeft() {
        return allocated - reserved - charged;
    }

    public long used() {
        return reserved + charged;
    }
}
