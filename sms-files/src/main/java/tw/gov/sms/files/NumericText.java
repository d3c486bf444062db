package tw.gov.sms.files;

import java.math.BigDecimal;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;

/**
 * The text of a numeric spreadsheet cell. Dates show as formatted (built-in format 14 as {@code yyyy/m/d}, the way
 * Excel on Traditional Chinese Windows shows it); other numbers with their format, except "General", which is
 * written out in full ({@code 912345678}, never {@code 9.12345678E8}). Integral numbers also give their digits for the
 * phone column, zero-padded when the cell's format is all zeros ({@code 0000000000} keeps the leading 0 of 09…).
 */
final class NumericText {

    private NumericText() {}

    static CellSource.Cell cell(
            int column,
            String ref,
            double value,
            int formatIndex,
            String format,
            DataFormatter formatter,
            boolean date1904,
            int maxChars) {
        String fmt = format;
        if (formatIndex == 14) {
            fmt = "yyyy/m/d";
        } else if (formatIndex == 22) {
            fmt = "yyyy/m/d h:mm";
        }
        boolean integral = value == Math.rint(value) && Math.abs(value) < 1e15;
        String digits = integral ? Long.toString((long) value) : null;
        String text;
        if (fmt != null && DateUtil.isADateFormat(formatIndex, fmt) && DateUtil.isValidExcelDate(value)) {
            text = format(formatter, value, formatIndex, fmt, date1904, digits);
            digits = null;
        } else if (formatIndex == 0 || fmt == null || "General".equalsIgnoreCase(fmt)) {
            text = digits != null
                    ? digits
                    : BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
        } else {
            text = format(formatter, value, formatIndex, fmt, date1904, digits);
            if (digits != null && value >= 0 && fmt.matches("0+") && fmt.length() > digits.length()) {
                digits = "0".repeat(fmt.length() - digits.length()) + digits;
            }
        }
        int length = text.length();
        return new CellSource.Cell(
                column, length > maxChars ? text.substring(0, maxChars) : text, digits, false, length, ref);
    }

    private static String format(
            DataFormatter formatter, double value, int index, String fmt, boolean date1904, String digits) {
        try {
            return formatter.formatRawCellContents(value, index, fmt, date1904);
        } catch (RuntimeException e) {
            return digits != null
                    ? digits
                    : BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
        }
    }
}
