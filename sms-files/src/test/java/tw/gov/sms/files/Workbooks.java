package tw.gov.sms.files;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.CreationHelper;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;

/** Builds real workbooks with POI's user model (fine for tests; the reader never uses it). */
final class Workbooks {

    private Workbooks() {}

    /**
     * Sheet "名單": header 手機號碼 | 姓名 | 生日 | 金額, then
     * row 2: numeric 912345678 (General), 王小明, date 2025-01-05 (format 14), 1234.5 (#,##0.00);
     * row 3: numeric 9.12345678E8 with format 0000000000, a formula in 姓名, nothing, 886912345678 (General);
     * row 4: text "0933444555", "=cmd|' /C calc'!A0" as text, blank, blank.
     */
    static void fill(Workbook wb) {
        CreationHelper h = wb.getCreationHelper();
        Sheet s = wb.createSheet("名單");
        Row header = s.createRow(0);
        String[] names = {"手機號碼", "姓名", "生日", "金額"};
        for (int i = 0; i < names.length; i++) {
            header.createCell(i).setCellValue(names[i]);
        }
        CellStyle date = wb.createCellStyle();
        date.setDataFormat((short) 14);
        CellStyle money = wb.createCellStyle();
        money.setDataFormat(h.createDataFormat().getFormat("#,##0.00"));
        CellStyle zeros = wb.createCellStyle();
        zeros.setDataFormat(h.createDataFormat().getFormat("0000000000"));

        Row r2 = s.createRow(1);
        r2.createCell(0).setCellValue(912345678d);
        r2.createCell(1).setCellValue("王小明");
        Cell d = r2.createCell(2);
        d.setCellValue(LocalDate.of(2025, 1, 5));
        d.setCellStyle(date);
        Cell m = r2.createCell(3);
        m.setCellValue(1234.5);
        m.setCellStyle(money);

        Row r3 = s.createRow(2);
        Cell z = r3.createCell(0);
        z.setCellValue(9.12345678E8);
        z.setCellStyle(zeros);
        r3.createCell(1).setCellFormula("\"陳\"&\"美玲\"");
        r3.createCell(3).setCellValue(886912345678d);

        Row r4 = s.createRow(3);
        r4.createCell(0).setCellValue("0933444555");
        r4.createCell(1).setCellValue("=cmd|' /C calc'!A0");
    }

    static Path write(Workbook wb, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            wb.write(out);
        }
        wb.close();
        return file;
    }

    /** Copies a zip, letting {@code edit} change each entry (null drops it), and appending extra entries. */
    static byte[] rewrite(Path zip, EntryEdit edit, Object... extra) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip));
                ZipOutputStream z = new ZipOutputStream(out)) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                byte[] content = edit.apply(e.getName(), in.readAllBytes());
                if (content != null) {
                    z.putNextEntry(new ZipEntry(e.getName()));
                    z.write(content);
                    z.closeEntry();
                }
            }
            for (int i = 0; i < extra.length; i += 2) {
                z.putNextEntry(new ZipEntry((String) extra[i]));
                z.write((byte[]) extra[i + 1]);
                z.closeEntry();
            }
        }
        return out.toByteArray();
    }

    @FunctionalInterface
    interface EntryEdit {
        byte[] apply(String name, byte[] content) throws IOException;
    }

    static EntryEdit replaceIn(String part, UnaryOperator<String> change) {
        return (name, content) -> name.equals(part)
                ? change.apply(new String(content, java.nio.charset.StandardCharsets.UTF_8))
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8)
                : content;
    }

    static byte[] bytes(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }
}
