/**
 * Job status notifications (R4; issue 8 item 6): the timer that turns job and upload stages into notifications and
 * mails them ({@link tw.gov.sms.notification.application.NotificationTimer}), and a person's notification centre
 * ({@link tw.gov.sms.notification.application.NotificationService}) for the portal and the API.
 *
 * <p>Decisions: stages are found by a set-based scan of the timestamps the message path already writes, every few
 * seconds, not by events from the hot path: submission, release, receipts and completion stay untouched, and a
 * notice that a crash lost is found again at the next scan. Only recent stages are looked at (the window, default
 * 96 h, longer than the longest validity), and nothing before V12 (no flood at the first deployment). Exactly once
 * per account, job and stage is the database's unique index, so several instances and restarts are safe. Mails are
 * sent outside the scan's transaction, claimed with {@code SKIP LOCKED} and recorded one by one (sent, failed with the
 * relay's error and retried up to {@code sms.notify.mail-attempts}, or skipped for a disabled account): a relay
 * failure never loses or blocks a notification. Whom: the person who submitted the job; an agency system's job
 * (API client, SFTP) notifies nobody (its system has the API and callbacks); a rejected upload, which only agency
 * systems make, notifies the agency's group administrators. Rejected: CDI events from the services (every path to
 * a stage would need one, and a lost event is a lost notice); a high-water mark (the window plus the unique index is
 * simpler and as cheap with the V12 index). docs/notifications.md.
 */
package tw.gov.sms.notification.application;
