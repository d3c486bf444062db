package tw.gov.sms.files;

import java.util.Locale;
import tw.gov.sms.shared.domain.Problem;
import tw.gov.sms.shared.domain.ProblemCode;

/** Builds {@link FileProblem}s and rejections with the conventions of this module. */
final class Problems {

    /** {@link Problem#field()} of a finding about the whole file. */
    static final String FILE = "file";
    /** {@link Problem#field()} of a finding about the header row. */
    static final String HEADER = "header";
    /** {@link Problem#field()} of a finding about a row as a whole (e.g. its number of fields). */
    static final String ROW = "row";

    private Problems() {}

    static FileProblem file(String entry, ProblemCode code, Object... args) {
        return new FileProblem(entry, null, null, Problem.of(code, FILE, null, args));
    }

    static FileProblem at(String entry, Integer line, String column, String field, ProblemCode code, Object... args) {
        return new FileProblem(entry, line, column, Problem.of(code, field, null, args));
    }

    static FileRejectedException reject(String entry, ProblemCode code, Object... args) {
        return new FileRejectedException(file(entry, code, args));
    }

    static FileRejectedException rejectAt(
            String entry, Integer line, String column, String field, ProblemCode code, Object... args) {
        return new FileRejectedException(at(entry, line, column, field, code, args));
    }

    /** The file cannot be parsed; the detail is technical, kept short, for the support desk. */
    static FileRejectedException corrupt(String name, String entry, Throwable cause) {
        String detail = cause.getClass().getSimpleName();
        String message = cause.getMessage();
        if (message != null && !message.isBlank()) {
            message = message.replaceAll("\\s+", " ").strip();
            detail += ": " + (message.length() > 160 ? message.substring(0, 160) + "…" : message);
        }
        FileRejectedException e = reject(entry, ProblemCode.FILE_CORRUPT, name, detail);
        e.initCause(cause);
        return e;
    }

    /** A size for people: {@code 100 MiB}, {@code 1.5 MiB}, {@code 512 KiB}. */
    static String size(long bytes) {
        if (bytes >= 1L << 20) {
            double mib = bytes / (double) (1L << 20);
            return mib == Math.rint(mib)
                    ? String.format(Locale.ROOT, "%d MiB", (long) mib)
                    : String.format(Locale.ROOT, "%.1f MiB", mib);
        }
        if (bytes >= 1024) {
            return String.format(Locale.ROOT, "%d KiB", bytes / 1024);
        }
        return bytes + " B";
    }
}
