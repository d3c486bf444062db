/**
 * The stand-ins {@code ./sms run} starts so a newcomer needs only a JDK: an embedded PostgreSQL from
 * Maven artifacts, and the generator of development secrets. Never part of the deployed EAR.
 */
package tw.gov.sms.devservices;
