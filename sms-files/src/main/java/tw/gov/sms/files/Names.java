package tw.gov.sms.files;

import java.util.Locale;
import java.util.Set;

/** File names, extensions and spreadsheet column letters. */
final class Names {

    /** Macro-enabled Excel types, refused with {@code FILE_MACRO_ENABLED} rather than as a mere wrong type. */
    static final Set<String> MACRO_EXTENSIONS = Set.of("xlsm", "xltm", "xlam", "xla");

    /** Archive types that must not appear inside a zip (xlsx is a zip too, and allowed). */
    static final Set<String> ARCHIVE_EXTENSIONS =
            Set.of("zip", "zipx", "7z", "rar", "gz", "tgz", "tar", "bz2", "xz", "cab", "lzh", "arj", "jar");

    private Names() {}

    /** The last path segment: browsers may send {@code C:\fakepath\名單.csv}. */
    static String baseName(String name) {
        String s = name.strip();
        int slash = Math.max(s.lastIndexOf('/'), s.lastIndexOf('\\'));
        return s.substring(slash + 1);
    }

    /** Lower-case extension without the dot, or {@code ""}. */
    static String extension(String name) {
        String base = baseName(name);
        int dot = base.lastIndexOf('.');
        return dot < 0 || dot == base.length() - 1
                ? ""
                : base.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /** Spreadsheet column letters for a 0-based index: 0 → A, 26 → AA. */
    static String columnLetters(int index) {
        StringBuilder sb = new StringBuilder(3);
        int n = index + 1;
        while (n > 0) {
            int rem = (n - 1) % 26;
            sb.append((char) ('A' + rem));
            n = (n - 1) / 26;
        }
        return sb.reverse().toString();
    }

    /** 0-based column index of a cell reference such as {@code AB12} (letters only are read), or -1. */
    static int columnIndex(String ref) {
        int col = 0;
        int i = 0;
        while (i < ref.length()) {
            char c = ref.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                col = col * 26 + (c - 'A' + 1);
            } else if (c >= 'a' && c <= 'z') {
                col = col * 26 + (c - 'a' + 1);
            } else {
                break;
            }
            if (col > 1_000_000) {
                return -1;
            }
            i++;
        }
        return i == 0 ? -1 : col - 1;
    }
}
