package tw.gov.sms.sftp;

import java.util.Objects;
import tw.gov.sms.shared.domain.Problem;

/**
 * A file in inbox that the platform will not process on its own, with the reason, ready for a rejection receipt: a
 * file of an unsupported type, a folder or link, or a data file that waited too long for its manifest.
 */
public record Stray(InboxFile file, Problem problem) {

    public Stray {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(problem, "problem");
    }
}
