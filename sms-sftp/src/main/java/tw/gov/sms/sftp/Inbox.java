package tw.gov.sms.sftp;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import tw.gov.sms.shared.domain.Problem;
import tw.gov.sms.shared.domain.ProblemCode;

/**
 * What one scan of an agency's {@code inbox/} found. Files still being uploaded ({@code .part}, {@code .filepart})
 * and hidden files (name starting with a dot) are not listed at all.
 *
 * @param scannedAt when the listing was taken (platform clock)
 * @param submissions manifest and data pairs, complete by the convention, each acceptable or with its problems
 * @param pendingSubmissions data files whose manifest has not arrived (yet): left alone; see {@link #overdue}
 * @param strays files the platform will not process: unsupported types, folders, links
 */
public record Inbox(
        Instant scannedAt, List<Submission> submissions, List<InboxFile> pendingSubmissions, List<Stray> strays) {

    private static final DateTimeFormatter LOCAL_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(Manifest.TAIWAN);

    public Inbox {
        Objects.requireNonNull(scannedAt, "scannedAt");
        submissions = List.copyOf(submissions);
        pendingSubmissions = List.copyOf(pendingSubmissions);
        strays = List.copyOf(strays);
    }

    /**
     * The pending data files that have waited longer than {@code maxAge} (e.g. 24 hours) for their manifest, each with
     * an {@link ProblemCode#SFTP_MANIFEST_MISSING} problem, so the platform can move them to {@code rejected/} with a
     * receipt instead of letting them lie in the inbox forever.
     */
    public List<Stray> overdue(Duration maxAge) {
        Instant limit = scannedAt.minus(maxAge);
        long hours = Math.max(1, maxAge.toHours());
        return pendingSubmissions.stream()
                .filter(f -> f.modified().isBefore(limit))
                .map(f -> new Stray(
                        f,
                        Problem.of(
                                ProblemCode.SFTP_MANIFEST_MISSING,
                                f.name(),
                                null,
                                f.name(),
                                LOCAL_TIME.format(f.modified()),
                                hours)))
                .toList();
    }

    public boolean isEmpty() {
        return submissions.isEmpty() && pendingSubmissions.isEmpty() && strays.isEmpty();
    }
}
