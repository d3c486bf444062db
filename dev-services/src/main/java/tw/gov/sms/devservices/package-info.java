/**
 * The stand-ins {@code ./sms run} starts so a newcomer needs only a JDK: an embedded PostgreSQL from
 * Maven artifacts, the mail catcher beside it ({@code tw.gov.sms.dev.mail}), the syslog collector that receives the copy of the
 * audit trail ({@code tw.gov.sms.dev.syslog}), and the generator of development
 * secrets. Never part of the deployed EAR.
 */
package tw.gov.sms.devservices;
