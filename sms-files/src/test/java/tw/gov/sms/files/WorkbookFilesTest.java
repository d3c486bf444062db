package tw.gov.sms.files;

import static org.assertj.core.api.Assertions.assertThat;
import static tw.gov.sms.files.Uploads.read;
import static tw.gov.sms.files.Uploads.rejected;
import static tw.gov.sms.files.Uploads.write;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.poi.hssf.record.crypto.Biff8EncryptionKey;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.poifs.crypt.EncryptionInfo;
import org.apache.poi.poifs.crypt.EncryptionMode;
import org.apache.poi.poifs.crypt.Encryptor;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tw.gov.sms.shared.domain.ProblemCode;
import tw.gov.sms.shared.domain.Severity;

class WorkbookFilesTest {

    @TempDir
    Path dir;

    private Path workbook(String format) throws Exception {
        Workbook wb = format.equals("xls") ? new HSSFWorkbook() : new XSSFWorkbook();
        Workbooks.fill(wb);
        return Workbooks.write(wb, dir.resolve("list." + format));
    }

    @ParameterizedTest
    @ValueSource(strings = {"xls", "xlsx"})
    void readsTheFirstSheetWithNumbersAsDigitsAndDatesAsShown(String format) throws Exception {
        Uploads.Read r = read(workbook(format));
        assertThat(r.description().format()).isEqualTo(FileFormat.valueOf(format.toUpperCase()));
        assertThat(r.description().encoding()).isNull();
        assertThat(r.description().columns()).containsExactly("手機號碼", "姓名", "生日", "金額");
        assertThat(r.description().warnings()).isEmpty();
        assertThat(r.rows()).extracting(FileRow::phone).containsExactly("912345678", "0912345678", "0933444555");
        assertThat(r.rows()).extracting(FileRow::line).containsExactly(2, 3, 4);
        FileRow first = r.rows().get(0);
        assertThat(first.values())
                .containsExactly(Map.entry("姓名", "王小明"), Map.entry("生日", "2025/1/5"), Map.entry("金額", "1,234.50"));
        assertThat(first.problems()).isEmpty();
        assertThat(r.rows().get(1).values()).containsEntry("金額", "886912345678");
    }

