package tw.gov.sms.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFRelation;
import org.xml.sax.SAXException;
import tw.gov.sms.shared.domain.ProblemCode;

/**
 * The first worksheet of an xlsx workbook, streamed: {@link XSSFReader} finds the parts, {@link
 * ReadOnlySharedStringsTable} holds the shared strings, and the sheet XML is pulled with StAX one row at a time, so a
 * million-row sheet needs no more heap than one row (plus the shared strings). StAX rather than POI's SAX handler
 * because {@link RecipientFileReader#next} pulls: no thread and no row buffer are needed to turn pushes into pulls.
 * {@code XSSFWorkbook} is never used: it builds the whole sheet in memory.
 *
 * <p>Before POI opens the package, {@link #verify} has read every part once through the zip guards (size, ratio,
 * encryption, macros), so POI only ever parses bytes that were already counted.
 */
final class XlsxSource implements CellSource {

    /** Parts of an xlsx in one package; real workbooks have a few dozen. */
    static final int MAX_PARTS = 10_000;

    /** Parts POI parses whole (content types, relationships, workbook, styles, theme) may not exceed this. */
    static final long MAX_PARSED_PART_BYTES = 16L << 20;

    private static final int CONTENT_TYPES_LIMIT = 1 << 20;

    private final OPCPackage pkg;
    private final InputStream sheet;
    private final XMLStreamReader xml;
    private final ReadOnlySharedStringsTable strings;
    private final StylesTable styles;
    private final DataFormatter formatter = new DataFormatter(Locale.TAIWAN);
    private final Map<Integer, Object[]> formats = new HashMap<>();
    private final String name;
    private final String entry;
    private final int maxChars;
    private int lastRow;
    private final StringBuilder text = new StringBuilder();
    private int textLength;

    private XlsxSource(
            OPCPackage pkg,
            InputStream sheet,
            XMLStreamReader xml,
            ReadOnlySharedStringsTable strings,
            StylesTable styles,
            String name,
            String entry,
            FileLimits limits) {
        this.pkg = pkg;
        this.sheet = sheet;
        this.xml = xml;
        this.strings = strings;
        this.styles = styles;
        this.name = name;
        this.entry = entry;
        this.maxChars = limits.maxCellChars();
    }

    /**
     * Opens the first worksheet.
     *
     * @param budget the upload's decompression budget for the verification pass, or {@code null} when this file was
     *     verified before (a workbook from a zip, opened again for reading)
     * @param warnings receives {@code FILE_OTHER_SHEETS_IGNORED}
     */
    static XlsxSource open(
            Path file, String name, String entry, FileLimits limits, Inflation budget, List<FileProblem> warnings)
            throws IOException, FileRejectedException {
        if (budget != null) {
            verify(file, name, entry, budget);
        }
        OPCPackage pkg;
        try {
            pkg = OPCPackage.open(file.toFile(), PackageAccess.READ);
        } catch (OpenXML4JException | RuntimeException e) {
            throw Problems.corrupt(name, entry, e);
        }
        InputStream first = null;
        try {
            XSSFReader reader = new XSSFReader(pkg);
            ReadOnlySharedStringsTable strings = null;
            List<PackagePart> sst = pkg.getPartsByContentType(XSSFRelation.SHARED_STRINGS.getContentType());
            if (!sst.isEmpty()) {
                try (InputStream in = sst.get(0).getInputStream()) {
                    strings = new ReadOnlySharedStringsTable(in, false);
                }
            }
            StylesTable styles = reader.getStylesTable();
            XSSFReader.SheetIterator sheets = reader.getSheetIterator();
            if (!sheets.hasNext()) {
                throw Problems.reject(entry, ProblemCode.FILE_NO_ROWS, name);
            }
            first = sheets.next();
            String firstName = sheets.getSheetName();
            List<String> others = new ArrayList<>();
            while (sheets.hasNext()) {
                try (InputStream other = sheets.next()) {
                    if (hasValues(other)) {
                        others.add("「" + sheets.getSheetName() + "」");
                    }
                }
            }
            if (!others.isEmpty()) {
                warnings.add(Problems.file(
                        entry,
                        ProblemCode.FILE_OTHER_SHEETS_IGNORED,
                        SpreadsheetSafe.cell(firstName),
                        SpreadsheetSafe.cell(String.join("、", others))));
            }
            XMLStreamReader xml = factory().createXMLStreamReader(first);
            return new XlsxSource(pkg, first, xml, strings, styles, name, entry, limits);
        } catch (OpenXML4JException | SAXException | XMLStreamException | RuntimeException e) {
            closeQuietly(first);
            pkg.revert();
            throw Problems.corrupt(name, entry, e);
        } catch (IOException | FileRejectedException e) {
            closeQuietly(first);
            pkg.revert();
            throw e;
        }
    }

