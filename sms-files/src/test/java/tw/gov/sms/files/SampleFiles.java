package tw.gov.sms.files;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Writes the sample files published in {@code docs/samples/}. Run once after changing them:
 * {@code java -cp <test classpath> tw.gov.sms.files.SampleFiles ../docs/samples}; {@link SamplesTest} checks that
 * the text samples still match and that every sample is accepted.
 */
public final class SampleFiles {

    static final String TXT = "0912345678\r\n0922-333-444\r\n+886 933 444 555\r\n\r\n0944555666\r\n";

    static final String CSV = "手機號碼,姓名,金額,繳費期限\r\n"
            + "0912345678,王小明,1200,2025/12/31\r\n"
            + "0922333444,陳美玲,850,2025/12/31\r\n"
            + "0933444555,\"林志明, 林志華\",2400,2026/1/15\r\n";

    /** Excel on Traditional Chinese Windows, "CSV (逗號分隔)": CP950, CRLF, no BOM; 碁 銹 裏 are CP950-only. */
    static final String BIG5_CSV =
            "手機號碼,姓名,地址\r\n" + "0912345678,王碁明,臺北市中正區\r\n" + "0922333444,陳銹華,新北市板橋區\r\n" + "0933444555,林裏仁,桃園市中壢區\r\n";

    private SampleFiles() {}

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "../docs/samples");
        Files.createDirectories(dir);
        writeAll(dir);
        System.out.println("samples written to " + dir.toAbsolutePath().normalize());
    }

    static void writeAll(Path dir) throws IOException {
        Files.writeString(dir.resolve("recipients.txt"), TXT, StandardCharsets.UTF_8);
        Files.write(dir.resolve("recipients-utf8.csv"), utf8WithBom(CSV));
        Files.write(dir.resolve("recipients-big5.csv"), BIG5_CSV.getBytes(Charset.forName("x-windows-950")));
        Files.write(dir.resolve("recipients.xlsx"), xlsx());
        Files.write(dir.resolve("recipients.zip"), zip());
    }

    /** Excel's "CSV UTF-8 (逗號分隔)": UTF-8 with BOM, CRLF. */
    static byte[] utf8WithBom(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /** Numbers typed as numbers (Excel drops the leading 0 unless the column is text or formatted 0000000000). */
    static byte[] xlsx() throws IOException {
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            wb.getProperties().getCoreProperties().setCreated(Optional.of(new java.util.Date(1735660800000L)));
            Sheet s = wb.createSheet("名單");
            String[] header = {"手機號碼", "姓名", "金額", "繳費期限"};
            Row h = s.createRow(0);
            for (int i = 0; i < header.length; i++) {
                h.createCell(i).setCellValue(header[i]);
            }
            CellStyle phone = wb.createCellStyle();
            phone.setDataFormat(wb.createDataFormat().getFormat("0000000000"));
            CellStyle date = wb.createCellStyle();
            date.setDataFormat((short) 14);
            Object[][] rows = {
                {912345678d, "王小明", 1200d, LocalDate.of(2025, 12, 31)},
                {"0922333444", "陳美玲", 850d, LocalDate.of(2025, 12, 31)},
                {933444555d, "林志明", 2400d, LocalDate.of(2026, 1, 15)}
            };
            for (int r = 0; r < rows.length; r++) {
                Row row = s.createRow(r + 1);
                if (rows[r][0] instanceof Double d) {
                    row.createCell(0).setCellValue(d);
                    row.getCell(0).setCellStyle(phone);
                } else {
                    row.createCell(0).setCellValue((String) rows[r][0]);
                }
                row.createCell(1).setCellValue((String) rows[r][1]);
                row.createCell(2).setCellValue((Double) rows[r][2]);
                row.createCell(3).setCellValue((LocalDate) rows[r][3]);
                row.getCell(3).setCellStyle(date);
            }
            for (int i = 0; i < header.length; i++) {
                s.setColumnWidth(i, 14 * 256);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            wb.write(out);
            return out.toByteArray();
        }
    }

    /** One upload, one job: two list files with their own headers, read in name order. */
    static byte[] zip() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            put(z, "01-north.csv", utf8WithBom(CSV));
            put(z, "02-south.xlsx", xlsx());
        }
        return out.toByteArray();
    }

    private static void put(ZipOutputStream z, String name, byte[] content) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setTime(1735660800000L);
        z.putNextEntry(e);
        z.write(content);
        z.closeEntry();
    }
}
