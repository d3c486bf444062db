/**
 * REST of notifications (R4): a person's notices ({@code GET /api/v1/notifications}) and marking them read. docs/api.md
 * and docs/notifications.md.
 */
package tw.gov.sms.notification.interfaces.rest;