    /**
     * Reads the whole package once through the zip guards and refuses encryption, macros (VBA projects, Excel 4
     * macro sheets, ActiveX controls), a zip that is not a workbook, and zip bombs.
     */
    static void verify(Path file, String name, String entry, Inflation budget)
            throws IOException, FileRejectedException {
        try (ZipAccess zip = ZipAccess.open(file, name, entry, MAX_PARTS, MAX_PARTS)) {
            long declared = 0;
            ZipArchiveEntry contentTypes = null;
            for (ZipArchiveEntry e : zip.entries()) {
                String part = e.getName().toLowerCase(Locale.ROOT);
                if (ZipAccess.encrypted(e)) {
                    throw Problems.reject(entry, ProblemCode.FILE_ENCRYPTED, name);
                }
                if (part.endsWith("vbaproject.bin") || part.endsWith("vbaprojectsignature.bin")) {
                    throw macro(name, entry, "VBA 巨集專案（vbaProject.bin）", "a VBA project (vbaProject.bin)");
                }
                if (part.startsWith("xl/macrosheets/")) {
                    throw macro(name, entry, "Excel 4.0 巨集工作表", "an Excel 4.0 macro sheet");
                }
                if (part.startsWith("xl/activex/")) {
                    throw macro(name, entry, "ActiveX 控制項", "ActiveX controls");
                }
                if (e.getMethod() != ZipAccess.STORED && e.getMethod() != ZipAccess.DEFLATED) {
                    throw Problems.corrupt(
                            name, entry, new java.util.zip.ZipException("compression method " + e.getMethod()));
                }
                if (e.getSize() > 0) {
                    declared += e.getSize();
                }
                budget.checkDeclared(name, entry, e.getSize(), e.getCompressedSize());
                if (e.getName().equals("[Content_Types].xml")) {
                    contentTypes = e;
                }
            }
            budget.checkDeclaredTotal(entry, declared);
            if (contentTypes == null) {
                throw mismatch(name, entry, "ZIP 壓縮檔（不是 Excel 活頁簿）", "a ZIP archive, not an Excel workbook");
            }
            String types;
            try (InputStream in = zip.open(contentTypes, budget, name, entry)) {
                byte[] bytes = in.readNBytes(CONTENT_TYPES_LIMIT + 1);
                if (bytes.length > CONTENT_TYPES_LIMIT) {
                    throw Problems.corrupt(name, entry, new IOException("[Content_Types].xml is too large"));
                }
                types = new String(bytes, StandardCharsets.UTF_8);
            }
            checkContentTypes(types, name, entry);
            byte[] sink = new byte[64 * 1024];
            for (ZipArchiveEntry e : zip.entries()) {
                if (e.isDirectory()) {
                    continue;
                }
                long limit = parsedWhole(e.getName()) ? MAX_PARSED_PART_BYTES : Long.MAX_VALUE;
                long read = 0;
                try (InputStream in = zip.open(e, budget, name, entry)) {
                    int n;
                    while ((n = in.read(sink)) > 0) {
                        read += n;
                        if (read > limit) {
                            throw Problems.reject(
                                    entry,
                                    ProblemCode.FILE_ZIP_UNCOMPRESSED_TOO_LARGE,
                                    name + " (" + e.getName() + ")",
                                    Problems.size(limit));
                        }
                    }
                }
            }
        } catch (Inflation.Rejected e) {
            throw e.rejection;
        }
    }

