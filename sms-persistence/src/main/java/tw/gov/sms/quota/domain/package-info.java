/**
 * Quota (R11.1-R11.3): contracts, orders and the append-only ledger from which every balance derives.
 *
 * <p>Decisions: quota is counted in segments, the unit of the joint supply contract's price. A send
 * reserves {@code recipients × segments} at acceptance; when each message is final its delivered
 * segments are charged and the rest released, so agencies pay only for what was delivered. Balances
 * are running sums kept beside the ledger in the same transaction (a locked row per agency and
 * contract), which is what keeps concurrent sends from several instances from overspending; a check
 * proves the sums equal the entries. Rules and a worked example: docs/billing.md.
 */
package tw.gov.sms.quota.domain;
