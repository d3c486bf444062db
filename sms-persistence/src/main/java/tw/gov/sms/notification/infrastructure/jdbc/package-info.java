/**
 * The JDBC adapter of notifications ({@link tw.gov.sms.notification.infrastructure.jdbc.NotificationStore}): the
 * set-based scan of job and upload stages, the mail queue claimed with {@code SKIP LOCKED}, and the reader's list,
 * unread count and preferences. Plain JDBC on the caller's connection, like the quota ledger, so it is tested
 * against a real PostgreSQL without a server.
 */
package tw.gov.sms.notification.infrastructure.jdbc;
