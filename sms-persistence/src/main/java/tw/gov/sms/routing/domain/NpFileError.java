package tw.gov.sms.routing.domain;

import java.util.Objects;

/**
 * One problem found in a number-portability file. {@code lineNumber} is 1-based (the header is line 1); the
 * messages are the code's title followed by the detail; {@code lineExcerpt} is the start of the offending line
 * (at most 80 characters, control characters shown as '?'), empty where no line applies.
 */
public record NpFileError(int lineNumber, NpErrorCode code, String messageZh, String messageEn, String lineExcerpt) {

    public NpFileError {
        Objects.requireNonNull(code);
        Objects.requireNonNull(messageZh);
        Objects.requireNonNull(messageEn);
        Objects.requireNonNull(lineExcerpt);
    }

    static NpFileError of(int lineNumber, NpErrorCode code, String detailZh, String detailEn, String line) {
        return new NpFileError(
                lineNumber, code, code.titleZh() + "：" + detailZh, code.titleEn() + ": " + detailEn, excerpt(line));
    }

    static String excerpt(String line) {
        if (line == null) {
            return "";
        }
        int n = Math.min(80, line.length());
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            char c = line.charAt(i);
            b.append(Character.isISOControl(c) ? '?' : c);
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return "line " + lineNumber + " " + code + " " + messageEn + " [" + lineExcerpt + "]";
    }
}
