package tw.gov.sms.files;

/**
 * Neutralises formula ("CSV") injection in anything written for people to open in a spreadsheet: a value that starts
 * with {@code = + - @}, a tab or a carriage return is prefixed with a single quote, so Excel and LibreOffice show it
 * as text instead of evaluating it (OWASP's rule). Quoting for CSV is the writer's job ({@link ValidationReport}).
 */
public final class SpreadsheetSafe {

    private SpreadsheetSafe() {}

    /** The value made safe to show in a spreadsheet cell; {@code null} becomes {@code ""}. */
    public static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        char c = value.charAt(0);
        if (c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r') {
            return "'" + value;
        }
        return value;
    }
}