    private static void checkContentTypes(String types, String name, String entry) throws FileRejectedException {
        if (types.contains("sheet.binary.macroEnabled.main")) {
            throw mismatch(name, entry, "Excel 二進位活頁簿（.xlsb）", "an Excel binary workbook (.xlsb)");
        }
        if (types.contains("macroEnabled") || types.contains("vbaProject")) {
            throw macro(name, entry, "啟用巨集的活頁簿（.xlsm）", "a macro-enabled workbook (.xlsm)");
        }
        if (types.contains("ms-excel.macrosheet") || types.contains("ms-excel.intlmacrosheet")) {
            throw macro(name, entry, "Excel 4.0 巨集工作表", "an Excel 4.0 macro sheet");
        }
        if (types.contains("ms-office.activeX")) {
            throw macro(name, entry, "ActiveX 控制項", "ActiveX controls");
        }
        if (!types.contains("spreadsheetml.sheet.main+xml") && !types.contains("spreadsheetml.template.main+xml")) {
            if (types.contains("wordprocessingml")) {
                throw mismatch(name, entry, "Word 文件（.docx）", "a Word document (.docx)");
            }
            if (types.contains("presentationml")) {
                throw mismatch(name, entry, "PowerPoint 簡報（.pptx）", "a PowerPoint presentation (.pptx)");
            }
            throw mismatch(name, entry, "ZIP 壓縮檔（不是 Excel 活頁簿）", "a ZIP archive, not an Excel workbook");
        }
    }

    private static boolean parsedWhole(String part) {
        String p = part.toLowerCase(Locale.ROOT);
        return p.endsWith(".rels")
                || p.equals("[content_types].xml")
                || p.equals("xl/workbook.xml")
                || p.equals("xl/styles.xml")
                || p.startsWith("xl/theme/");
    }

    private static FileRejectedException macro(String name, String entry, String zh, String en) {
        return Problems.reject(entry, ProblemCode.FILE_MACRO_ENABLED, name, zh, en);
    }

    private static FileRejectedException mismatch(String name, String entry, String zh, String en) {
        return Problems.reject(entry, ProblemCode.FILE_CONTENT_MISMATCH, name, ".xlsx", zh, en);
    }

