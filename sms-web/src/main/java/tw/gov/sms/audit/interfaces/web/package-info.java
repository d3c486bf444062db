/**
 * The portal's audit trail page ({@link tw.gov.sms.audit.interfaces.web.AuditPage}, issue 8 item 7; R5.3,
 * R6.4, R9.2): search by Taiwan dates, actor, action, outcome and target text, newest first in pages of 50,
 * csv and xlsx exports, and the chain verification for system administrators.
 *
 * <p><b>Decisions.</b>
 *
 * <ul>
 *   <li>Translate and delegate only: {@code AuditAccess} narrows every query to what the person may read
 *       (everything, the group's events, or one's own), audits each search ({@code AUDIT_READ}) and export
 *       ({@code AUDIT_EXPORT}), requires {@code export} for exports and the system administrator role for the
 *       verification. The page offers only what the service would accept, but never relies on that.
 *   <li>The csv is the API's archival form (UTF-8 with BOM, oldest first, each event's hash, formula-safe);
 *       the xlsx goes through {@code sms-reports}, newest first as on screen. Both are written to a temporary
 *       file before the download starts, so a refusal is a message on the page, never a broken file.
 *   <li>Paging is by keyset ({@code seq}), the service's own: no offset scans over a table that only grows.
 *   <li>Days are Taiwan days; the last day is included.
 * </ul>
 */
package tw.gov.sms.audit.interfaces.web;
