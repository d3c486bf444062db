/**
 * The development mail catcher: every mail the platform sends in development or test lands here instead of in
 * someone's mailbox. GreenMail speaks SMTP on 127.0.0.1 (any recipient, no authentication); the JDK's HTTP server
 * shows the inbox to a developer ({@code GET /}) and to tests ({@code GET /api/messages?to=…}, {@code DELETE
 * /api/messages}).
 *
 * <p>Decisions: the inbox keeps one entry per SMTP transaction whose {@code to} is the envelope (RCPT TO, so Bcc
 * counts), not one copy per recipient mailbox as GreenMail's own store would; it keeps the newest
 * {@value tw.gov.sms.dev.mail.MailCatcher#CAPACITY} mails in memory, which a restart empties. Rejected: MailHog and
 * Mailpit (a second runtime to download besides the JDK), GreenMail's IMAP/REST API (one more protocol for tests to
 * speak, and a copy per recipient). Production sends through the operator's relay, see docs/configuration.md.
 */
package tw.gov.sms.dev.mail;
