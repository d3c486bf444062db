/**
 * Jakarta Batch jobs of the platform: the large-file send job (chunked read, validate, write recipients
 * with batched inserts, restartable at the last checkpoint) and the monthly bill. Empty until the
 * file-channel issue (R1.1, R2.3) and the billing issue (R11.2) bring them; the module exists now so
 * that the EAR layout every later issue lives in is fixed from the start.
 */
package tw.gov.sms.batch;
