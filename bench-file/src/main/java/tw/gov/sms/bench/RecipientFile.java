package tw.gov.sms.bench;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * Writes the benchmark's recipients file without holding it in memory: a header {@code 手機號碼,姓名} and N rows of
 * distinct mobile numbers taken in turn from 0912… (CHT), 0922… (TWM) and 0936… (FET), each with a Traditional
 * Chinese name, so the text {@code {姓名}您好…} is personalised per row as in a real subsidy list.
 *
 * <p>CSV in UTF-8 (LF, no byte-order mark: what a program writes) or Big5 ({@code x-windows-950}, CRLF: what Excel
 * writes on a Traditional Chinese Windows); or xlsx through POI's streaming {@link SXSSFWorkbook}, which keeps only a
 * window of rows in memory and spools the rest to a (compressed) temporary file.
 */
final class RecipientFile {

    static final String[] PREFIXES = {"0912", "0922", "0936"}; // CHT, TWM, FET (prefix table)
    static final int MAX_ROWS = 3 * 1_000_000; // one million numbers per prefix

    private static final String[] SURNAMES = {
        "陳", "林", "黃", "張", "李", "王", "吳", "劉", "蔡", "楊", "許", "鄭", "謝", "郭", "洪", "邱", "曾", "廖", "賴", "徐"
    };
    private static final String GIVEN_FIRST = "志家俊建宗承冠柏淑雅怡佳美欣詩婉思宜彥宏明信育子";
    private static final String GIVEN_SECOND = "明豪傑宏翰軒霖廷芬婷君玲珍如萱涵瑜蓁安偉成凱華文";

    enum Format {
        CSV("csv"),
        XLSX("xlsx");

        final String extension;

        Format(String extension) {
            this.extension = extension;
        }
    }

    enum Encoding {
        UTF8(StandardCharsets.UTF_8, "\n"),
        BIG5(Charset.forName("x-windows-950"), "\r\n");

        final Charset charset;
        final String lineEnd;

        Encoding(Charset charset, String lineEnd) {
            this.charset = charset;
            this.lineEnd = lineEnd;
        }
    }

    private RecipientFile() {}

    /** Row {@code i} (0-based): prefix {@code i % 3}, then six digits counting up from {@code offset}. */
    static String number(int i, int offset) {
        String n = Integer.toString((i / 3 + offset) % 1_000_000);
        return PREFIXES[i % 3] + "000000".substring(n.length()) + n;
    }

    /** A surname and a two-character given name; 20 × 25 × 25 combinations, spread so neighbours differ. */
    static String name(int i) {
        int k = (int) ((i * 2_654_435_761L) >>> 7 & 0x7fffffff);
        return SURNAMES[i % SURNAMES.length]
                + GIVEN_FIRST.charAt(k % GIVEN_FIRST.length())
                + GIVEN_SECOND.charAt((k / GIVEN_FIRST.length()) % GIVEN_SECOND.length());
    }

    static void write(Path file, Format format, Encoding encoding, int rows, int offset) throws IOException {
        if (rows < 1 || rows > MAX_ROWS) {
            throw new IllegalArgumentException(String.format(
                    Locale.ROOT, "rows must be 1 to %,d (a million distinct numbers per prefix)", MAX_ROWS));
        }
        if (format == Format.CSV) {
            csv(file, encoding, rows, offset);
        } else {
            xlsx(file, rows, offset);
        }
    }

    private static void csv(Path file, Encoding encoding, int rows, int offset) throws IOException {
        CharsetEncoder check = encoding.charset.newEncoder();
        String header = "手機號碼,姓名";
        if (!check.canEncode(header + String.join("", SURNAMES) + GIVEN_FIRST + GIVEN_SECOND)) {
            throw new IllegalStateException("a name character is not in " + encoding.charset);
        }
        try (Writer w = new BufferedWriter(
                new OutputStreamWriter(Files.newOutputStream(file), encoding.charset.newEncoder()), 1 << 20)) {
            w.write(header);
            w.write(encoding.lineEnd);
            for (int i = 0; i < rows; i++) {
                w.write(number(i, offset));
                w.write(',');
                w.write(name(i));
                w.write(encoding.lineEnd);
            }
        }
    }

    private static void xlsx(Path file, int rows, int offset) throws IOException {
        SXSSFWorkbook wb = new SXSSFWorkbook(1000);
        try {
            wb.setCompressTempFiles(true); // 1,000,000 rows are ~150 MB of sheet XML before zipping
            Sheet sheet = wb.createSheet("名單");
            Row head = sheet.createRow(0);
            head.createCell(0).setCellValue("手機號碼");
            head.createCell(1).setCellValue("姓名");
            for (int i = 0; i < rows; i++) {
                Row row = sheet.createRow(i + 1);
                row.createCell(0).setCellValue(number(i, offset)); // text, as agencies keep the leading 0
                row.createCell(1).setCellValue(name(i));
            }
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
                wb.write(out);
            }
        } finally {
            wb.dispose();
            wb.close();
        }
    }
}
