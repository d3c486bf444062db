package tw.gov.sms.sftp;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import tw.gov.sms.shared.domain.Problem;
import tw.gov.sms.shared.domain.ProblemCode;

/**
 * A data file copied from inbox to a local file, with the length and SHA-256 computed while it streamed.
 *
 * @param file the local copy
 * @param size bytes received
 * @param sha256 64 lowercase hex digits
 */
public record Download(Path file, long size, String sha256) {

    public Download {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(sha256, "sha256");
    }

    /** Empty when the copy is exactly the file the manifest describes; otherwise why not. */
    public List<Problem> verify(Manifest manifest) {
        List<Problem> problems = new ArrayList<>();
        if (size != manifest.size()) {
            problems.add(Problem.of(
                    ProblemCode.SFTP_SIZE_MISMATCH, manifest.file(), null, manifest.file(), manifest.size(), size));
        }
        if (!sha256.equals(manifest.sha256())) {
            problems.add(Problem.of(
                    ProblemCode.SFTP_SHA256_MISMATCH,
                    manifest.file(),
                    null,
                    manifest.file(),
                    manifest.sha256(),
                    sha256));
        }
        return problems;
    }
}
