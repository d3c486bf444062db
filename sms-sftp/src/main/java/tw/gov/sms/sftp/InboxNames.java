package tw.gov.sms.sftp;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** The naming rules of the SFTP convention, in one place (docs/sftp.md). */
final class InboxNames {

    /** Data file types the file channel reads; compared case-insensitively ({@code BILLS.CSV} is a data file). */
    static final List<String> DATA_EXTENSIONS = List.of(".txt", ".csv", ".xls", ".xlsx", ".zip");

    /** Upload in progress: our convention's {@code .part}, and WinSCP's default {@code .filepart}. */
    private static final List<String> IN_PROGRESS = List.of(".part", ".filepart");

    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(Manifest.TAIWAN);

    private InboxNames() {}

    /** Hidden files and uploads in progress are not looked at, not even listed as strays. */
    static boolean ignored(String name) {
        String lower = lower(name);
        return name.startsWith(".") || IN_PROGRESS.stream().anyMatch(lower::endsWith);
    }

    static boolean isManifest(String name) {
        return lower(name).endsWith(Manifest.SUFFIX) && name.length() > Manifest.SUFFIX.length();
    }

    static boolean isDataFile(String name) {
        String lower = lower(name);
        return DATA_EXTENSIONS.stream().anyMatch(ext -> lower.endsWith(ext) && lower.length() > ext.length());
    }

    /** A single file name, never a path: names come from agencies and must not steer us out of the folder. */
    static String requirePlain(String name) {
        if (name == null
                || name.isEmpty()
                || name.equals(".")
                || name.equals("..")
                || name.indexOf('/') >= 0
                || name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("not a plain file name: " + name);
        }
        return name;
    }

    /** The time stamp that keeps a second file of the same name apart; {@code attempt} > 1 adds a counter. */
    static String stamp(Instant now, int attempt) {
        String stamp = STAMP.format(now);
        return attempt <= 1 ? stamp : stamp + "-" + attempt;
    }

    /**
     * {@code name} with {@code stamp} inserted before its type, so the copy keeps its extension and a data file and
     * its manifest stay a pair: {@code a.csv} → {@code a.STAMP.csv}, {@code a.csv.manifest} → {@code
     * a.STAMP.csv.manifest}, {@code notes} → {@code notes.STAMP}.
     */
    static String withStamp(String name, String stamp) {
        String suffix = "";
        String base = name;
        if (isManifest(base)) {
            suffix = base.substring(base.length() - Manifest.SUFFIX.length());
            base = base.substring(0, base.length() - Manifest.SUFFIX.length());
        }
        int dot = base.lastIndexOf('.');
        if (dot <= 0) {
            return base + "." + stamp + suffix;
        }
        return base.substring(0, dot) + "." + stamp + base.substring(dot) + suffix;
    }

    /** JSch reads {@code *} and {@code ?} in paths as wildcards; an agency's file name is taken literally. */
    static String quote(String path) {
        StringBuilder out = new StringBuilder(path.length() + 4);
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '\\' || c == '*' || c == '?') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
