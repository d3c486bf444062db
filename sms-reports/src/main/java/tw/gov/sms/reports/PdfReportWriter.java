package tw.gov.sms.reports;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.GregorianCalendar;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.OpenTypeFont;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.state.RenderingMode;

/**
 * Writes a report as a PDF for people to read and print: A4 landscape, each {@link Sheet} a section starting on a new
 * page with its title (Chinese, then English), its notes and a table whose header (Chinese, English smaller below) is
 * repeated on every page. Numbers are right-aligned and formatted as in the csv, with thousands separators; text
 * that does not fit its column is cut, ending in {@code …}, while a number or date that does not fit is set smaller (a
 * cut number would read as another number). Every page has a footer with the time the caller says the
 * report was generated, {@code 第 n 頁 Page n}, and the section title. Rows are one line high.
 *
 * <p>The font is a CJK TrueType font ({@code .ttf}, or the first or a named font of a {@code .ttc}) read from a file,
 * embedded as a subset of the glyphs used. {@link #defaultFont()} finds one. Fonts with PostScript (CFF) outlines,
 * such as Noto Sans CJK, are refused: PDFBox cannot subset them. A character the font lacks is printed as {@code ?}
 * (an invisible format character or variation selector is dropped), never an exception.
 *
 * <p>Rows go to the current page's content stream as they come, and finished pages to a temporary file (PDFBox's
 * temp-file stream cache), so a long table does not fill the heap; the font file itself is read into memory once per
 * writer. Bold (title, header, totals) is drawn by stroking the glyph outlines, so one font file suffices.
 */
public final class PdfReportWriter extends AbstractReportWriter {

    /** The system property, else environment variable, naming the font file {@link #defaultFont()} returns. */
    public static final String FONT_SETTING = "SMS_REPORT_FONT";

    /**
     * Where Debian puts CJK TrueType fonts, in order of preference: fonts-wqy-zenhei, fonts-arphic-uming,
     * fonts-droid-fallback. (fonts-noto-cjk is OpenType/CFF, which PDFBox cannot subset.)
     */
    static final List<Path> FONT_CANDIDATES = List.of(
            Path.of("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"),
            Path.of("/usr/share/fonts/truetype/arphic/uming.ttc"),
            Path.of("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"));

    private static final PDRectangle PAGE = new PDRectangle(PDRectangle.A4.getHeight(), PDRectangle.A4.getWidth());
    private static final float MARGIN = 36;
    private static final float PAD = 4;
    private static final float TITLE_ZH = 16;
    private static final float TITLE_EN = 11;
    private static final float NOTE = 9;
    private static final float HEAD_ZH = 9;
    private static final float HEAD_EN = 7;
    private static final float CELL = 8.5f;
    private static final float FOOTER = 7.5f;
    private static final float MIN_SIZE = 4;
    private static final float HEADER_HEIGHT = 26;
    private static final float ROW_HEIGHT = 14;
    private static final float TABLE_WIDTH = PAGE.getWidth() - 2 * MARGIN;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");

    private final PDDocument document;
    private final List<Closeable> fontSources = new ArrayList<>();
    private final CmapLookup cmap;
    private final PDType0Font font;
    private final Map<Integer, Float> advances = new HashMap<>();
    private final String generated;
    private final String ellipsis;

    private Sheet spec;
    private float[] columnX;
    private float[] columnWidth;
    private PDPageContentStream content;
    private float y;
    private int pages;
    private long sectionRows;

    /** With the first font of {@code fontFile} (a {@code .ttf} or {@code .ttc}). */
    public PdfReportWriter(OutputStream out, Path fontFile, OffsetDateTime generatedAt) throws IOException {
        this(out, fontFile, null, generatedAt);
    }

    /**
     * @param fontName the PostScript name of the font to use within a {@code .ttc} (e.g. {@code "WenQuanYiZenHei"}),
     *     or {@code null} for the first
     * @param generatedAt printed in every page footer (in Asia/Taipei) and stored as the creation date; the writer
     *     reads no clock, so the same input gives the same pages
     * @throws IllegalArgumentException if the file holds no usable TrueType font (or none of that name)
     */
    public PdfReportWriter(OutputStream out, Path fontFile, String fontName, OffsetDateTime generatedAt)
            throws IOException {
        super(out);
        Objects.requireNonNull(fontFile, "fontFile");
        Objects.requireNonNull(generatedAt, "generatedAt");
        document = new PDDocument(IOUtils.createTempFileOnlyStreamCache());
        try {
            TrueTypeFont ttf = loadFont(fontFile, fontName, fontSources);
            cmap = ttf.getUnicodeCmapLookup();
            font = PDType0Font.load(document, ttf, true);
        } catch (IOException | RuntimeException e) {
            releaseQuietly();
            throw e;
        }
        ellipsis = hasGlyph('…') ? "…" : "...";
        generated = printable("產製時間 Generated: " + STAMP.format(generatedAt.atZoneSameInstant(Cells.TAIPEI)));
        PDDocumentInformation info = document.getDocumentInformation();
        info.setCreator("sms-reports");
        info.setCreationDate(GregorianCalendar.from(generatedAt.toZonedDateTime()));
    }

