package tw.gov.sms.shared.infrastructure.mail;

/** The relay did not take a mail: unreachable, refused the sender or the recipient, or failed the login. */
public class MailFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String recipient;

    public MailFailedException(String recipient, Throwable cause) {
        super("mail to " + recipient + " was not sent: " + cause.getMessage(), cause);
        this.recipient = recipient;
    }

    public String recipient() {
        return recipient;
    }
}
