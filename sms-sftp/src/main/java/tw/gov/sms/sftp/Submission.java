package tw.gov.sms.sftp;

import java.util.List;
import java.util.Objects;
import tw.gov.sms.shared.domain.Problem;

/**
 * A complete send in an agency's inbox: a manifest, and the data file it names. Taken as soon as the manifest is
 * there. Either {@link #problems()} is empty, and the platform downloads the data file, verifies it ({@link
 * Download#verify}) and submits it; or the problems say why the pair is to be rejected (the manifest could not be
 * read or parsed, the data file is missing, of an unsupported type, or of another size than declared).
 *
 * @param manifestFile the manifest as listed
 * @param dataFile the data file as listed, or {@code null} when it is missing
 * @param manifestSha256 SHA-256 of the manifest's bytes (with the data file's SHA-256 from the manifest, the key
 *     by which the platform recognises a re-upload), or {@code null} when the manifest could not be read
 * @param manifest the parsed manifest (also when other problems reject the submission, so a rejection receipt can
 *     echo its {@code reference}), or {@code null} when it could not be read or parsed
 * @param problems why this submission is to be rejected; empty when it can be processed
 */
public record Submission(
        InboxFile manifestFile, InboxFile dataFile, String manifestSha256, Manifest manifest, List<Problem> problems) {

    public Submission {
        Objects.requireNonNull(manifestFile, "manifestFile");
        problems = List.copyOf(problems);
        if (manifest == null && problems.isEmpty()) {
            throw new IllegalArgumentException("a submission without a manifest must say why");
        }
    }

    /** The manifest's name in inbox, e.g. {@code bills-202611.csv.manifest}. */
    public String manifestName() {
        return manifestFile.name();
    }

    /** The data file's name in inbox, e.g. {@code bills-202611.csv}, whether or not it is there. */
    public String dataName() {
        return Manifest.dataFileName(manifestFile.name());
    }

    /** No problem: download the data file, verify it against the manifest and submit it. */
    public boolean isAcceptable() {
        return problems.isEmpty();
    }
}
