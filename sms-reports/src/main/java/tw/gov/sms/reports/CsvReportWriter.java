package tw.gov.sms.reports;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a report as csv for machines and for Excel: UTF-8 with a byte-order mark (without it, Excel on a Taiwanese
 * Windows reads the file as Big5), lines ending in CRLF, fields quoted as RFC 4180 says.
 *
 * <p>Only the table is written: one header line whose fields read {@code 中文(English)}, then the rows, values
 * formatted as in the PDF but without thousands separators (money {@code 1234}, percent {@code 98.76%}, date-times
 * in Asia/Taipei). Title and notes are left out so that a program can read the file as it is. A total row is an
 * ordinary line; its label tells it apart.
 *
 * <p>Each further sheet of the document follows as a section: an empty line, a line holding the sheet's {@link
 * Sheet#title()} as a single field, then its header line and rows. A one-sheet document is therefore a plain table.
 *
 * <p>Text that a spreadsheet could take for a formula (starting with {@code = + - @}, tab or CR) gets a leading
 * apostrophe, the OWASP advice against CSV injection; Excel shows the text, and a program sees the apostrophe.
 *
 * <p>Rows are written as they come: after a failure the output holds a partial document.
 */
public final class CsvReportWriter extends AbstractReportWriter {

    private static final String CRLF = "\r\n";

    private final Writer writer;
    private List<Column> columns;
    private int sections;

    public CsvReportWriter(OutputStream out) {
        super(out);
        this.writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
    }

    @Override
    protected void beginSheet(Sheet spec) throws IOException {
        if (sections++ == 0) {
            writer.write('\uFEFF');
        } else {
            writer.write(CRLF);
            line(List.of(text(spec.title())));
        }
        columns = spec.columns();
        var header = new ArrayList<String>(columns.size());
        for (Column column : columns) {
            header.add(text(column.en().isBlank() ? column.zh() : column.zh() + "(" + column.en() + ")"));
        }
        line(header);
    }

    @Override
    protected void row(List<Object> values, boolean total) throws IOException {
        var fields = new ArrayList<String>(values.size());
        for (int i = 0; i < values.size(); i++) {
            Column.Kind kind = columns.get(i).kind();
            String field = Cells.text(kind, values.get(i), false);
            fields.add(kind == Column.Kind.TEXT ? text(field) : field);
        }
        line(fields);
    }

    @Override
    protected void endSheet() {}

    @Override
    protected void finish() throws IOException {
        writer.flush();
    }

    @Override
    protected void discard() {
        // Nothing held but the buffer; what was already written stays written.
    }

    /** Text as a spreadsheet will show it, never as a formula. */
    private static String text(String text) {
        return Cells.formulaLike(text) ? "'" + text : text;
    }

    private void line(List<String> fields) throws IOException {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                writer.write(',');
            }
            field(fields.get(i));
        }
        writer.write(CRLF);
    }

    private void field(String field) throws IOException {
        boolean quote = field.indexOf(',') >= 0
                || field.indexOf('"') >= 0
                || field.indexOf('\n') >= 0
                || field.indexOf('\r') >= 0;
        if (!quote) {
            writer.write(field);
            return;
        }
        writer.write('"');
        writer.write(field.replace("\"", "\"\""));
        writer.write('"');
    }
}
