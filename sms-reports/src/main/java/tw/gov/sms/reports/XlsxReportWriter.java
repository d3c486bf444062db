package tw.gov.sms.reports;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.PrintSetup;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFCell;
import org.apache.poi.xssf.streaming.SXSSFRow;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * Writes a report as an Excel workbook, one worksheet per {@link Sheet}, streamed with POI's SXSSF: only the last
 * {@value #WINDOW} rows are in memory, the rest wait in a compressed temporary file that {@link #close} deletes.
 *
 * <p>Each worksheet: the title in bold, the notes, an empty row, the Chinese header row and the English header row
 * (bold, grey), frozen so they stay in view, then the data. Cells are typed: numbers are numeric cells with a number
 * format (INTEGER {@code #,##0}; DECIMAL and MONEY with as many decimals as the csv and PDF show; PERCENT {@code
 * 0.00%} over the fraction), DATE and DATE_TIME are real Excel dates formatted {@code yyyy-mm-dd} and {@code yyyy-mm-dd
 * hh:mm:ss}, text is a string cell. No formula is ever created; text that looks like one ({@code =1+1}) is a string
 * cell whose style is marked "quote prefix", so that editing it in Excel keeps it text. Column widths come from the
 * headers and the kind (SXSSF cannot auto-size without keeping every row). Prints landscape on A4, one page wide,
 * repeating the header rows.
 *
 * <p>A worksheet holds at most 1,048,576 rows; a longer table goes on in continuation worksheets named {@code "name
 * (2)"}, {@code "name (3)"}, each with the same title, notes and headers. Worksheet names are made unique within the
 * workbook the same way. Text longer than Excel's 32,767 characters is cut, ending in {@code …}.
 */
public final class XlsxReportWriter extends AbstractReportWriter {

    /** Rows kept in memory per worksheet before SXSSF flushes them to its temporary file. */
    static final int WINDOW = 200;

    private static final int MAX_ROWS = SpreadsheetVersion.EXCEL2007.getMaxRows();
    private static final int MAX_TEXT = SpreadsheetVersion.EXCEL2007.getMaxTextLength();
    private static final int MAX_COLUMN_CHARS = 60;

    private final SXSSFWorkbook workbook;
    private final int maxRows;
    private final Styles styles;
    private final Set<String> usedNames = new HashSet<>();

    private Sheet spec;
    private SXSSFSheet sheet;
    private int part;
    private int nextRow;

    public XlsxReportWriter(OutputStream out) {
        this(out, MAX_ROWS);
    }

    /** With a lower row limit per worksheet, so tests can reach it. */
    XlsxReportWriter(OutputStream out, int maxRows) {
        super(out);
        this.maxRows = maxRows;
        // Temp file gzipped: a million seven-column rows take about 40 MB of disk instead of 370 MB (and /tmp may be
        // RAM in a container), for about a third more time. No shared-strings table: it would keep every distinct
        // string in memory.
        this.workbook = new SXSSFWorkbook(null, WINDOW, true, false);
        this.styles = new Styles(workbook);
    }

    @Override
    protected void beginSheet(Sheet spec) {
        this.spec = spec;
        this.part = 1;
        startWorksheet();
    }

    @Override
    protected void row(List<Object> values, boolean total) {
        if (nextRow >= maxRows) {
            part++;
            startWorksheet();
        }
        SXSSFRow row = sheet.createRow(nextRow++);
        List<Column> columns = spec.columns();
        for (int i = 0; i < values.size(); i++) {
            Object value = values.get(i);
            if (value != null) {
                cell(row.createCell(i), columns.get(i).kind(), value, total);
            }
        }
    }

    @Override
    protected void endSheet() {
        spec = null;
        sheet = null;
    }

    @Override
    protected void finish() throws IOException {
        try {
            workbook.write(out);
        } finally {
            workbook.close(); // also deletes the temporary files
        }
    }

    @Override
    protected void discard() throws IOException {
        workbook.close();
    }

    private void startWorksheet() {
        String name = uniqueName(part == 1 ? spec.name() : Sheet.withSuffix(spec.name(), " (" + part + ")"));
        sheet = workbook.createSheet(name);
        nextRow = 0;

        text(sheet.createRow(nextRow++), 0, spec.title(), styles.title);
        for (String note : spec.notes()) {
            text(sheet.createRow(nextRow++), 0, note, styles.plain);
        }
        if (part > 1) {
            text(sheet.createRow(nextRow++), 0, "續前表 Continued (" + part + ")", styles.plain);
        }
        nextRow++;

        List<Column> columns = spec.columns();
        SXSSFRow zh = sheet.createRow(nextRow++);
        SXSSFRow en = sheet.createRow(nextRow++);
        for (int i = 0; i < columns.size(); i++) {
            Column column = columns.get(i);
            text(zh, i, column.zh(), styles.header);
            text(en, i, column.en(), styles.header);
            sheet.setColumnWidth(i, 256 * width(column));
        }
        sheet.createFreezePane(0, nextRow);
        sheet.setRepeatingRows(new CellRangeAddress(zh.getRowNum(), en.getRowNum(), -1, -1));
        PrintSetup print = sheet.getPrintSetup();
        print.setLandscape(true);
        print.setPaperSize(PrintSetup.A4_PAPERSIZE);
        print.setFitWidth((short) 1);
        print.setFitHeight((short) 0);
        sheet.setFitToPage(true);
    }

    private String uniqueName(String wanted) {
        String name = wanted;
        for (int n = 2; !usedNames.add(name.toLowerCase(Locale.ROOT)); n++) {
            name = Sheet.withSuffix(wanted, " (" + n + ")");
        }
        return name;
    }

    private void cell(SXSSFCell cell, Column.Kind kind, Object value, boolean total) {
        switch (kind) {
            case TEXT -> {
                String text = (String) value;
                if (text.length() > MAX_TEXT) {
                    int end = Character.isHighSurrogate(text.charAt(MAX_TEXT - 2)) ? MAX_TEXT - 2 : MAX_TEXT - 1;
                    text = text.substring(0, end) + "…";
                }
                cell.setCellValue(text);
                cell.setCellStyle(styles.text(Cells.formulaLike(text), total));
            }
            case INTEGER -> {
                cell.setCellValue((Long) value);
                cell.setCellStyle(styles.decimals(0, total));
            }
            case DECIMAL, MONEY -> {
                BigDecimal number = (BigDecimal) value;
                cell.setCellValue(number.doubleValue());
                cell.setCellStyle(styles.decimals(Cells.shown(kind, number).scale(), total));
            }
            case PERCENT -> {
                cell.setCellValue(((BigDecimal) value).doubleValue());
                cell.setCellStyle(styles.percent[total ? 1 : 0]);
            }
            case DATE -> {
                cell.setCellValue((LocalDate) value);
                cell.setCellStyle(styles.date[total ? 1 : 0]);
            }
            case DATE_TIME -> {
                cell.setCellValue((LocalDateTime) value);
                cell.setCellStyle(styles.dateTime[total ? 1 : 0]);
            }
        }
    }

    private static void text(SXSSFRow row, int column, String text, CellStyle style) {
        SXSSFCell cell = row.createCell(column);
        cell.setCellValue(text);
        cell.setCellStyle(style);
    }

    /** Column width in characters: the wider header (a CJK character counts two), at least what the kind needs. */
    private static int width(Column column) {
        int minimum = switch (column.kind()) {
            case TEXT, INTEGER, PERCENT -> 10;
            case DECIMAL, MONEY -> 14;
            case DATE -> 12;
            case DATE_TIME -> 20;
        };
        int header = Math.max(displayWidth(column.zh()), displayWidth(column.en())) + 2;
        return Math.min(Math.max(minimum, header), MAX_COLUMN_CHARS);
    }

    private static int displayWidth(String text) {
        return text.codePoints().map(cp -> cp >= 0x1100 ? 2 : 1).sum();
    }

    /**
     * The workbook's cell styles, each created once (a workbook allows about 64,000) and found without building a key
     * per cell; index {@code [1]} is the bold variant for total rows.
     */
    private static final class Styles {
        private final SXSSFWorkbook workbook;
        private final Font boldFont;
        final CellStyle title;
        final CellStyle plain;
        final CellStyle header;
        private final CellStyle[] text;
        private final CellStyle[] quotedText;
        final CellStyle[] percent;
        final CellStyle[] date;
        final CellStyle[] dateTime;
        private final List<Map<Integer, CellStyle>> byDecimals = List.of(new HashMap<>(), new HashMap<>());

        Styles(SXSSFWorkbook workbook) {
            this.workbook = workbook;
            boldFont = workbook.createFont();
            boldFont.setBold(true);
            Font titleFont = workbook.createFont();
            titleFont.setBold(true);
            titleFont.setFontHeightInPoints((short) 14);
            title = workbook.createCellStyle();
            title.setFont(titleFont);
            plain = workbook.createCellStyle();
            header = workbook.createCellStyle();
            header.setFont(boldFont);
            header.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
            header.setFillPattern(FillPatternType.SOLID_FOREGROUND);
            header.setBorderBottom(BorderStyle.THIN);
            header.setAlignment(HorizontalAlignment.CENTER);
            text = pair(null);
            quotedText = pair(null);
            for (CellStyle style : quotedText) {
                style.setQuotePrefixed(true);
            }
            percent = pair("0." + "0".repeat(Cells.PERCENT_PLACES) + "%");
            date = pair("yyyy-mm-dd");
            dateTime = pair("yyyy-mm-dd hh:mm:ss");
        }

        CellStyle text(boolean quotePrefixed, boolean bold) {
            return (quotePrefixed ? quotedText : text)[bold ? 1 : 0];
        }

        /** {@code #,##0} with {@code places} decimals. */
        CellStyle decimals(int places, boolean bold) {
            return byDecimals
                    .get(bold ? 1 : 0)
                    .computeIfAbsent(places, p -> create(p == 0 ? "#,##0" : "#,##0." + "0".repeat(p), bold));
        }

        private CellStyle[] pair(String format) {
            return new CellStyle[] {create(format, false), create(format, true)};
        }

        private CellStyle create(String format, boolean bold) {
            CellStyle style = workbook.createCellStyle();
            if (format != null) {
                style.setDataFormat(workbook.createDataFormat().getFormat(format));
            }
            if (bold) {
                style.setFont(boldFont);
            }
            return style;
        }
    }
}
