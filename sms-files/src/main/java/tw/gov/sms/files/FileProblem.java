package tw.gov.sms.files;

import java.util.Objects;
import tw.gov.sms.shared.domain.Problem;

/**
 * A finding about an uploaded file, and where it is.
 *
 * @param entry the zip entry name, or {@code null} for a single file or the zip as a whole
 * @param line the line (text) or row (Excel) the user sees, header = 1; {@code null} when about the whole file
 * @param column the column name (header) or cell reference, or {@code null} when not about one column
 */
public record FileProblem(String entry, Integer line, String column, Problem problem) {

    public FileProblem {
        Objects.requireNonNull(problem, "problem");
    }
}
