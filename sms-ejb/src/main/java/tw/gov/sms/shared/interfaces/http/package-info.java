/**
 * HTTP concerns both web modules share (the REST API and the portal): {@link
 * tw.gov.sms.shared.interfaces.http.SourceAddresses}, the address a request really comes from, which the
 * IP allow-list (R9.1) and the audit trail use. It lives in the EJB module because both WARs see it.
 */
package tw.gov.sms.shared.interfaces.http;
