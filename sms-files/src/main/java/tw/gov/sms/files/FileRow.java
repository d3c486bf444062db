package tw.gov.sms.files;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One data row of an upload.
 *
 * @param ordinal 1-based position of this row among all data rows of the upload, across zip entries; deterministic,
 *     so a restarted job skips every row up to its last checkpoint
 * @param entry the zip entry the row comes from, or {@code null} for a single file
 * @param line the line (text editor) or row number (Excel) the user sees; the header is line 1 when it is the first
 * @param phone the phone cell as written, surrounding white space removed; numeric cells come as digits without
 *     {@code .0} or exponent ({@code MsisdnParser} restores a leading zero a spreadsheet dropped)
 * @param values placeholder values by column name (the header as written, stripped of surrounding white space),
 *     excluding the phone column, in column order; a missing cell is {@code ""}
 * @param problems cell-level findings, e.g. a formula cell or a value over the length limit
 */
public record FileRow(
        long ordinal, String entry, int line, String phone, Map<String, String> values, List<FileProblem> problems) {

    public FileRow {
        Objects.requireNonNull(phone, "phone");
        // A read-only view, not a copy: the reader builds a fresh ordered map for every row.
        values = Collections.unmodifiableMap(values);
        problems = List.copyOf(problems);
    }
}