    @ParameterizedTest
    @ValueSource(strings = {"xls", "xlsx"})
    void reportsFormulaCellsAndNeverUsesTheirCachedValue(String format) throws Exception {
        Uploads.Read r = read(workbook(format));
        FileRow row = r.rows().get(1);
        assertThat(row.values()).containsEntry("姓名", "");
        assertThat(row.problems()).singleElement().satisfies(p -> {
            assertThat(p.problem().code()).isEqualTo(ProblemCode.FILE_FORMULA_CELL);
            assertThat(p.problem().severity()).isEqualTo(Severity.ERROR);
            assertThat(p.column()).isEqualTo("姓名");
            assertThat(p.line()).isEqualTo(3);
            assertThat(p.problem().messageEn()).contains("B3");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"xls", "xlsx"})
    void keepsFormulaLookingTextAsData(String format) throws Exception {
        FileRow row = read(workbook(format)).rows().get(2);
        assertThat(row.values()).containsEntry("姓名", "=cmd|' /C calc'!A0");
        assertThat(row.problems()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"xls", "xlsx"})
    void warnsAboutOtherSheetsWithValuesOnly(String format) throws Exception {
        Workbook wb = format.equals("xls") ? new HSSFWorkbook() : new XSSFWorkbook();
        Workbooks.fill(wb);
        wb.createSheet("空白");
        wb.createSheet("第二批").createRow(4).createCell(2).setCellValue("0922333444");
        Uploads.Read r = read(Workbooks.write(wb, dir.resolve("sheets." + format)));
        assertThat(r.rows()).hasSize(3);
        assertThat(r.description().warnings()).singleElement().satisfies(w -> {
            assertThat(w.problem().code()).isEqualTo(ProblemCode.FILE_OTHER_SHEETS_IGNORED);
            assertThat(w.problem().severity()).isEqualTo(Severity.WARNING);
            assertThat(w.problem().messageZh()).contains("「名單」", "「第二批」").doesNotContain("空白");
        });
    }

    @Test
    void reportsCellsOutsideTheHeaderAsWarnings() throws Exception {
        XSSFWorkbook wb = new XSSFWorkbook();
        var s = wb.createSheet();
        s.createRow(0).createCell(0).setCellValue("手機");
        var row = s.createRow(1);
        row.createCell(0).setCellValue("0912345678");
        row.createCell(5).setCellValue("備註");
        FileRow r = read(Workbooks.write(wb, dir.resolve("stray.xlsx"))).rows().get(0);
        assertThat(r.problems()).singleElement().satisfies(p -> {
            assertThat(p.problem().code()).isEqualTo(ProblemCode.FILE_CELL_WITHOUT_HEADER);
            assertThat(p.column()).isEqualTo("F2");
            assertThat(p.problem().severity()).isEqualTo(Severity.WARNING);
        });
    }

    @Test
    void refusesAnXlsxWithAVbaProject() throws Exception {
        byte[] bytes = Workbooks.rewrite(workbook("xlsx"), (n, c) -> c, "xl/vbaProject.bin", new byte[] {1, 2, 3});
        FileProblem p = rejected(write(dir, "vba.xlsx", bytes), ProblemCode.FILE_MACRO_ENABLED);
        assertThat(p.problem().messageEn()).contains("vbaProject.bin");
    }

    @Test
    void refusesAMacroEnabledWorkbookByExtensionAndByContentType() throws Exception {
        Path xlsx = workbook("xlsx");
        rejected(write(dir, "macro.xlsm", Files.readAllBytes(xlsx)), ProblemCode.FILE_MACRO_ENABLED);
        byte[] xlsm = Workbooks.rewrite(
                xlsx,
                Workbooks.replaceIn(
                        "[Content_Types].xml",
                        t -> t.replace(
                                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
                                "application/vnd.ms-excel.sheet.macroEnabled.main+xml")));
        rejected(write(dir, "renamed.xlsx", xlsm), ProblemCode.FILE_MACRO_ENABLED);
    }

    @Test
    void refusesAnXlsWithAVbaProject() throws Exception {
        Path xls = dir.resolve("vba.xls");
        java.io.ByteArrayOutputStream plain = new java.io.ByteArrayOutputStream();
        try (HSSFWorkbook wb = new HSSFWorkbook()) {
            Workbooks.fill(wb);
            wb.write(plain);
        }
        try (POIFSFileSystem fs = new POIFSFileSystem(new java.io.ByteArrayInputStream(plain.toByteArray()))) {
            fs.getRoot()
                    .createDirectory("_VBA_PROJECT_CUR")
                    .createDocument("VBA", new java.io.ByteArrayInputStream(new byte[64]));
            try (OutputStream out = Files.newOutputStream(xls)) {
                fs.writeFilesystem(out);
            }
        }
        FileProblem p = rejected(xls, ProblemCode.FILE_MACRO_ENABLED);
        assertThat(p.problem().messageEn()).contains("_VBA_PROJECT_CUR");
    }

    @Test
    void refusesPasswordProtectedWorkbooks() throws Exception {
        Path xlsx = workbook("xlsx");
        Path encrypted = dir.resolve("secret.xlsx");
        EncryptionInfo info = new EncryptionInfo(EncryptionMode.agile);
        Encryptor enc = info.getEncryptor();
        enc.confirmPassword("secret");
        try (POIFSFileSystem fs = new POIFSFileSystem()) {
            try (OutputStream os = enc.getDataStream(fs)) {
                os.write(Files.readAllBytes(xlsx)); // the encrypted package is the whole xlsx zip
            }
            try (OutputStream out = Files.newOutputStream(encrypted)) {
                fs.writeFilesystem(out);
            }
        }
        rejected(encrypted, ProblemCode.FILE_ENCRYPTED);

        Path xls = dir.resolve("secret.xls");
        Biff8EncryptionKey.setCurrentUserPassword("secret");
        try (HSSFWorkbook wb = new HSSFWorkbook()) {
            Workbooks.fill(wb);
            try (OutputStream out = Files.newOutputStream(xls)) {
                wb.write(out);
            }
        } finally {
            Biff8EncryptionKey.setCurrentUserPassword(null);
        }
        rejected(xls, ProblemCode.FILE_ENCRYPTED);
    }

    @Test
    void refusesWorkbooksWhoseContentIsNotWhatTheNameSays() throws Exception {
        byte[] xlsx = Files.readAllBytes(workbook("xlsx"));
        byte[] xls = Files.readAllBytes(workbook("xls"));
        FileProblem asXls = rejected(write(dir, "real-xlsx.xls", xlsx), ProblemCode.FILE_CONTENT_MISMATCH);
        assertThat(asXls.problem().messageEn()).contains(".xlsx");
        rejected(write(dir, "real-xls.xlsx", xls), ProblemCode.FILE_CONTENT_MISMATCH);
        byte[] exe = new byte[512];
        exe[0] = 'M';
        exe[1] = 'Z';
        FileProblem p = rejected(write(dir, "setup.xlsx", exe), ProblemCode.FILE_CONTENT_MISMATCH);
        assertThat(p.problem().messageEn()).contains("executable");
        rejected(
                write(dir, "table.xls", "<html><table><tr><td>0912345678</td></tr></table></html>".getBytes()),
                ProblemCode.FILE_CONTENT_MISMATCH);
        FileProblem zip = rejected(
                write(dir, "archive.xlsx", Uploads.zip("list.csv", "phone\n0912345678\n")),
                ProblemCode.FILE_CONTENT_MISMATCH);
        assertThat(zip.problem().messageEn()).contains("not an Excel workbook");
    }

    @Test
    void refusesAWorkbookWhoseSheetIsEmpty() throws Exception {
        XSSFWorkbook wb = new XSSFWorkbook();
        wb.createSheet("空");
        rejected(Workbooks.write(wb, dir.resolve("empty.xlsx")), ProblemCode.FILE_NO_ROWS);
    }

    @Test
    void refusesABrokenWorkbook() throws Exception {
        byte[] xlsx = Files.readAllBytes(workbook("xlsx"));
        byte[] cut = java.util.Arrays.copyOf(xlsx, xlsx.length / 2);
        rejected(write(dir, "cut.xlsx", cut), ProblemCode.FILE_CORRUPT);
        byte[] xls = Files.readAllBytes(workbook("xls"));
        rejected(write(dir, "cut.xls", java.util.Arrays.copyOf(xls, 600)), ProblemCode.FILE_CORRUPT);
    }
}
