package tw.gov.sms.shared.infrastructure.mail;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.Date;

/**
 * Sends plain-text mail through the server's session {@code mail/sms}; the sender is the session's {@code mail.from}
 * ({@code SMS_MAIL_FROM}, default {@code no-reply@sms.gov.tw}).
 *
 * <p>A CDI bean rather than an EJB: its {@link MailFailedException} reaches the caller as itself, not wrapped in an
 * {@code EJBException}. The session is thread-safe and each send opens its own connection.
 */
@ApplicationScoped
public class Mailer {

    private static final String UTF_8 = StandardCharsets.UTF_8.name();

    @Resource(lookup = "mail/sms")
    Session session;

    /**
     * @throws IllegalArgumentException if {@code to} is not an e-mail address or the subject is not one line
     * @throws MailFailedException if the relay did not take the mail
     */
    public void send(String to, String subject, String text) {
        send(new OutgoingMail(to, subject, text));
    }

    /** @see #send(String, String, String) */
    public void send(OutgoingMail mail) {
        InternetAddress recipient;
        try {
            recipient = new InternetAddress(mail.to(), true);
        } catch (AddressException e) {
            throw new IllegalArgumentException("not an e-mail address: " + mail.to(), e);
        }
        try {
            MimeMessage message = new MimeMessage(session);
            message.setFrom(); // mail.from of the session
            message.setRecipient(Message.RecipientType.TO, recipient);
            message.setSubject(mail.subject(), UTF_8); // RFC 2047 encoded-words where not ASCII
            message.setText(mail.text(), UTF_8); // text/plain; charset=UTF-8, base64 or quoted-printable as needed
            message.setSentDate(new Date());
            message.saveChanges(); // Message-ID <…@domain of mail.from>
            Transport.send(message);
        } catch (MessagingException e) {
            throw new MailFailedException(mail.to(), e);
        }
    }
}
