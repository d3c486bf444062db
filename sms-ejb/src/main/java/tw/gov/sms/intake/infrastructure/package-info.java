/**
 * Adapters of the file intake: the staging tables through plain JDBC, and the SFTP pick-up and result
 * files through JSch ({@code sms-sftp}).
 */
package tw.gov.sms.intake.infrastructure;
