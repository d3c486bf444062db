package tw.gov.sms.reports;

import java.util.List;

/**
 * Where the rows of one sheet go, valid only while {@link ReportWriter#sheet} runs. Each row has one value per
 * column, in column order, of a type the column's {@link Column.Kind} accepts; {@code null} is an empty cell (use
 * {@link java.util.Arrays#asList} rather than {@link List#of}, which refuses nulls). A wrong count or type is an
 * {@link IllegalArgumentException} naming the row and the column. Rows are written as they come and are not kept.
 */
public interface RowSink {

    /** Writes one data row. */
    void row(List<?> values);

    /** Writes a total (or subtotal) row, set in bold; its label, if any, is a value like any other. */
    void total(List<?> values);
}