    /** A StAX factory that never reads a DTD or an external entity. */
    static XMLInputFactory factory() {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_COALESCING, false);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        return f;
    }

    /** Whether a worksheet has at least one cell with a value or formula; stops at the first. */
    private static boolean hasValues(InputStream sheet) throws XMLStreamException {
        XMLStreamReader x = factory().createXMLStreamReader(sheet);
        try {
            boolean inCell = false;
            while (x.hasNext()) {
                int ev = x.next();
                if (ev == XMLStreamConstants.START_ELEMENT) {
                    String local = x.getLocalName();
                    if (local.equals("c")) {
                        inCell = true;
                    } else if (inCell && (local.equals("v") || local.equals("is") || local.equals("f"))) {
                        return true;
                    }
                } else if (ev == XMLStreamConstants.END_ELEMENT
                        && x.getLocalName().equals("c")) {
                    inCell = false;
                }
            }
            return false;
        } finally {
            x.close();
        }
    }

    @Override
    public boolean spreadsheet() {
        return true;
    }

    @Override
    public Row next() throws IOException, FileRejectedException {
        try {
            while (xml.hasNext()) {
                if (xml.next() == XMLStreamConstants.START_ELEMENT
                        && xml.getLocalName().equals("row")) {
                    return readRow();
                }
            }
            return null;
        } catch (XMLStreamException | RuntimeException e) {
            Throwable cause = e.getCause() instanceof IOException ? e.getCause() : e;
            if (cause instanceof Inflation.Rejected r) {
                throw r.rejection;
            }
            throw Problems.corrupt(name, entry, cause);
        }
    }

    private Row readRow() throws XMLStreamException, FileRejectedException {
        String r = xml.getAttributeValue(null, "r");
        int rowNumber = r == null ? lastRow + 1 : parseInt(r, lastRow + 1);
        lastRow = rowNumber;
        List<Cell> cells = new ArrayList<>(8);
        int nextColumn = 0;
        while (true) {
            int ev = xml.next();
            if (ev == XMLStreamConstants.START_ELEMENT) {
                if (xml.getLocalName().equals("c")) {
                    Cell c = readCell(rowNumber, nextColumn);
                    if (c != null) {
                        cells.add(c);
                        nextColumn = c.column() + 1;
                    }
                } else {
                    skipElement();
                }
            } else if (ev == XMLStreamConstants.END_ELEMENT
                    && xml.getLocalName().equals("row")) {
                break;
            } else if (ev == XMLStreamConstants.END_DOCUMENT) {
                break;
            }
        }
        if (cells.size() > 1) {
            cells.sort(java.util.Comparator.comparingInt(Cell::column));
        }
        return new Row(rowNumber, cells, -1, false);
    }

    private Cell readCell(int rowNumber, int defaultColumn) throws XMLStreamException, FileRejectedException {
        String ref = xml.getAttributeValue(null, "r");
        String type = xml.getAttributeValue(null, "t");
        String style = xml.getAttributeValue(null, "s");
        int column = ref == null ? defaultColumn : Names.columnIndex(ref);
        if (column < 0) {
            column = defaultColumn;
        }
        String cellRef = Names.columnLetters(column) + rowNumber;
        boolean formula = false;
        String value = null;
        int valueLength = 0;
        String inline = null;
        int inlineLength = 0;
        while (true) {
            int ev = xml.next();
            if (ev == XMLStreamConstants.START_ELEMENT) {
                String local = xml.getLocalName();
                if (local.equals("f")) {
                    formula = true;
                    skipElement();
                } else if (local.equals("v")) {
                    readText();
                    value = text.toString();
                    valueLength = textLength;
                } else if (local.equals("is")) {
                    readInline();
                    inline = text.toString();
                    inlineLength = textLength;
                } else {
                    skipElement();
                }
            } else if (ev == XMLStreamConstants.END_ELEMENT
                    && xml.getLocalName().equals("c")) {
                break;
            } else if (ev == XMLStreamConstants.END_DOCUMENT) {
                break;
            }
        }
        if (formula) {
            return new Cell(column, "", null, true, 0, cellRef);
        }
        if ("inlineStr".equals(type)) {
            return inline == null ? null : new Cell(column, cut(inline), null, false, inlineLength, cellRef);
        }
        if (value == null) {
            return null;
        }
        if ("s".equals(type)) {
            int index = parseInt(value.strip(), -1);
            if (strings == null || index < 0 || index >= strings.getUniqueCount()) {
                throw Problems.corrupt(
                        name, entry, new IOException("cell " + cellRef + " refers to missing shared string " + value));
            }
            String s = strings.getItemAt(index).getString();
            return text(column, s == null ? "" : s, cellRef);
        }
        if ("b".equals(type)) {
            return new Cell(column, "1".equals(value.strip()) ? "TRUE" : "FALSE", null, false, 4, cellRef);
        }
        if (type == null || "n".equals(type)) {
            double d;
            try {
                d = Double.parseDouble(value.strip());
            } catch (NumberFormatException e) {
                return new Cell(column, cut(value), null, false, valueLength, cellRef);
            }
            Object[] fmt = format(style);
            return NumericText.cell(column, cellRef, d, (Integer) fmt[0], (String) fmt[1], formatter, false, maxChars);
        }
        // "str" (a formula's text, without its formula here), "e" (an error such as #N/A), "d" (ISO 8601 date)
        return new Cell(column, cut(value), null, false, valueLength, cellRef);
    }

    private String cut(String s) {
        return s.length() > maxChars ? s.substring(0, maxChars) : s;
    }

    private Cell text(int column, String s, String ref) {
        int length = s.length();
        return new Cell(column, length > maxChars ? s.substring(0, maxChars) : s, null, false, length, ref);
    }

    private Object[] format(String style) {
        int index = style == null ? 0 : parseInt(style, 0);
        return formats.computeIfAbsent(index, i -> {
            if (styles == null || i < 0 || i >= styles.getNumCellStyles()) {
                return new Object[] {0, "General"};
            }
            XSSFCellStyle s = styles.getStyleAt(i);
            return new Object[] {(int) s.getDataFormat(), s.getDataFormatString()};
        });
    }

    /** Reads the text of the current element, keeping at most the cell limit; the full length is counted. */
    private void readText() throws XMLStreamException {
        text.setLength(0);
        textLength = 0;
        int depth = 1;
        while (depth > 0) {
            int ev = xml.next();
            if (ev == XMLStreamConstants.CHARACTERS
                    || ev == XMLStreamConstants.CDATA
                    || ev == XMLStreamConstants.SPACE) {
                appendText();
            } else if (ev == XMLStreamConstants.START_ELEMENT) {
                depth++;
            } else if (ev == XMLStreamConstants.END_ELEMENT) {
                depth--;
            } else if (ev == XMLStreamConstants.END_DOCUMENT) {
                return;
            }
        }
    }

    /** An inline string: the {@code <t>} texts of {@code <is>} and its runs, phonetic runs left out. */
    private void readInline() throws XMLStreamException {
        text.setLength(0);
        textLength = 0;
        int depth = 1;
        boolean inT = false;
        int phonetic = 0;
        while (depth > 0) {
            int ev = xml.next();
            if (ev == XMLStreamConstants.START_ELEMENT) {
                depth++;
                String local = xml.getLocalName();
                if (local.equals("rPh")) {
                    phonetic++;
                } else if (local.equals("t")) {
                    inT = true;
                }
            } else if (ev == XMLStreamConstants.END_ELEMENT) {
                depth--;
                String local = xml.getLocalName();
                if (local.equals("rPh")) {
                    phonetic--;
                } else if (local.equals("t")) {
                    inT = false;
                }
            } else if ((ev == XMLStreamConstants.CHARACTERS
                            || ev == XMLStreamConstants.CDATA
                            || ev == XMLStreamConstants.SPACE)
                    && inT
                    && phonetic == 0) {
                appendText();
            } else if (ev == XMLStreamConstants.END_DOCUMENT) {
                return;
            }
        }
    }

    private void appendText() {
        int n = xml.getTextLength();
        int room = maxChars + 1 - text.length();
        if (room > 0) {
            text.append(xml.getTextCharacters(), xml.getTextStart(), Math.min(n, room));
        }
        textLength = (int) Math.min(Integer.MAX_VALUE, (long) textLength + n);
    }

    private void skipElement() throws XMLStreamException {
        int depth = 1;
        while (depth > 0) {
            int ev = xml.next();
            if (ev == XMLStreamConstants.START_ELEMENT) {
                depth++;
            } else if (ev == XMLStreamConstants.END_ELEMENT) {
                depth--;
            } else if (ev == XMLStreamConstants.END_DOCUMENT) {
                return;
            }
        }
    }

    private static int parseInt(String s, int fallback) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static void closeQuietly(InputStream in) {
        if (in != null) {
            try {
                in.close();
            } catch (IOException ignored) {
                // closing after a failure: the failure is what matters
            }
        }
    }

    @Override
    public void close() throws IOException {
        try {
            xml.close();
        } catch (XMLStreamException ignored) {
            // the stream is closed below
        }
        try {
            sheet.close();
        } finally {
            pkg.revert();
        }
    }
}
