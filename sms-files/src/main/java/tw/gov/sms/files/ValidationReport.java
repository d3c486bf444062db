package tw.gov.sms.files;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * The validation report agencies download: one line per problem, as a CSV that Excel opens correctly on a
 * Traditional Chinese Windows (UTF-8 with BOM, CRLF). Every cell goes through {@link SpreadsheetSafe#cell}, because
 * values come from the uploaded file and a {@code =HYPERLINK(…)} in a name must stay text.
 */
public final class ValidationReport {

    static final String[] HEADER = {"檔案/entry", "列/row", "欄/column", "代碼/code", "說明/reason (zh)", "reason (en)"};

    private ValidationReport() {}

    /** Writes the report; the stream is flushed, not closed. */
    public static void writeCsv(Iterable<FileProblem> problems, OutputStream out) throws IOException {
        out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        writeLine(w, HEADER);
        for (FileProblem p : problems) {
            writeLine(w, new String[] {
                p.entry(),
                p.line() == null ? "" : p.line().toString(),
                p.column(),
                p.problem().code().name(),
                p.problem().messageZh(),
                p.problem().messageEn()
            });
        }
        w.flush();
    }

    private static void writeLine(Writer w, String[] cells) throws IOException {
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                w.write(',');
            }
            w.write(quote(SpreadsheetSafe.cell(cells[i])));
        }
        w.write("\r\n");
    }

    /** RFC 4180: a field holding a quote, comma or line break is quoted, its quotes doubled. */
    static String quote(String s) {
        boolean needs = false;
        for (int i = 0; i < s.length() && !needs; i++) {
            char c = s.charAt(i);
            needs = c == '"' || c == ',' || c == '\r' || c == '\n';
        }
        return needs ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }
}
