package tw.gov.sms.shared.infrastructure.mail;

import java.util.Objects;

/**
 * One plain-text mail to one recipient.
 *
 * @param to an RFC 5322 address, e.g. {@code reviewer@moda.gov.tw}
 */
public record OutgoingMail(String to, String subject, String text) {

    public OutgoingMail {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(text, "text");
        to = to.strip();
        if (to.isEmpty()) {
            throw new IllegalArgumentException("a mail needs a recipient");
        }
        if (subject.indexOf('\r') >= 0 || subject.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("a subject is one line: " + subject);
        }
    }
}
