package tw.gov.sms.files;

import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tw.gov.sms.shared.domain.ProblemCode;

/**
 * One table of an upload with its header understood: the phone column found, the other columns named, and each
 * data row turned into a {@link FileRow}. Header rules (csv, xls, xlsx, tab-separated txt): the first non-blank row
 * is the header; names are stripped; empty or duplicate names are refused; the phone column is found by name
 * ({@link PhoneColumn}); a single column with another name is the phone column; a single column whose "header" is a
 * phone number means the file has no header.
 */
final class Table implements Closeable {

    /** The column name of a headerless list (a txt with one number per line, or one unnamed column). */
    static final String PHONE = "phone";

    private static final int MAX_STRAY_CELL_WARNINGS = 3;

    private final CellSource source;
    private final String entry;
    private final FileLimits limits;
    private final List<String> columns;
    private final String phoneColumn;
    private final int phoneIndex;
    private final boolean lineMode;
    private CellSource.Row pending;

    private Table(
            CellSource source,
            String entry,
            FileLimits limits,
            List<String> columns,
            int phoneIndex,
            boolean lineMode,
            CellSource.Row pending) {
        this.source = source;
        this.entry = entry;
        this.limits = limits;
        this.columns = List.copyOf(columns);
        this.phoneIndex = phoneIndex;
        this.phoneColumn = columns.get(phoneIndex);
        this.lineMode = lineMode;
        this.pending = pending;
    }

    /**
     * Reads the header and looks ahead to the first data row (a table without one is refused). Closes the source
     * when it throws.
     *
     * @param name the file or entry name, for messages
     * @param lineMode a txt with one number per line: no header, unless the first line is a phone column name
     */
    static Table read(CellSource source, String entry, String name, FileLimits limits, boolean lineMode)
            throws IOException, FileRejectedException {
        try {
            Table t = readHeader(source, entry, name, limits, lineMode);
            if (t.pending == null) {
                t.pending = t.nextNonBlank();
            }
            if (t.pending == null) {
                throw Problems.reject(entry, ProblemCode.FILE_NO_ROWS, name);
            }
            return t;
        } catch (IOException | FileRejectedException | RuntimeException e) {
            source.close();
            throw e;
        }
    }

