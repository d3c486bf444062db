/**
 * The portal's notification centre (R4, issue 8 item 6): {@code /app/notifications.xhtml} with the person's notices
 * and preferences ({@link tw.gov.sms.notification.interfaces.web.NotificationsPage}) and the unread badge of the
 * menu ({@link tw.gov.sms.notification.interfaces.web.NotificationBadge}). They translate and delegate to {@code
 * NotificationService}; the words of a notice are the domain's ({@code NotificationText}), so the page and the mail
 * agree. docs/notifications.md.
 */
package tw.gov.sms.notification.interfaces.web;
