/**
 * Intake of recipient files (R2.3, R3.1, R3.2, R10): an upload through the API or an SFTP pick-up is
 * stored in the spool, validated row by row by the {@code file-validate} Jakarta Batch job into the
 * {@code file_row} staging table, rejected as a whole when any row is wrong (with a downloadable report),
 * or shown as a summary and, once confirmed, copied into the message table as one send job.
 *
 * <p>Decisions: staging rows are keyed by (upload, ordinal) and written with the upload's progress in
 * the chunk's transaction, so a validation restarted after a crash resumes at the last committed chunk
 * without duplicating a row. Duplicated numbers are found afterwards with one set-based statement.
 * Confirmation copies the staging rows with one {@code INSERT … SELECT}, so a million-row file never
 * passes through the heap. Rejected: writing messages directly from the batch job (a rejected file would
 * leave half a job behind).
 */
package tw.gov.sms.intake.application;
