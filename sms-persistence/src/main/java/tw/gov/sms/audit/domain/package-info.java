/**
 * Audit context, domain: the audit trail of R5.3 and the audit and integrity controls of the high
 * baseline (R9.2). Every login, failed login, read of records, export, change and approval leaves an
 * {@link tw.gov.sms.audit.domain.AuditEvent}: who (kind, id, name, role, agency, group), action,
 * target, time, source address, outcome and detail. Events are searchable and exportable within each
 * role's visibility (R6.4) and kept at least six months (R9.4).
 *
 * <p>Decisions:
 * <ul>
 *   <li>Append-only and hash-chained ({@link tw.gov.sms.audit.domain.AuditChain}): each event's hash
 *       covers the previous hash and an unambiguous encoding of all its fields, so editing, removing
 *       or inserting an event is detectable by recomputing the chain; database triggers refuse UPDATE,
 *       DELETE and TRUNCATE for everyone who does not deliberately switch them off.
 *   <li>One global chain with a gapless sequence, not one per agency: a single head row is simple to
 *       lock and to check, and audit events are user actions (a few per second at most), not
 *       per-message events.
 *   <li>No foreign keys: an event names ids and copies the actor's name, so it outlives the account or
 *       agency it describes.
 *   <li>Free texts are cut to size rather than refused: an action must never fail because its audit
 *       detail is long. Codes (action, role) are validated, as they come from the program.
 * </ul>
 *
 * <p>Limits, accepted knowingly: a chain without a secret proves integrity against edits, but someone
 * with full database rights can remove the newest events and reset the head, or recompute the chain
 * from a chosen point. Noting the head hash that the verification command prints outside the database
 * (operations log, SIEM) turns either into a detectable break. Removing events older than the retention
 * period would need a checkpoint (seq and hash) to start verification from; nothing removes them today.
 * Rejected: a keyed HMAC chain (the key would live beside the data it protects), a log table per day
 * (the chain would cross tables anyway).
 */
package tw.gov.sms.audit.domain;
