package tw.gov.sms.shared.domain;

import java.util.IllegalFormatException;
import java.util.Locale;
import java.util.Objects;

/**
 * One finding of a check, with its stable code, severity, where it is and a message in both languages.
 *
 * @param field what was checked, e.g. {@code "text"}, {@code "fullText"}, {@code "recipients[3]"}
 * @param position 0-based UTF-16 index into that field's text, or {@code null} when not about one place
 */
public record Problem(
        ProblemCode code, Severity severity, String field, Integer position, String messageZh, String messageEn) {

    public Problem {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(messageZh, "messageZh");
        Objects.requireNonNull(messageEn, "messageEn");
        if (position != null && position < 0) {
            throw new IllegalArgumentException("position must be >= 0: " + position);
        }
    }

    /** A problem with the code's default severity; {@code args} fill the code's message templates. */
    public static Problem of(ProblemCode code, String field, Integer position, Object... args) {
        return of(code, code.defaultSeverity(), field, position, args);
    }

    /** A problem with an explicit severity (policy may turn a warning into an error). */
    public static Problem of(ProblemCode code, Severity severity, String field, Integer position, Object... args) {
        return new Problem(code, severity, field, position, format(code.zh(), args), format(code.en(), args));
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    private static String format(String template, Object[] args) {
        try {
            return String.format(Locale.ROOT, template, args);
        } catch (IllegalFormatException e) {
            // A wrong argument list must not hide the finding itself.
            return template + " " + java.util.Arrays.toString(args);
        }
    }
}
