/**
 * The message table through plain JDBC (R9.4 storage, R12.3 speed): batched inserts, partition-pruned
 * queries by the job's acceptance time, state changes guarded by their legal predecessor states, and a
 * job's tally (its messages per carrier and state in one pass, kept once the job is completed).
 */
package tw.gov.sms.sending.infrastructure.jdbc;
