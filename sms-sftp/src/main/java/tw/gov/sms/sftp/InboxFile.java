package tw.gov.sms.sftp;

import java.time.Instant;
import java.util.Objects;

/**
 * One entry of an agency's {@code inbox/} as the server listed it.
 *
 * @param name the file name, without a directory
 * @param size length in bytes
 * @param modified the server's modification time (second precision)
 */
public record InboxFile(String name, long size, Instant modified) {

    public InboxFile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(modified, "modified");
    }
}
