package tw.gov.sms.sftp;

import java.util.Objects;

/**
 * An SFTP operation failed. {@link #kind()} tells the poller what to do: a {@link Kind#HOST_KEY_REJECTED} or {@link
 * Kind#AUTHENTICATION} failure needs an operator, the others are retried on the next poll. (Named so as not to clash
 * with JSch's own {@code SftpException}, which never leaves this package.)
 */
public final class SftpFailure extends Exception {

    private static final long serialVersionUID = 1L;

    public enum Kind {
        /** The server could not be reached or the connection broke (refused, timed out, dropped). */
        CONNECT,
        /** The server presented a host key other than the configured one. Never retried silently. */
        HOST_KEY_REJECTED,
        /** The server refused the key or password. */
        AUTHENTICATION,
        /** The file or directory does not exist. */
        NOT_FOUND,
        /** The server denied the operation. */
        PERMISSION_DENIED,
        /** Any other failure of an SFTP operation or of the local file. */
        IO
    }

    private final Kind kind;

    public SftpFailure(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public Kind kind() {
        return kind;
    }
}
