package tw.gov.sms.quota.domain;

/** The kinds of quota ledger entry; see V9__quota_billing.sql and docs/billing.md. */
public enum LedgerKind {
    /** An order adds segments to the agency's quota. */
    ORDER,
    /** A group administrator changes an account's allocation (positive or negative). */
    ALLOCATE,
    /** Segments held for a job at acceptance. */
    RESERVE,
    /** Delivered segments of a settled reservation: billed. */
    CHARGE,
    /** Undelivered segments of a settled reservation: returned to the quota. */
    RELEASE,
    /** The unused rest of a contract's quota after its end date. */
    LAPSE
}
