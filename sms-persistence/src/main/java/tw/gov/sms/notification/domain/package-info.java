/**
 * Job status notifications (R4; issue 8 item 6): the stages a sender is told about ({@link
 * tw.gov.sms.notification.domain.Stage}: accepted, upload rejected, started, finished, failures over a threshold),
 * each account's preferences (portal and e-mail per stage, the failure threshold), the failure rule and the words of
 * a notice in Traditional Chinese and English ({@link tw.gov.sms.notification.domain.NotificationText}).
 *
 * <p>Decisions: a notification keeps the facts of its stage (counts, file name), not a text, so the portal shows it
 * in the reader's language and the mail in both, from one renderer. A stage is notified once per account and job
 * (a unique index, not application logic). Failures are "not delivered for good" (undelivered, rejected, failed,
 * expired) over all final messages, cancelled ones left out; strictly over the threshold, in integer arithmetic.
 * Rejected: rendering from resource bundles in {@code sms-web}, since the mail (sent from {@code sms-ejb}) and the
 * API need the same words. docs/notifications.md.
 */
package tw.gov.sms.notification.domain;
