package tw.gov.sms.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.poi.EncryptedDocumentException;
import org.apache.poi.hssf.OldExcelFormatException;
import org.apache.poi.hssf.eventusermodel.FormatTrackingHSSFListener;
import org.apache.poi.hssf.record.BOFRecord;
import org.apache.poi.hssf.record.BoolErrRecord;
import org.apache.poi.hssf.record.BoundSheetRecord;
import org.apache.poi.hssf.record.CellValueRecordInterface;
import org.apache.poi.hssf.record.DateWindow1904Record;
import org.apache.poi.hssf.record.EOFRecord;
import org.apache.poi.hssf.record.FormulaRecord;
import org.apache.poi.hssf.record.LabelRecord;
import org.apache.poi.hssf.record.LabelSSTRecord;
import org.apache.poi.hssf.record.NameRecord;
import org.apache.poi.hssf.record.NumberRecord;
import org.apache.poi.hssf.record.Record;
import org.apache.poi.hssf.record.RecordFactoryInputStream;
import org.apache.poi.hssf.record.SSTRecord;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.poifs.filesystem.DirectoryNode;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.FormulaError;
import tw.gov.sms.shared.domain.ProblemCode;

/**
 * The first worksheet of an xls (BIFF8) workbook, streamed record by record with {@link RecordFactoryInputStream}
 * (the pull side of POI's HSSF event API): only the shared strings and the formats of the workbook globals are held,
 * never the sheet. Format 97-2003 sheets have at most 65,536 rows anyway, but a 100 MB file must not become a
 * gigabyte of {@code HSSFWorkbook}.
 *
 * <p>A first pass over all records refuses VBA projects ({@code _VBA_PROJECT_CUR}), Excel 4.0 macro sheets, {@code
 * Auto_Open} names and encryption, and notes the other worksheets that hold values.
 */
final class XlsSource implements CellSource {

    private final POIFSFileSystem fs;
    private final InputStream stream;
    private final RecordFactoryInputStream records;
    private final FormatTrackingHSSFListener formats = new FormatTrackingHSSFListener(r -> {}, Locale.TAIWAN);
    private final DataFormatter formatter = new DataFormatter(Locale.TAIWAN);
    private final String name;
    private final String entry;
    private final int maxChars;
    private SSTRecord sst;
    private boolean date1904;
    private int level;
    private boolean inFirst;
    private boolean sawFirst;
    private boolean finished;
    private CellValueRecordInterface pending;

    private XlsSource(
            POIFSFileSystem fs,
            InputStream stream,
            RecordFactoryInputStream records,
            String name,
            String entry,
            FileLimits limits) {
        this.fs = fs;
        this.stream = stream;
        this.records = records;
        this.name = name;
        this.entry = entry;
        this.maxChars = limits.maxCellChars();
    }

