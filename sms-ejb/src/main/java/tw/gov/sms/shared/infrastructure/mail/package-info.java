/**
 * Outgoing e-mail (R6.5 one-time login codes, R6.1/R6.2 account notices, R4 status reports) through the server's
 * Jakarta Mail session {@code mail/sms}, which {@code glassfish-config} creates from {@code SMS_MAIL_*}
 * (docs/configuration.md): the relay's host, port, sender address and, where the relay wants them, STARTTLS and
 * credentials. The application only names the JNDI resource.
 *
 * <p>Decisions: plain UTF-8 text, no HTML and no templates engine (a code and a sentence need neither); the subject is
 * RFC 2047-encoded so Traditional Chinese survives any relay; a failure is a {@link MailFailedException} naming the
 * recipient, unchecked so that a caller inside a transaction rolls back unless it decides otherwise. Sending is
 * synchronous: the caller learns at once that the relay refused. In development and tests the session points at the
 * mail catcher of {@code dev-services}, whose inbox tests read ({@code MailInbox} in sms-it).
 */
package tw.gov.sms.shared.infrastructure.mail;
