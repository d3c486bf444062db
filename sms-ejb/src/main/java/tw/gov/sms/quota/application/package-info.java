/**
 * Quota and billing (R11.1-R11.3, R11.2): contracts and orders, the quota a send reserves, settlement of
 * final messages, free test messages and the monthly bills.
 *
 * <p>Decisions: a paid send is checked before its recipients are stored and reserved as the last step of
 * the submission's transaction ({@link tw.gov.sms.quota.application.QuotaService}); the agency's balance
 * row is the lock, so concurrent sends on several instances cannot overspend. Final messages are settled
 * in set-based batches by a timer ({@link tw.gov.sms.quota.application.Settlement}): charged for
 * delivered segments, released for the rest, and counted in the daily rollup, so no hot path waits for
 * quota or reports. Bills are computed from the rollup and rounded once, half up, on the total
 * ({@link tw.gov.sms.quota.application.BillingService}). docs/billing.md has the rules and an example.
 */
package tw.gov.sms.quota.application;
