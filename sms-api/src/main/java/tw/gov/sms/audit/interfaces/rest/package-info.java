/**
 * Audit context, REST interface: searching and exporting the audit trail within the reader's
 * visibility, and verifying its hash chain (system administrators). The rules are in
 * {@link tw.gov.sms.audit.application.AuditAccess}; this package only translates.
 */
package tw.gov.sms.audit.interfaces.rest;
