package tw.gov.sms.dev.mail;

import com.icegreen.greenmail.mail.MailAddress;
import com.icegreen.greenmail.mail.MovingMessage;
import jakarta.mail.Address;
import jakarta.mail.Header;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.IOException;
import java.io.InputStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One mail as the catcher received it, decoded once on arrival.
 *
 * @param to the envelope recipients (RCPT TO), Bcc included
 * @param text the first text/plain part that is not an attachment, decoded ("" if there is none)
 * @param headers every header in order, RFC 2047 words decoded
 */
public record CaughtMail(
        long id, Instant receivedAt, String from, List<String> to, String subject, String text, List<Header> headers) {

    public CaughtMail {
        to = List.copyOf(to);
        headers = List.copyOf(headers);
    }

    /** Whether {@code address} is one of the envelope recipients (addresses compare case-insensitively). */
    public boolean isFor(String address) {
        return to.stream().anyMatch(a -> a.equalsIgnoreCase(address.trim()));
    }

    static CaughtMail of(long id, Instant receivedAt, MovingMessage envelope) {
        MimeMessage message = envelope.getMessage();
        List<String> to = new ArrayList<>();
        for (MailAddress recipient : envelope.getToAddresses()) {
            to.add(recipient.getEmail());
        }
        String from = "";
        String subject = "";
        String text;
        List<Header> headers = new ArrayList<>();
        try {
            for (Header h : Collections.list(message.getAllHeaders())) {
                headers.add(new Header(h.getName(), decoded(h.getValue())));
            }
            from = author(message, envelope);
            subject = message.getSubject() == null ? "" : message.getSubject();
            String plain = plainText(message);
            text = plain == null ? "" : plain;
        } catch (MessagingException | IOException e) {
            // A malformed mail is still listed, with what could be read and why the rest could not.
            text = "(the mail catcher could not decode this mail: " + e + ")";
        }
        return new CaughtMail(id, receivedAt, from, to, subject, text, headers);
    }

    private static String author(MimeMessage message, MovingMessage envelope) throws MessagingException {
        try {
            Address[] authors = message.getFrom();
            if (authors != null && authors.length > 0) {
                return InternetAddress.toUnicodeString(authors);
            }
        } catch (AddressException e) {
            return decoded(message.getHeader("From", ", "));
        }
        return envelope.getReturnPath() == null ? "" : envelope.getReturnPath().getEmail();
    }

    private static String plainText(Part part) throws MessagingException, IOException {
        if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
            return null;
        }
        if (part.isMimeType("text/plain")) {
            try {
                if (part.getContent() instanceof String s) {
                    return s;
                }
            } catch (UnsupportedEncodingException e) {
                // a charset Java does not know: shown as UTF-8 below
            }
            try (InputStream in = part.getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                String text = plainText(multipart.getBodyPart(i));
                if (text != null) {
                    return text;
                }
            }
        }
        return null;
    }

    private static String decoded(String value) {
        if (value == null) {
            return "";
        }
        String unfolded = MimeUtility.unfold(value);
        try {
            return MimeUtility.decodeText(unfolded);
        } catch (IOException | RuntimeException e) {
            return unfolded;
        }
    }
}