    private static Table readHeader(CellSource source, String entry, String name, FileLimits limits, boolean lineMode)
            throws IOException, FileRejectedException {
        CellSource.Row first = nextNonBlank(source);
        if (first == null) {
            throw Problems.reject(entry, ProblemCode.FILE_NO_ROWS, name);
        }
        if (lineMode) {
            String text = first.cells().isEmpty() ? "" : first.cells().get(0).text();
            boolean isHeader = PhoneColumn.tier(text) >= 0;
            return new Table(source, entry, limits, List.of(PHONE), 0, true, isHeader ? null : first);
        }
        int line = first.line();
        for (CellSource.Cell c : first.cells()) {
            if (c.formula()) {
                throw Problems.rejectAt(
                        entry, line, c.ref(), Problems.HEADER, ProblemCode.FILE_FORMULA_CELL, "標題列 header", c.ref());
            }
        }
        int width = 0;
        for (CellSource.Cell c : first.cells()) {
            if (!c.blank()) {
                width = c.column() + 1;
            }
        }
        if (first.overflowNonBlank() || width > limits.maxColumns()) {
            int count = first.fieldCount() > 0 ? first.fieldCount() : width;
            throw Problems.rejectAt(
                    entry,
                    line,
                    null,
                    Problems.HEADER,
                    ProblemCode.FILE_TOO_MANY_COLUMNS,
                    Math.max(count, width),
                    limits.maxColumns(),
                    line);
        }
        String[] names = new String[width];
        java.util.Arrays.fill(names, "");
        boolean looksLikeData = false;
        for (CellSource.Cell c : first.cells()) {
            if (c.column() < width) {
                names[c.column()] = strip(c.text());
                looksLikeData |= PhoneColumn.looksLikeNumber(c.digits() != null ? c.digits() : c.text());
            }
        }
        int[] tiers = new int[width];
        boolean anyPhoneName = false;
        for (int i = 0; i < width; i++) {
            tiers[i] = PhoneColumn.tier(names[i]);
            anyPhoneName |= tiers[i] >= 0;
        }
        if (!anyPhoneName && looksLikeData) {
            if (width == 1) {
                // One column and no header: the first row is a recipient, not a name.
                return new Table(source, entry, limits, List.of(PHONE), 0, false, first);
            }
            String shown = SpreadsheetSafe.cell(clip(String.join(",", names), 60));
            throw Problems.rejectAt(entry, line, null, Problems.HEADER, ProblemCode.FILE_HEADER_MISSING, shown, line);
        }
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < width; i++) {
            if (names[i].isEmpty()) {
                throw Problems.rejectAt(
                        entry,
                        line,
                        Names.columnLetters(i),
                        Problems.HEADER,
                        ProblemCode.FILE_HEADER_EMPTY_NAME,
                        line,
                        i + 1,
                        Names.columnLetters(i));
            }
            Integer earlier = seen.putIfAbsent(names[i], i);
            if (earlier != null) {
                throw Problems.rejectAt(
                        entry,
                        line,
                        names[i],
                        Problems.HEADER,
                        ProblemCode.FILE_HEADER_DUPLICATE,
                        names[i],
                        earlier + 1,
                        i + 1,
                        line);
            }
        }
        int phone = -1;
        for (int tier = 0; tier < PhoneColumn.TIERS.size() && phone < 0; tier++) {
            List<String> candidates = new ArrayList<>();
            for (int i = 0; i < width; i++) {
                if (tiers[i] == tier) {
                    candidates.add(names[i]);
                    phone = i;
                }
            }
            if (candidates.size() > 1) {
                throw Problems.rejectAt(
                        entry,
                        line,
                        null,
                        Problems.HEADER,
                        ProblemCode.FILE_PHONE_COLUMN_AMBIGUOUS,
                        "「" + String.join("」「", candidates) + "」",
                        line);
            }
        }
        if (phone < 0) {
            if (width != 1) {
                throw Problems.rejectAt(
                        entry,
                        line,
                        null,
                        Problems.HEADER,
                        ProblemCode.FILE_NO_PHONE_COLUMN,
                        "「" + String.join("」「", names) + "」",
                        PhoneColumn.acceptedNames(),
                        line);
            }
            phone = 0;
        }
        return new Table(source, entry, limits, List.of(names), phone, false, null);
    }

    List<String> columns() {
        return columns;
    }

    String phoneColumn() {
        return phoneColumn;
    }

    /** The next data row, numbered {@code ordinal}, or {@code null} at the end of this table. */
    FileRow next(long ordinal) throws IOException, FileRejectedException {
        CellSource.Row r = pending != null ? pending : nextNonBlank();
        pending = null;
        return r == null ? null : toRow(r, ordinal);
    }

    private CellSource.Row nextNonBlank() throws IOException, FileRejectedException {
        return nextNonBlank(source);
    }

    private static CellSource.Row nextNonBlank(CellSource source) throws IOException, FileRejectedException {
        CellSource.Row r;
        do {
            r = source.next();
        } while (r != null && r.blank());
        return r;
    }

    private FileRow toRow(CellSource.Row r, long ordinal) {
        int width = columns.size();
        List<FileProblem> problems = new ArrayList<>(0);
        Map<String, String> values = new LinkedHashMap<>(lineMode ? 1 : width * 2);
        if (!lineMode) {
            for (int i = 0; i < width; i++) {
                if (i != phoneIndex) {
                    values.put(columns.get(i), "");
                }
            }
        }
        String phone = "";
        boolean extraValues = r.overflowNonBlank();
        int strayWarnings = 0;
        for (CellSource.Cell c : r.cells()) {
            if (c.column() >= width) {
                if (c.blank()) {
                    continue;
                }
                extraValues = true;
                if (source.spreadsheet() && strayWarnings++ < MAX_STRAY_CELL_WARNINGS) {
                    problems.add(Problems.at(
                            entry, r.line(), c.ref(), c.ref(), ProblemCode.FILE_CELL_WITHOUT_HEADER, c.ref()));
                }
                continue;
            }
            String column = columns.get(c.column());
            String value;
            if (c.formula()) {
                problems.add(Problems.at(
                        entry,
                        r.line(),
                        column,
                        column,
                        ProblemCode.FILE_FORMULA_CELL,
                        SpreadsheetSafe.cell(column),
                        c.ref()));
                value = "";
            } else {
                value = c.column() == phoneIndex && c.digits() != null ? c.digits() : c.text();
            }
            if (c.length() > limits.maxCellChars()) {
                problems.add(Problems.at(
                        entry,
                        r.line(),
                        column,
                        column,
                        ProblemCode.FILE_CELL_TOO_LONG,
                        SpreadsheetSafe.cell(column),
                        c.length(),
                        limits.maxCellChars()));
            }
            if (c.column() == phoneIndex) {
                phone = value.strip();
            } else {
                values.put(column, value);
            }
        }
        if (!source.spreadsheet() && !lineMode && (r.fieldCount() < width || extraValues)) {
            problems.add(Problems.at(
                    entry,
                    r.line(),
                    null,
                    Problems.ROW,
                    ProblemCode.FILE_ROW_FIELD_COUNT,
                    r.fieldCount(),
                    width,
                    r.line()));
        }
        return new FileRow(ordinal, entry, r.line(), phone, values, problems);
    }

    private static String strip(String s) {
        String t = s.strip();
        while (!t.isEmpty() && t.charAt(0) == '\uFEFF') {
            t = t.substring(1).strip();
        }
        return t;
    }

    private static String clip(String s, int max) {
        return s.length() > max ? s.substring(0, max) + "…" : s;
    }

    @Override
    public void close() throws IOException {
        source.close();
    }
}
