package tw.gov.sms.files;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/** The physical rows of one table: a text file, or the first worksheet of a workbook. */
interface CellSource extends Closeable {

    /** The next physical row (possibly blank), or {@code null} at the end. */
    Row next() throws IOException, FileRejectedException;

    /** Whether rows come from a spreadsheet (cells have references; no field count). */
    boolean spreadsheet();

    /**
     * One cell.
     *
     * @param column 0-based column
     * @param text the value as shown (a formula cell: {@code ""}); cut to the cell limit
     * @param digits for an integral numeric cell, its digits (zero-padded when its format is {@code 0000000000});
     *     used for the phone column
     * @param formula whether the cell holds a formula (its cached value is not used)
     * @param length the length of the full value, before cutting
     * @param ref the spreadsheet reference ({@code B7}), or {@code null} for text files
     */
    record Cell(int column, String text, String digits, boolean formula, int length, String ref) {
        boolean blank() {
            return !formula && text.isBlank();
        }
    }

    /**
     * One physical row.
     *
     * @param line the line (text) or row number (spreadsheet) people see
     * @param cells the cells in column order (spreadsheets: only the cells present)
     * @param fieldCount text files: number of fields written; spreadsheets: -1
     * @param overflowNonBlank text files: a non-blank field beyond those kept (more than the column limit)
     */
    record Row(int line, List<Cell> cells, int fieldCount, boolean overflowNonBlank) {
        boolean blank() {
            if (overflowNonBlank) {
                return false;
            }
            for (Cell c : cells) {
                if (!c.blank()) {
                    return false;
                }
            }
            return true;
        }
    }
}
