package tw.gov.sms.reports;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What the three writers share, so it is written once: the life cycle (sheets, then close; nothing after a
 * failure), checking and canonicalising each row against its columns, and carrying I/O errors out of the caller's
 * row lambda. A subclass only lays out canonical values.
 */
abstract class AbstractReportWriter implements ReportWriter {

    /** The caller's stream: written to and flushed, never closed. */
    protected final OutputStream out;

    private boolean inSheet;
    private boolean failed;
    private boolean closed;

    protected AbstractReportWriter(OutputStream out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    @Override
    public final void sheet(Sheet spec, Consumer<RowSink> rows) throws IOException {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(rows, "rows");
        if (closed || failed || inSheet) {
            throw new IllegalStateException(
                    closed
                            ? "report writer is closed"
                            : failed ? "report writer has failed" : "sheet() is not re-entrant");
        }
        inSheet = true;
        var sink = new Sink(spec);
        try {
            beginSheet(spec);
            rows.accept(sink);
            if (sink.ioFailure != null) {
                // The caller's lambda caught our error and went on; the document is broken all the same.
                throw sink.ioFailure;
            }
            endSheet();
        } catch (SinkFailure e) {
            failed = true;
            throw e.getCause();
        } catch (IOException | RuntimeException | Error e) {
            failed = true;
            throw e;
        } finally {
            sink.open = false;
            inSheet = false;
        }
    }

    @Override
    public final void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (failed || inSheet) {
            discard();
        } else {
            finish();
            out.flush();
        }
    }

    /** Starts a table: title, notes, headers. */
    protected abstract void beginSheet(Sheet spec) throws IOException;

    /** Writes a row of canonical values (see {@link Cells}), one per column. */
    protected abstract void row(List<Object> values, boolean total) throws IOException;

    /** Ends the current table. */
    protected abstract void endSheet() throws IOException;

    /** Completes the document on {@link #out} and releases resources. */
    protected abstract void finish() throws IOException;

    /** Releases resources after a failure, writing nothing more. */
    protected abstract void discard() throws IOException;

    private final class Sink implements RowSink {
        private final Sheet spec;
        private final List<Column> columns;
        private long rowNumber;
        private boolean open = true;
        private IOException ioFailure;

        Sink(Sheet spec) {
            this.spec = spec;
            this.columns = spec.columns();
        }

        @Override
        public void row(List<?> values) {
            write(values, false);
        }

        @Override
        public void total(List<?> values) {
            write(values, true);
        }

        private void write(List<?> values, boolean total) {
            if (!open || closed || ioFailure != null) {
                throw new IllegalStateException("the row sink of sheet " + spec.name() + " is no longer open");
            }
            Objects.requireNonNull(values, "values");
            rowNumber++;
            if (values.size() != columns.size()) {
                throw new IllegalArgumentException(where() + values.size() + " values for " + columns.size()
                        + " columns "
                        + Arrays.toString(columns.stream().map(Column::key).toArray()));
            }
            var canonical = new ArrayList<Object>(values.size());
            for (int i = 0; i < values.size(); i++) {
                try {
                    canonical.add(Cells.canonical(columns.get(i), values.get(i)));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(where() + e.getMessage(), e);
                }
            }
            try {
                AbstractReportWriter.this.row(canonical, total);
            } catch (IOException e) {
                ioFailure = e;
                throw new SinkFailure(e);
            }
        }

        private String where() {
            return "sheet " + spec.name() + ", row " + rowNumber + ": ";
        }
    }

    /** An I/O error of this writer on its way out of the caller's lambda; {@code sheet} rethrows the cause. */
    private static final class SinkFailure extends UncheckedIOException {
        SinkFailure(IOException cause) {
            super(cause);
        }
    }
}
