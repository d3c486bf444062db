/**
 * The stand-ins {@code ./sms run} starts so a newcomer needs only a JDK: an embedded PostgreSQL from
 * Maven artifacts, the mail catcher beside it ({@code tw.gov.sms.dev.mail}), and the generator of development
 * secrets. Never part of the deployed EAR.
 */
package tw.gov.sms.devservices;
