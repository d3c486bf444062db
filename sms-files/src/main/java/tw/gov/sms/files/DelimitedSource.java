package tw.gov.sms.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.util.ArrayList;
import java.util.List;
import tw.gov.sms.shared.domain.ProblemCode;

/**
 * Rows of a txt or csv file, read from a stream in one pass with bounded memory: RFC 4180 fields (quoted fields may
 * hold commas, quotes written twice, and line breaks), CRLF, LF or CR line ends. A value is kept up to the cell limit
 * and a row up to one field more than the column limit; what is beyond is only counted.
 *
 * <p>The separator is decided from the first non-blank line: a csv uses commas, or tabs when that line has tabs and
 * no comma (Excel's "Unicode text" export is tab-separated UTF-16); a txt whose first line has a tab is a
 * tab-separated table with a header, otherwise it holds one number per line.
 */
final class DelimitedSource implements CellSource {

    private static final int EOF = -1;
    private static final int SNIFF_LIMIT = 1 << 16;

    private final Reader reader;
    private final int delimiter;
    private final boolean quotes;
    private final String entry;
    private final int maxChars;
    private final int maxFields;
    private char[] buf;
    private int pos;
    private int len;
    private int line = 1;
    private final StringBuilder field = new StringBuilder();

    private DelimitedSource(
            Reader reader, char[] start, int startLength, int delimiter, String entry, FileLimits limits) {
        this.reader = reader;
        this.buf = start.length >= 8192 ? start : java.util.Arrays.copyOf(start, 8192);
        this.len = startLength;
        this.delimiter = delimiter;
        this.quotes = delimiter >= 0;
        this.entry = entry;
        this.maxChars = limits.maxCellChars();
        this.maxFields = limits.maxColumns() + 1;
    }

    /** Opens the stream (positioned at the start of the file, byte-order mark included) for reading rows. */
    static DelimitedSource open(
            InputStream in, TextEncoding encoding, FileFormat format, String entry, FileLimits limits)
            throws IOException {
        try {
            in.skipNBytes(encoding.bomLength());
            Reader reader = new InputStreamReader(
                    in,
                    encoding.charset()
                            .newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT));
            char[] head = new char[8192];
            int n = 0;
            int lineStart = 0;
            String firstLine = null;
            while (firstLine == null && n < SNIFF_LIMIT) {
                if (n == head.length) {
                    head = java.util.Arrays.copyOf(head, head.length * 2);
                }
                int r = reader.read(head, n, head.length - n);
                if (r < 0) {
                    break;
                }
                int end = n + r;
                for (int i = n; i < end && firstLine == null; i++) {
                    if (head[i] == '\n' || head[i] == '\r') {
                        String candidate = new String(head, lineStart, i - lineStart);
                        if (!candidate.isBlank()) {
                            firstLine = candidate;
                        }
                        lineStart = i + 1;
                    }
                }
                n = end;
            }
            if (firstLine == null) {
                firstLine = new String(head, lineStart, n - lineStart);
            }
            int delimiter;
            if (format == FileFormat.CSV) {
                delimiter = firstLine.indexOf(',') < 0 && firstLine.indexOf('\t') >= 0 ? '\t' : ',';
            } else {
                delimiter = firstLine.indexOf('\t') >= 0 ? '\t' : EOF;
            }
            return new DelimitedSource(reader, head, n, delimiter, entry, limits);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /** Whether the file holds one value per line (a txt without tabs). */
    boolean lineMode() {
        return delimiter == EOF;
    }

    @Override
    public boolean spreadsheet() {
        return false;
    }

    @Override
    public Row next() throws IOException, FileRejectedException {
        int c = read();
        if (c == EOF) {
            return null;
        }
        int startLine = line;
        List<Cell> cells = new ArrayList<>(8);
        int count = 0;
        boolean overflowNonBlank = false;
        field.setLength(0);
        int length = 0;
        boolean quoted = false;
        boolean fieldStart = true;
        int quoteLine = 0;
        while (true) {
            if (quoted) {
                if (c == EOF) {
                    throw Problems.rejectAt(
                            entry, quoteLine, null, Problems.ROW, ProblemCode.FILE_CSV_UNCLOSED_QUOTE, quoteLine);
                }
                if (c == '"') {
                    if (peek() == '"') {
                        read();
                        length = append('"', length);
                    } else {
                        quoted = false; // what follows up to the separator is kept as written, as Excel does
                    }
                } else if (c == '\r' || c == '\n') {
                    if (c == '\r' && peek() == '\n') {
                        read();
                    }
                    line++;
                    length = append('\n', length); // one line feed: CR would be a control character in a message
                } else {
                    length = append((char) c, length);
                }
                c = read();
                continue;
            }
            boolean endOfRecord = c == EOF || c == '\r' || c == '\n';
            if (endOfRecord || c == delimiter) {
                if (count < maxFields) {
                    String text = field.toString();
                    cells.add(new Cell(count, text, null, false, length, null));
                } else if (!field.toString().isBlank()) {
                    overflowNonBlank = true;
                }
                count++;
                field.setLength(0);
                length = 0;
                fieldStart = true;
                if (endOfRecord) {
                    if (c == '\r' && peek() == '\n') {
                        read();
                    }
                    if (c != EOF) {
                        line++;
                    }
                    return new Row(startLine, cells, count, overflowNonBlank);
                }
            } else if (c == '"' && quotes && fieldStart) {
                quoted = true;
                quoteLine = line;
                fieldStart = false;
            } else {
                fieldStart = false;
                length = append((char) c, length);
            }
            c = read();
        }
    }

    private int append(char c, int length) {
        if (field.length() < maxChars) {
            field.append(c);
        }
        return length == Integer.MAX_VALUE ? length : length + 1;
    }

    private int read() throws IOException {
        if (pos == len && !fill()) {
            return EOF;
        }
        return buf[pos++];
    }

    private int peek() throws IOException {
        if (pos == len && !fill()) {
            return EOF;
        }
        return buf[pos];
    }

    private boolean fill() throws IOException {
        if (buf.length < 8192) {
            buf = new char[8192];
        }
        int r = reader.read(buf, 0, buf.length);
        if (r <= 0) {
            len = pos = 0;
            return false;
        }
        pos = 0;
        len = r;
        return true;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
