package tw.gov.sms.files;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static tw.gov.sms.files.Uploads.read;
import static tw.gov.sms.files.Uploads.rejected;
import static tw.gov.sms.files.Uploads.write;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tw.gov.sms.shared.domain.ProblemCode;

class HostileFilesTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"list.exe", "list.docx", "list.ods", "list", "list.csv.exe", "list.xlsb"})
    void refusesTypesThatAreNotListFiles(String name) {
        FileProblem p = rejected(
                write(dir, "upload.bin", "0912345678\n", UTF_8),
                name,
                FileLimits.defaults(),
                ProblemCode.FILE_EXTENSION_NOT_ALLOWED);
        assertThat(p.entry()).isNull();
        assertThat(p.line()).isNull();
        assertThat(p.problem().messageZh()).contains(name);
    }

    @Test
    void usesOnlyTheLastSegmentOfTheOriginalName() throws Exception {
        Path f = write(dir, "upload.bin", "0912345678\n", UTF_8);
        assertThat(Uploads.read(f, "C:\\fakepath\\名單.TXT", FileLimits.defaults())
                        .rows())
                .hasSize(1);
    }

    @Test
    void refusesContentThatDoesNotMatchTheExtension() {
        byte[] zip = Uploads.zip("a.csv", "phone\n0912345678\n");
        FileProblem p = rejected(write(dir, "list.csv", zip), ProblemCode.FILE_CONTENT_MISMATCH);
        assertThat(p.problem().messageEn()).contains("named .csv", "ZIP archive");
        byte[] exe = {'M', 'Z', (byte) 0x90, 0, 3, 0, 0, 0, 4, 0};
        rejected(write(dir, "list.txt", exe), ProblemCode.FILE_CONTENT_MISMATCH);
        rejected(write(dir, "list2.csv", "%PDF-1.7\n0912345678".getBytes(UTF_8)), ProblemCode.FILE_CONTENT_MISMATCH);
        rejected(write(dir, "list.zip", "phone\n0912345678\n".getBytes(UTF_8)), ProblemCode.FILE_CONTENT_MISMATCH);
    }

    @Test
    void refusesFilesOverTheSizeLimitBeforeReadingThem() {
        FileLimits limits = Uploads.limits(100, 1 << 20, 100, 20, 100, 50, 100);
        FileProblem p = rejected(
                write(dir, "big.csv", "phone\n" + "0912345678\n".repeat(20), UTF_8),
                limits,
                ProblemCode.FILE_TOO_LARGE);
        assertThat(p.problem().messageEn()).contains("226 B", "100 B");
    }

    private Path xlsxWithSheet(String sheetXml) throws Exception {
        XSSFWorkbook wb = new XSSFWorkbook();
        wb.createSheet("s").createRow(0).createCell(0).setCellValue("phone");
        Path base = Workbooks.write(wb, dir.resolve("base.xlsx"));
        byte[] bytes =
                Workbooks.rewrite(base, (n, c) -> n.equals("xl/worksheets/sheet1.xml") ? sheetXml.getBytes(UTF_8) : c);
        return write(dir, "hostile.xlsx", bytes);
    }

    @Test
    void neverExpandsEntitiesOrReadsExternalOnesInSheetXml() throws Exception {
        String laughs = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
                + "<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
                + "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">]>"
                + "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
                + "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>phone</t></is></c></row>"
                + "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>&lol3;</t></is></c></row>"
                + "</sheetData></worksheet>";
        rejected(xlsxWithSheet(laughs), ProblemCode.FILE_CORRUPT);
        Path secret = Files.writeString(dir.resolve("secret.txt"), "0999999999");
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>"
                + "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
                + "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>phone</t></is></c></row>"
                + "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>&xxe;</t></is></c></row>"
                + "</sheetData></worksheet>";
        rejected(xlsxWithSheet(xxe), ProblemCode.FILE_CORRUPT);
    }

    @Test
    void cutsAHugeInlineStringWhileStreaming() throws Exception {
        // Random digits: they compress about 2:1, so the zip guard lets them through and the cell limit must act.
        java.util.Random random = new java.util.Random(1);
        StringBuilder digits = new StringBuilder(3_000_000);
        for (int i = 0; i < 3_000_000; i++) {
            digits.append((char) ('0' + random.nextInt(10)));
        }
        String huge = digits.toString();
        String xml = "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
                + "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>phone</t></is></c><c r=\"B1\" t=\"inlineStr\">"
                + "<is><t>備註</t></is></c></row><row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>0912345678</t></is>"
                + "</c><c r=\"B2\" t=\"inlineStr\"><is><t>" + huge + "</t></is></c></row></sheetData></worksheet>";
        FileRow row = read(xlsxWithSheet(xml)).rows().get(0);
        assertThat(row.values().get("備註")).hasSize(1000);
        assertThat(row.problems()).singleElement().satisfies(p -> {
            assertThat(p.problem().code()).isEqualTo(ProblemCode.FILE_CELL_TOO_LONG);
            assertThat(p.problem().messageEn()).contains("3000000 characters");
        });
    }

    @Test
    void survivesASharedStringTableThatLiesAboutItsSize() throws Exception {
        XSSFWorkbook wb = new XSSFWorkbook();
        var s = wb.createSheet("s");
        s.createRow(0).createCell(0).setCellValue("phone");
        s.createRow(1).createCell(0).setCellValue("0912345678");
        Path base = Workbooks.write(wb, dir.resolve("sst.xlsx"));
        byte[] bytes = Workbooks.rewrite(
                base,
                Workbooks.replaceIn(
                        "xl/sharedStrings.xml",
                        t -> t.replaceFirst("count=\"\\d+\"", "count=\"2000000000\"")
                                .replaceFirst("uniqueCount=\"\\d+\"", "uniqueCount=\"2000000000\"")));
        Uploads.Read r = read(write(dir, "liar.xlsx", bytes));
        assertThat(r.rows()).extracting(FileRow::phone).containsExactly("0912345678");
    }
}