    /**
     * The CJK font to use: the file named by {@value #FONT_SETTING} (system property, else environment variable), else
     * the first that exists of {@code /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc} (Debian fonts-wqy-zenhei), {@code
     * /usr/share/fonts/truetype/arphic/uming.ttc} (fonts-arphic-uming) and {@code
     * /usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf} (fonts-droid-fallback).
     *
     * @throws IllegalStateException (in Chinese and English) if {@value #FONT_SETTING} names a missing file, or nothing
     *     is set and no candidate is installed
     */
    public static Path defaultFont() {
        String configured = System.getProperty(FONT_SETTING);
        return findFont(
                configured == null || configured.isBlank() ? System.getenv(FONT_SETTING) : configured, FONT_CANDIDATES);
    }

    static Path findFont(String configured, List<Path> candidates) {
        if (configured != null && !configured.isBlank()) {
            Path path = Path.of(configured.strip());
            if (!Files.isRegularFile(path)) {
                throw new IllegalStateException(FONT_SETTING + " 指定的字型檔不存在：" + path + " / " + FONT_SETTING
                        + " names a font file that does not exist: " + path);
            }
            return path;
        }
        return candidates.stream()
                .filter(Files::isRegularFile)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("找不到 PDF 報表用的中文字型：請將 " + FONT_SETTING
                        + "（系統屬性或環境變數）設為 TrueType 字型檔（.ttf 或 .ttc）的路徑，或安裝 Debian 套件 fonts-wqy-zenhei。"
                        + " / No CJK font for PDF reports: set " + FONT_SETTING
                        + " (system property or environment variable) to a TrueType font file (.ttf or .ttc),"
                        + " or install the Debian package fonts-wqy-zenhei."));
    }

    @Override
    protected void beginSheet(Sheet spec) throws IOException {
        this.spec = spec;
        sectionRows = 0;
        if (document.getDocumentInformation().getTitle() == null) {
            document.getDocumentInformation().setTitle(spec.title());
        }
        layoutColumns();
        newPage(true);
    }

    @Override
    protected void row(List<Object> values, boolean total) throws IOException {
        if (y - ROW_HEIGHT < MARGIN) {
            newPage(false);
        }
        if (total) {
            rule(y, 0.6f, 0f);
        }
        float baseline = y - 10;
        List<Column> columns = spec.columns();
        for (int i = 0; i < values.size(); i++) {
            cell(i, Cells.text(columns.get(i).kind(), values.get(i), true), baseline, CELL, total, true);
        }
        y -= ROW_HEIGHT;
        rule(y, 0.3f, 0.8f);
        sectionRows++;
    }

    @Override
    protected void endSheet() throws IOException {
        if (sectionRows == 0) {
            show(printable("（無資料 No data）"), MARGIN + PAD, y - 10, CELL, false);
        }
        closePage();
        spec = null;
    }

    @Override
    protected void finish() throws IOException {
        try {
            if (pages == 0) {
                document.addPage(new PDPage(PAGE)); // a PDF needs a page
            }
            document.save(out);
        } finally {
            release();
        }
    }

    @Override
    protected void discard() {
        releaseQuietly();
    }

    /** A new page with, at the top, the section's title and notes or a continuation line, then the table header. */
    private void newPage(boolean sectionStart) throws IOException {
        openPage();
        if (sectionStart) {
            y -= TITLE_ZH;
            show(fit(printable(spec.titleZh()), TITLE_ZH, TABLE_WIDTH), MARGIN, y, TITLE_ZH, true);
            if (!spec.titleEn().isBlank()) {
                y -= TITLE_EN + 4;
                show(fit(printable(spec.titleEn()), TITLE_EN, TABLE_WIDTH), MARGIN, y, TITLE_EN, true);
            }
            y -= 4;
            for (String note : spec.notes()) {
                if (y - NOTE - 3 < MARGIN + HEADER_HEIGHT + ROW_HEIGHT) {
                    openPage(); // more notes than a page holds: they go on, and so does the table
                }
                y -= NOTE + 3;
                show(fit(printable(note), NOTE, TABLE_WIDTH), MARGIN, y, NOTE, false);
            }
            y -= 10;
        } else {
            y -= NOTE;
            show(fit(printable(spec.title() + "（續 continued）"), NOTE, TABLE_WIDTH), MARGIN, y, NOTE, false);
            y -= 6;
        }
        header();
    }

    private void openPage() throws IOException {
        closePage();
        PDPage page = new PDPage(PAGE);
        document.addPage(page);
        pages++;
        content = new PDPageContentStream(document, page);
        y = PAGE.getHeight() - MARGIN;
    }

    private void header() throws IOException {
        content.setNonStrokingColor(0.88f);
        content.addRect(MARGIN, y - HEADER_HEIGHT, TABLE_WIDTH, HEADER_HEIGHT);
        content.fill();
        content.setNonStrokingColor(0f);
        List<Column> columns = spec.columns();
        for (int i = 0; i < columns.size(); i++) {
            cell(i, columns.get(i).zh(), y - 11, HEAD_ZH, true, false);
            cell(i, columns.get(i).en(), y - 21, HEAD_EN, false, false);
        }
        y -= HEADER_HEIGHT;
        rule(y, 0.6f, 0f);
    }

    private void closePage() throws IOException {
        if (content == null) {
            return;
        }
        // The footer last, so that text extraction reads the page top to bottom.
        float baseline = MARGIN / 2;
        show(generated, MARGIN, baseline, FOOTER, false);
        String number = printable("第 " + pages + " 頁 Page " + pages);
        show(number, (PAGE.getWidth() - width(number, FOOTER)) / 2, baseline, FOOTER, false);
        String title = fit(printable(spec.title()), FOOTER, TABLE_WIDTH / 3);
        show(title, PAGE.getWidth() - MARGIN - width(title, FOOTER), baseline, FOOTER, false);
        content.close();
        content = null;
    }

    /** Column widths: each column's natural width (header or a typical value), spare room to text columns. */
    private void layoutColumns() throws IOException {
        List<Column> columns = spec.columns();
        int n = columns.size();
        float[] natural = new float[n];
        float sum = 0;
        float textSum = 0;
        for (int i = 0; i < n; i++) {
            Column column = columns.get(i);
            natural[i] = Math.max(
                            Math.max(width(printable(column.zh()), HEAD_ZH), width(printable(column.en()), HEAD_EN)),
                            width(printable(sample(column.kind())), CELL))
                    + 2 * PAD;
            sum += natural[i];
            if (column.kind() == Column.Kind.TEXT) {
                textSum += natural[i];
            }
        }
        columnX = new float[n];
        columnWidth = new float[n];
        boolean widenText = sum <= TABLE_WIDTH && textSum > 0;
        float x = MARGIN;
        for (int i = 0; i < n; i++) {
            if (widenText) {
                boolean text = columns.get(i).kind() == Column.Kind.TEXT;
                columnWidth[i] = natural[i] + (text ? (TABLE_WIDTH - sum) * natural[i] / textSum : 0);
            } else {
                columnWidth[i] = natural[i] * TABLE_WIDTH / sum;
            }
            columnX[i] = x;
            x += columnWidth[i];
        }
    }

    private static String sample(Column.Kind kind) {
        return switch (kind) {
            case TEXT -> "中文中文中文";
            case INTEGER -> "0,000,000";
            case DECIMAL -> "00,000.0000";
            case MONEY -> "00,000,000.00";
            case PERCENT -> "100.00%";
            case DATE -> "0000-00-00";
            case DATE_TIME -> "0000-00-00 00:00:00";
        };
    }

    /**
     * Shows {@code raw} in a column. Text and headers too long for it are cut with an ellipsis; a number or date is
     * never cut, since a cut number reads as a different number: it is set smaller until it fits.
     */
    private void cell(int column, String raw, float baseline, float size, boolean bold, boolean value)
            throws IOException {
        Column.Kind kind = spec.columns().get(column).kind();
        float room = columnWidth[column] - 2 * PAD;
        String text = printable(raw);
        if (text.isEmpty()) {
            return;
        }
        if (value && kind != Column.Kind.TEXT) {
            float natural = width(text, size);
            size = natural > room ? Math.max(MIN_SIZE, size * room / natural) : size;
        } else {
            text = fit(text, size, room);
        }
        float x = kind.numeric()
                ? columnX[column] + columnWidth[column] - PAD - width(text, size)
                : columnX[column] + PAD;
        show(text, x, baseline, size, bold);
    }

    /** Shows {@code text}, which must be {@link #printable}. */
    private void show(String text, float x, float baseline, float size, boolean bold) throws IOException {
        if (bold) {
            content.setLineWidth(size * 0.04f);
        }
        content.beginText();
        content.setFont(font, size);
        content.setRenderingMode(bold ? RenderingMode.FILL_STROKE : RenderingMode.FILL);
        content.newLineAtOffset(x, baseline);
        content.showText(text);
        content.endText();
    }

    private void rule(float at, float lineWidth, float grey) throws IOException {
        content.setStrokingColor(grey);
        content.setLineWidth(lineWidth);
        content.moveTo(MARGIN, at);
        content.lineTo(MARGIN + TABLE_WIDTH, at);
        content.stroke();
        content.setStrokingColor(0f);
    }

    /**
     * The text with what the font can show: line breaks and other control characters become spaces, a missing
     * invisible character (format character, variation selector) is dropped, any other missing character is {@code ?}.
     */
    private String printable(String text) {
        var sb = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            if (Character.isISOControl(cp)) {
                sb.append(' ');
            } else if (hasGlyph(cp)) {
                sb.appendCodePoint(cp);
            } else if (!invisible(cp)) {
                sb.append('?');
            }
        });
        return sb.toString();
    }

    private boolean hasGlyph(int codePoint) {
        return cmap.getGlyphId(codePoint) > 0;
    }

    private static boolean invisible(int cp) {
        return Character.getType(cp) == Character.FORMAT
                || (cp >= 0xFE00 && cp <= 0xFE0F)
                || (cp >= 0xE0100 && cp <= 0xE01EF);
    }

    /** {@code text} (printable) cut to {@code max} points, ending in an ellipsis if cut. */
    private String fit(String text, float size, float max) throws IOException {
        if (width(text, size) <= max) {
            return text;
        }
        float room = max - width(ellipsis, size);
        if (room < 0) {
            return "";
        }
        float used = 0;
        int end = 0;
        while (end < text.length()) {
            int cp = text.codePointAt(end);
            used += advance(cp) * size / 1000;
            if (used > room) {
                break;
            }
            end += Character.charCount(cp);
        }
        return text.substring(0, end) + ellipsis;
    }

    private float width(String text, float size) throws IOException {
        float sum = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            sum += advance(cp);
            i += Character.charCount(cp);
        }
        return sum * size / 1000;
    }

    /** The advance width of a printable code point, in 1/1000 of the font size. */
    private float advance(int cp) throws IOException {
        Float known = advances.get(cp);
        if (known == null) {
            known = font.getStringWidth(new String(Character.toChars(cp)));
            advances.put(cp, known);
        }
        return known;
    }

    /**
     * The TrueType font in {@code file}: the file's first 4 bytes tell a collection ({@code ttcf}) from a single font.
     * What must stay open until the document is saved is added to {@code sources}.
     */
    private static TrueTypeFont loadFont(Path file, String name, List<Closeable> sources) throws IOException {
        TrueTypeFont font;
        if ("ttcf".equals(magic(file))) {
            var collection = new TrueTypeCollection(file.toFile());
            sources.add(collection);
            if (name == null) {
                TrueTypeFont[] first = new TrueTypeFont[1];
                collection.processAllFonts(f -> {
                    if (first[0] == null) {
                        first[0] = f;
                    }
                });
                font = first[0];
            } else {
                font = collection.getFontByName(name);
                if (font == null) {
                    List<String> names = new ArrayList<>();
                    collection.processAllFonts(f -> names.add(f.getName()));
                    throw new IllegalArgumentException("字型集 " + file + " 中沒有 " + name + "，只有 " + names + " / No font "
                            + name + " in " + file + "; it holds " + names);
                }
            }
        } else {
            try (var read = new RandomAccessReadBufferedFile(file.toFile())) {
                font = new TTFParser().parse(read); // reads the whole file into memory
            }
            sources.add(font);
            if (name != null && !name.equals(font.getName())) {
                throw new IllegalArgumentException(file + " 是 " + font.getName() + " 而非 " + name + " / " + file + " is "
                        + font.getName() + ", not " + name);
            }
        }
        if (font instanceof OpenTypeFont otf && otf.isPostScript()) {
            throw new IllegalArgumentException(file + " 的字型為 PostScript (CFF) 外框，PDFBox 無法嵌入子集，請改用 TrueType 字型 / "
                    + file + " has PostScript (CFF) outlines, which PDFBox cannot subset; use a TrueType font");
        }
        return font;
    }

    private static String magic(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return new String(in.readNBytes(4), StandardCharsets.ISO_8859_1);
        }
    }

    private void release() throws IOException {
        IOException failure = null;
        List<Closeable> all = new ArrayList<>();
        if (content != null) {
            all.add(content);
            content = null;
        }
        all.add(document);
        all.addAll(fontSources);
        for (Closeable closeable : all) {
            try {
                closeable.close();
            } catch (IOException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private void releaseQuietly() {
        try {
            release();
        } catch (IOException ignored) {
            // Already failing; the first error is the one that matters.
        }
    }
}
