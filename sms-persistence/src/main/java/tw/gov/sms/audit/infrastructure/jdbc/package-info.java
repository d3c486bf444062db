/**
 * Audit context, JDBC adapter: {@link tw.gov.sms.audit.infrastructure.jdbc.AuditLog} appends to,
 * verifies, searches and exports the hash-chained audit trail ({@code audit_event},
 * {@code audit_chain_head}, migration V5), and
 * {@link tw.gov.sms.audit.infrastructure.jdbc.AuditChainCheck} is the verification command (R5.3,
 * R9.2). {@link tw.gov.sms.audit.infrastructure.jdbc.AuditForwardingStore} keeps the mark of the copy to the
 * external collector and the open logging outages ({@code audit_forwarding}, migration V14). Plain JDBC on a connection the caller passes in, so the application's {@code AuditTrail} bean
 * writes in the JTA transaction of the action it records and an operator can check the chain with
 * nothing but the PostgreSQL driver.
 *
 * <p>Decisions: sequence numbers come from the locked head row, not a database sequence (sequences
 * leave gaps on rollback, and a gap must mean tampering). The head row lock serialises appenders across
 * instances; that is acceptable because audit events follow user actions. Verification streams with a
 * cursor, so a chain of tens of millions of events is checked in constant memory. Rejected: JPA for
 * these tables (the chain needs exact control of the stored values and the lock order), computing the
 * hash in a database trigger (anyone able to change rows could change the trigger too, and the check
 * must not depend on code stored in the database it checks). The forwarding mark is one locked row read with
 * {@code SKIP LOCKED}, so one instance forwards at a time and the others skip their round instead of queueing
 * behind it; rejected: a PostgreSQL advisory lock (a session lock outlives a pooled connection's transaction).
 */
package tw.gov.sms.audit.infrastructure.jdbc;
