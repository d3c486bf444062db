/**
 * The message table through plain JDBC (R9.4 storage, R12.3 speed): batched inserts, partition-pruned
 * queries by the job's acceptance time, state changes guarded by their legal predecessor states.
 */
package tw.gov.sms.sending.infrastructure.jdbc;