    static XlsSource open(Path file, String name, String entry, FileLimits limits, List<FileProblem> warnings)
            throws IOException, FileRejectedException {
        POIFSFileSystem fs;
        try {
            fs = new POIFSFileSystem(file.toFile(), true);
        } catch (RuntimeException e) {
            throw Problems.corrupt(name, entry, e);
        }
        InputStream stream = null;
        try {
            DirectoryNode root = fs.getRoot();
            for (String n : root.getEntryNames()) {
                String u = n.toUpperCase(Locale.ROOT);
                if (u.equals("_VBA_PROJECT_CUR") || u.equals("_VBA_PROJECT") || u.equals("MACROS")) {
                    throw Problems.reject(
                            entry,
                            ProblemCode.FILE_MACRO_ENABLED,
                            name,
                            "VBA 巨集專案（" + n + "）",
                            "a VBA project (" + n + ")");
                }
            }
            if (root.hasEntry("EncryptedPackage")) {
                throw Problems.reject(entry, ProblemCode.FILE_ENCRYPTED, name);
            }
            String workbook;
            try {
                workbook = HSSFWorkbook.getWorkbookDirEntryName(root);
            } catch (OldExcelFormatException e) {
                throw Problems.reject(entry, ProblemCode.FILE_EXCEL_TOO_OLD, name);
            } catch (IllegalArgumentException e) {
                boolean word = root.hasEntry("WordDocument");
                throw Problems.reject(
                        entry,
                        ProblemCode.FILE_CONTENT_MISMATCH,
                        name,
                        ".xls",
                        word ? "Word 97-2003 文件（.doc）" : "Office 97-2003 文件，但不是 Excel 活頁簿",
                        word
                                ? "a Word 97-2003 document (.doc)"
                                : "an Office 97-2003 document that is no Excel workbook");
            }
            try (InputStream scan = root.createDocumentInputStream(workbook)) {
                prescan(new RecordFactoryInputStream(scan, false), name, entry, warnings);
            }
            stream = root.createDocumentInputStream(workbook);
            return new XlsSource(fs, stream, new RecordFactoryInputStream(stream, false), name, entry, limits);
        } catch (EncryptedDocumentException e) {
            closeAll(fs, stream);
            throw Problems.reject(entry, ProblemCode.FILE_ENCRYPTED, name);
        } catch (RuntimeException e) {
            closeAll(fs, stream);
            throw Problems.corrupt(name, entry, e);
        } catch (IOException | FileRejectedException e) {
            closeAll(fs, stream);
            throw e;
        }
    }

    private static void prescan(RecordFactoryInputStream rs, String name, String entry, List<FileProblem> warnings)
            throws FileRejectedException {
        List<BoundSheetRecord> bound = new ArrayList<>();
        List<Integer> types = new ArrayList<>();
        List<Boolean> hasValues = new ArrayList<>();
        int level = 0;
        int sub = -1;
        Record r;
        while ((r = rs.nextRecord()) != null) {
            if (r instanceof BOFRecord bof) {
                if (level == 0 && bof.getType() != BOFRecord.TYPE_WORKBOOK) {
                    sub++;
                    types.add(bof.getType());
                    hasValues.add(false);
                    if (bof.getType() == BOFRecord.TYPE_VB_MODULE || bof.getType() == BOFRecord.TYPE_EXCEL_4_MACRO) {
                        throw Problems.reject(
                                entry,
                                ProblemCode.FILE_MACRO_ENABLED,
                                name,
                                "Excel 4.0 巨集工作表或 VB 模組",
                                "an Excel 4.0 macro sheet or VB module");
                    }
                }
                level++;
            } else if (r instanceof EOFRecord) {
                level = Math.max(0, level - 1);
            } else if (r instanceof BoundSheetRecord b) {
                bound.add(b);
            } else if (r instanceof NameRecord n
                    && n.isBuiltInName()
                    && (n.getBuiltInName() == NameRecord.BUILTIN_AUTO_OPEN
                            || n.getBuiltInName() == NameRecord.BUILTIN_AUTO_CLOSE)) {
                throw Problems.reject(
                        entry,
                        ProblemCode.FILE_MACRO_ENABLED,
                        name,
                        "自動執行巨集（Auto_Open）",
                        "an auto-run macro (Auto_Open)");
            } else if (sub >= 0 && level > 0 && isValue(r)) {
                hasValues.set(sub, true);
            }
        }
        BoundSheetRecord[] ordered = BoundSheetRecord.orderByBofPosition(bound);
        int first = types.indexOf(BOFRecord.TYPE_WORKSHEET);
        List<String> others = new ArrayList<>();
        for (int i = 0; i < types.size(); i++) {
            if (i != first && types.get(i) == BOFRecord.TYPE_WORKSHEET && hasValues.get(i)) {
                others.add("「" + (i < ordered.length ? ordered[i].getSheetname() : "#" + (i + 1)) + "」");
            }
        }
        if (first >= 0 && !others.isEmpty()) {
            String firstName = first < ordered.length ? ordered[first].getSheetname() : "#1";
            warnings.add(Problems.file(
                    entry,
                    ProblemCode.FILE_OTHER_SHEETS_IGNORED,
                    SpreadsheetSafe.cell(firstName),
                    SpreadsheetSafe.cell(String.join("、", others))));
        }
    }

