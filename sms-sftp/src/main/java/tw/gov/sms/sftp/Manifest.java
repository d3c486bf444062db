package tw.gov.sms.sftp;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The manifest ("傳送說明檔") that completes one SFTP send: it names the data file, proves the upload complete with
 * the data file's size and SHA-256, and carries the send settings. Its file is {@code <data file name>.manifest}; the
 * format is in docs/sftp.md and {@link ManifestParser}.
 *
 * @param file the data file's name, without a path
 * @param sha256 the data file's SHA-256, 64 lowercase hex digits
 * @param size the data file's length in bytes
 * @param text the message text (template), lines joined with {@code \n}; checked later by the submission service
 * @param schedule when to send, or {@code null} for at once
 * @param validityMinutes how long carriers keep trying, or {@code null} for the platform default
 * @param test {@code true}: a test send from the free test quota with the test sender
 * @param callback https URL for status callbacks, or {@code null}
 * @param reference the agency's own reference (at most {@value #MAX_REFERENCE_LENGTH} characters), echoed in the
 *     result files, or {@code null}
 */
public record Manifest(
        String file,
        String sha256,
        long size,
        String text,
        OffsetDateTime schedule,
        Integer validityMinutes,
        boolean test,
        URI callback,
        String reference) {

    /** A manifest's name is its data file's name plus this suffix. */
    public static final String SUFFIX = ".manifest";
    /** Larger manifests are refused without being read: settings and a text fit in far less. */
    public static final int MAX_BYTES = 64 * 1024;

    public static final int MAX_REFERENCE_LENGTH = 100;
    /** A schedule written without an offset is Taiwan time. */
    public static final ZoneId TAIWAN = ZoneId.of("Asia/Taipei");

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    public Manifest {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(text, "text");
        if (file.isEmpty() || file.contains("/") || file.contains("\\")) {
            throw new IllegalArgumentException("file must be a plain file name: " + file);
        }
        if (!SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("sha256 must be 64 lowercase hex digits: " + sha256);
        }
        if (size < 0) {
            throw new IllegalArgumentException("size must be >= 0: " + size);
        }
        if (validityMinutes != null && validityMinutes < 1) {
            throw new IllegalArgumentException("validityMinutes must be >= 1: " + validityMinutes);
        }
        if (callback != null && !"https".equalsIgnoreCase(callback.getScheme())) {
            throw new IllegalArgumentException("callback must be https: " + callback);
        }
        if (reference != null && reference.codePointCount(0, reference.length()) > MAX_REFERENCE_LENGTH) {
            throw new IllegalArgumentException("reference longer than " + MAX_REFERENCE_LENGTH);
        }
    }

    /**
     * Reads a manifest.
     *
     * @param in the manifest's bytes; read to the end (at most {@link #MAX_BYTES} + 1 bytes), not closed
     * @param manifestName the manifest's file name ({@code <data file name>.manifest}), a path is ignored; {@code
     *     file} must name the data file it belongs to
     * @throws ManifestException with every problem found, each with a specific code, line and remedy
     */
    public static Manifest parse(InputStream in, String manifestName) throws IOException, ManifestException {
        return parse(in.readNBytes(MAX_BYTES + 1), manifestName);
    }

    /** {@link #parse(InputStream, String)} for bytes already read. */
    public static Manifest parse(byte[] bytes, String manifestName) throws ManifestException {
        return new ManifestParser(manifestName).parse(bytes);
    }

    /** The data file's name that belongs to a manifest name ({@code a.csv.manifest} → {@code a.csv}). */
    public static String dataFileName(String manifestName) {
        String name = baseName(manifestName);
        if (!name.toLowerCase(Locale.ROOT).endsWith(SUFFIX) || name.length() == SUFFIX.length()) {
            throw new IllegalArgumentException("a manifest's name ends with " + SUFFIX + ": " + manifestName);
        }
        return name.substring(0, name.length() - SUFFIX.length());
    }

    /** The canonical text of this manifest, as an agency's program would write it; {@link #parse} reads it back. */
    public String toText() {
        StringBuilder out = new StringBuilder("# 111 簡訊平台 傳送說明檔\n");
        out.append("file = ").append(file).append('\n');
        out.append("sha256 = ").append(sha256).append('\n');
        out.append("size = ").append(size).append('\n');
        for (String line : text.split("\n", -1)) {
            out.append("text = ").append(line).append('\n');
        }
        if (schedule != null) {
            out.append("schedule = ")
                    .append(schedule.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME))
                    .append('\n');
        }
        if (validityMinutes != null) {
            out.append("validity-minutes = ").append(validityMinutes).append('\n');
        }
        if (test) {
            out.append("test = true\n");
        }
        if (callback != null) {
            out.append("callback = ").append(callback).append('\n');
        }
        if (reference != null) {
            out.append("reference = ").append(reference).append('\n');
        }
        return out.toString();
    }

    /** {@link #toText()} as UTF-8 bytes (no BOM). */
    public byte[] toBytes() {
        return toText().getBytes(StandardCharsets.UTF_8);
    }

    static String baseName(String path) {
        int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
        return path.substring(slash + 1);
    }
}
