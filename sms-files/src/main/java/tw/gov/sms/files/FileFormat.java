package tw.gov.sms.files;

import java.util.Locale;

/** The kinds of recipient file an agency may upload; the extension names it and the content must agree. */
public enum FileFormat {
    TXT,
    CSV,
    XLS,
    XLSX,
    ZIP;

    /** The format for a lower- or upper-case extension without the dot, or {@code null}. */
    static FileFormat ofExtension(String extension) {
        return switch (extension.toLowerCase(Locale.ROOT)) {
            case "txt" -> TXT;
            case "csv" -> CSV;
            case "xls" -> XLS;
            case "xlsx" -> XLSX;
            case "zip" -> ZIP;
            default -> null;
        };
    }

    boolean isText() {
        return this == TXT || this == CSV;
    }
}