    private static boolean isValue(Record r) {
        return r instanceof LabelSSTRecord
                || r instanceof LabelRecord
                || r instanceof NumberRecord
                || r instanceof FormulaRecord
                || r instanceof BoolErrRecord;
    }

    @Override
    public boolean spreadsheet() {
        return true;
    }

    @Override
    public Row next() throws IOException, FileRejectedException {
        try {
            CellValueRecordInterface first = pending != null ? pending : nextCell();
            pending = null;
            if (first == null) {
                return null;
            }
            int row = first.getRow();
            List<Cell> cells = new ArrayList<>(8);
            add(cells, first);
            CellValueRecordInterface c;
            while ((c = nextCell()) != null) {
                if (c.getRow() != row) {
                    pending = c;
                    break;
                }
                add(cells, c);
            }
            if (cells.size() > 1) {
                cells.sort(java.util.Comparator.comparingInt(Cell::column));
            }
            return new Row(row + 1, cells, -1, false);
        } catch (RuntimeException e) {
            throw Problems.corrupt(name, entry, e);
        }
    }

    private void add(List<Cell> cells, CellValueRecordInterface r) {
        int column = r.getColumn() & 0xFFFF;
        String ref = Names.columnLetters(column) + (r.getRow() + 1);
        if (r instanceof FormulaRecord) {
            cells.add(new Cell(column, "", null, true, 0, ref));
        } else if (r instanceof LabelSSTRecord l) {
            String s = sst == null ? "" : sst.getString(l.getSSTIndex()).getString();
            cells.add(text(column, s, ref));
        } else if (r instanceof LabelRecord l) {
            cells.add(text(column, l.getValue() == null ? "" : l.getValue(), ref));
        } else if (r instanceof NumberRecord n) {
            cells.add(NumericText.cell(
                    column,
                    ref,
                    n.getValue(),
                    formats.getFormatIndex(n),
                    formats.getFormatString(n),
                    formatter,
                    date1904,
                    maxChars));
        } else if (r instanceof BoolErrRecord b) {
            String s = b.isBoolean()
                    ? (b.getBooleanValue() ? "TRUE" : "FALSE")
                    : FormulaError.forInt(b.getErrorValue()).getString();
            cells.add(text(column, s, ref));
        }
        // blank cells carry no value
    }

    private Cell text(int column, String s, String ref) {
        int length = s.length();
        return new Cell(column, length > maxChars ? s.substring(0, maxChars) : s, null, false, length, ref);
    }

    /** The next value record of the first worksheet, reading the workbook globals on the way. */
    private CellValueRecordInterface nextCell() {
        if (finished) {
            return null;
        }
        Record r;
        while ((r = records.nextRecord()) != null) {
            if (r instanceof BOFRecord bof) {
                if (level == 0 && !sawFirst && bof.getType() == BOFRecord.TYPE_WORKSHEET) {
                    sawFirst = true;
                    inFirst = true;
                }
                level++;
                continue;
            }
            if (r instanceof EOFRecord) {
                level = Math.max(0, level - 1);
                if (inFirst && level == 0) {
                    finished = true;
                    return null;
                }
                continue;
            }
            if (!sawFirst) {
                formats.processRecordInternally(r);
                if (r instanceof SSTRecord s) {
                    sst = s;
                } else if (r instanceof DateWindow1904Record d) {
                    date1904 = d.getWindowing() == 1;
                }
                continue;
            }
            if (inFirst && level == 1 && r instanceof CellValueRecordInterface c && isValue(r)) {
                return c;
            }
        }
        finished = true;
        return null;
    }

    private static void closeAll(POIFSFileSystem fs, InputStream stream) {
        try {
            if (stream != null) {
                stream.close();
            }
        } catch (IOException ignored) {
            // closing after a failure
        }
        try {
            fs.close();
        } catch (IOException ignored) {
            // closing after a failure
        }
    }

    @Override
    public void close() throws IOException {
        try {
            stream.close();
        } finally {
            fs.close();
        }
    }
}
