package tw.gov.sms.reports;

import java.io.IOException;
import java.util.function.Consumer;

/**
 * Writes one report document to the output stream it was created with: call {@link #sheet} once per table, then
 * {@link #close}. Typical use, with the rows streamed from the database:
 *
 * <pre>{@code
 * try (ReportWriter report = ReportFormat.XLSX.open(out, generatedAt)) {
 *     report.sheet(spec, rows -> records.forEach(r -> rows.row(Arrays.asList(r.agency(), r.sent(), r.fee()))));
 * }
 * }</pre>
 *
 * <p>The output stream belongs to the caller: it is flushed, never closed. If {@link #sheet} fails (a bad value, an
 * exception from the caller's row source, an I/O error), {@link #close} only releases resources: xlsx and PDF then
 * write nothing at all, while csv, which streams as it goes, has written a partial document that the caller must
 * discard. A writer is for one thread and one document.
 */
public interface ReportWriter extends AutoCloseable {

    /**
     * Writes one table: {@code rows} is called once, with a sink that accepts the rows in order.
     *
     * @throws IOException if writing fails
     * @throws IllegalArgumentException if a row does not fit the columns
     * @throws IllegalStateException if the writer is closed, has failed, or is already inside {@code sheet}
     */
    void sheet(Sheet spec, Consumer<RowSink> rows) throws IOException;

    /** Completes the document on the output stream (unless a {@code sheet} call failed) and releases resources. */
    @Override
    void close() throws IOException;
}
