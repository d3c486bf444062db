/**
 * The {@code file-validate} Jakarta Batch job: reads a recipients file row by row ({@code sms-files}),
 * validates each row like the submission service does, stages valid rows and findings in chunks of 1,000
 * with the upload's restart point in the same transaction, then decides: rejected as a whole, or
 * validated (and confirmed at once when the instructions say so). Heap stays flat whatever the file
 * size; a restarted execution resumes after the last committed chunk.
 */
package tw.gov.sms.intake.interfaces.batch;
