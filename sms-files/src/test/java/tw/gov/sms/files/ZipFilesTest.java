package tw.gov.sms.files;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static tw.gov.sms.files.Uploads.read;
import static tw.gov.sms.files.Uploads.rejected;
import static tw.gov.sms.files.Uploads.write;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tw.gov.sms.shared.domain.ProblemCode;

class ZipFilesTest {

    @TempDir
    Path dir;

    private byte[] xlsx(String phone) throws IOException {
        XSSFWorkbook wb = new XSSFWorkbook();
        var s = wb.createSheet();
        s.createRow(0).createCell(0).setCellValue("mobile");
        s.getRow(0).createCell(1).setCellValue("單位");
        s.createRow(1).createCell(0).setCellValue(phone);
        s.getRow(1).createCell(1).setCellValue("衛生局");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        wb.write(out);
        wb.close();
        return out.toByteArray();
    }

    @Test
    void readsEveryListFileInNameOrderAsOneUploadWithRunningOrdinals() throws Exception {
        byte[] zip = Uploads.zip(
                "b.csv",
                "手機號碼,姓名\r\n0922333444,王\r\n0922333445,李\r\n",
                "a.txt",
                "0911222333\n0911222334\n",
                "__MACOSX/._a.txt",
                new byte[] {0, 5, 22, 7},
                ".DS_Store",
                new byte[] {0, 0, 0, 1},
                "folder/",
                null,
                "folder/c.xlsx",
                xlsx("0933444555"));
        Uploads.Read r = read(write(dir, "upload.zip", zip));
        FileDescription d = r.description();
        assertThat(d.format()).isEqualTo(FileFormat.ZIP);
        assertThat(d.entries()).containsExactly("a.txt", "b.csv", "folder/c.xlsx");
        assertThat(d.encoding()).isEqualTo(TextEncoding.UTF8);
        assertThat(d.columns()).containsExactly("phone", "手機號碼", "姓名", "mobile", "單位");
        assertThat(d.phoneColumn()).isEqualTo("phone");
        assertThat(r.rows()).extracting(FileRow::ordinal).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(r.rows())
                .extracting(FileRow::entry)
                .containsExactly("a.txt", "a.txt", "b.csv", "b.csv", "folder/c.xlsx");
        assertThat(r.rows()).extracting(FileRow::line).containsExactly(1, 2, 2, 3, 2);
        assertThat(r.rows())
                .extracting(FileRow::phone)
                .containsExactly("0911222333", "0911222334", "0922333444", "0922333445", "0933444555");
        assertThat(r.rows().get(4).values()).containsEntry("單位", "衛生局");
    }

    @Test
    void reportsNoCommonEncodingWhenTextEntriesDiffer() throws Exception {
        byte[] zip = Uploads.zip(
                "a.csv", "手機,姓名\n0912345678,王\n".getBytes(UTF_8),
                "b.csv", "手機,姓名\r\n0922333444,陳\r\n".getBytes(Charset.forName("x-windows-950")));
        Uploads.Read r = read(write(dir, "mixed.zip", zip));
        assertThat(r.description().encoding()).isNull();
        assertThat(r.rows().get(1).values()).containsEntry("姓名", "陳");
    }

    @Test
    void requiresAPhoneColumnInEveryEntry() {
        byte[] zip = Uploads.zip("a.csv", "手機,姓名\n0912345678,王\n", "b.csv", "姓名,地址\n王,台北\n");
        FileProblem p = rejected(write(dir, "nophone.zip", zip), ProblemCode.FILE_NO_PHONE_COLUMN);
        assertThat(p.entry()).isEqualTo("b.csv");
    }

    @Test
    void decodesEntryNamesWrittenInCp950ByWindows() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream z = new ZipArchiveOutputStream(out)) {
            z.setEncoding("x-windows-950");
            z.setUseLanguageEncodingFlag(false);
            z.setCreateUnicodeExtraFields(ZipArchiveOutputStream.UnicodeExtraFieldPolicy.NEVER);
            z.putArchiveEntry(new ZipArchiveEntry("名單.csv"));
            z.write("手機\r\n0912345678\r\n".getBytes(UTF_8));
            z.closeArchiveEntry();
        }
        Uploads.Read r = read(write(dir, "windows.zip", out.toByteArray()));
        assertThat(r.description().entries()).containsExactly("名單.csv");
    }

    /** 200 MB of '0' deflated to a few hundred kilobytes. */
    private static byte[] bomb(String name) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            z.putNextEntry(new ZipEntry(name));
            byte[] zeros = new byte[1 << 20];
            Arrays.fill(zeros, (byte) '0');
            for (int i = 0; i < 200; i++) {
                z.write(zeros);
            }
            z.closeEntry();
        }
        return out.toByteArray();
    }

    @Test
    void refusesAZipBombByItsDeclaredRatio() throws Exception {
        byte[] zip = bomb("zeros.csv");
        assertThat(zip.length).isLessThan(1 << 20);
        FileProblem p = rejected(write(dir, "bomb.zip", zip), ProblemCode.FILE_ZIP_RATIO_TOO_HIGH);
        assertThat(p.problem().messageEn()).contains("zeros.csv");
    }

    @Test
    void refusesAZipBombWhoseHeadersLieWhileStreaming() throws Exception {
        byte[] zip = bomb("zeros.csv");
        // Declare 1,000 bytes uncompressed in the central directory: only the bytes actually produced can tell.
        for (int cd : Uploads.centralHeaders(zip)) {
            Uploads.putInt(zip, cd + 24, 1000);
        }
        FileProblem p = rejected(write(dir, "liar.zip", zip), ProblemCode.FILE_ZIP_RATIO_TOO_HIGH);
        assertThat(p.problem().messageEn()).contains("zeros.csv");
    }

    @Test
    void refusesMoreUncompressedBytesThanTheLimitDeclaredOrActual() throws Exception {
        StringBuilder sb = new StringBuilder("phone\n");
        Random random = new Random(7);
        while (sb.length() < 3 << 20) {
            sb.append("09").append(10_000_000 + random.nextInt(89_999_999)).append('\n');
        }
        byte[] zip = Uploads.zip("big.csv", sb.toString());
        FileLimits limits = Uploads.limits(100 << 20, 1 << 20, 1000, 20, 10_000_000, 50, 1000);
        rejected(write(dir, "big.zip", zip), limits, ProblemCode.FILE_ZIP_UNCOMPRESSED_TOO_LARGE);
        for (int cd : Uploads.centralHeaders(zip)) {
            Uploads.putInt(zip, cd + 24, 100);
        }
        rejected(write(dir, "big-liar.zip", zip), limits, ProblemCode.FILE_ZIP_UNCOMPRESSED_TOO_LARGE);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"../evil.csv", "/etc/list.csv", "C:\\list.csv", "C:/list.csv", "dir\\list.csv", "a/../../b.csv"})
    void refusesUnsafeEntryNames(String name) {
        byte[] zip = Uploads.zip(name, "phone\n0912345678\n");
        FileProblem p = rejected(write(dir, "unsafe.zip", zip), ProblemCode.FILE_ZIP_UNSAFE_PATH);
        assertThat(p.problem().messageEn()).contains(name);
    }

    @Test
    void refusesNestedArchivesButAcceptsWorkbooks() throws Exception {
        byte[] inner = Uploads.zip("list.csv", "phone\n0912345678\n");
        rejected(write(dir, "nested.zip", Uploads.zip("inner.zip", inner)), ProblemCode.FILE_ZIP_NESTED);
        FileProblem disguised =
                rejected(write(dir, "disguised.zip", Uploads.zip("list.csv", inner)), ProblemCode.FILE_ZIP_NESTED);
        assertThat(disguised.entry()).isEqualTo("list.csv");
        rejected(write(dir, "xls.zip", Uploads.zip("book.xls", inner)), ProblemCode.FILE_ZIP_NESTED);
        rejected(
                write(dir, "gz.zip", Uploads.zip("list.csv.gz", new byte[] {0x1F, (byte) 0x8B, 8})),
                ProblemCode.FILE_ZIP_NESTED);
        assertThat(read(write(dir, "book.zip", Uploads.zip("book.xlsx", xlsx("0912345678"))))
                        .rows())
                .hasSize(1);
    }

    @Test
    void refusesEncryptedEntries() throws Exception {
        byte[] zip = Uploads.zip("list.csv", "phone\n0912345678\n");
        // Set general-purpose bit 0 ("encrypted") in the local and the central header, as a password tool does.
        for (int lh : Uploads.localHeaders(zip)) {
            zip[lh + 6] |= 1;
        }
        for (int cd : Uploads.centralHeaders(zip)) {
            zip[cd + 8] |= 1;
        }
        FileProblem p = rejected(write(dir, "secret.zip", zip), ProblemCode.FILE_ENCRYPTED);
        assertThat(p.entry()).isEqualTo("list.csv");
    }

    @Test
    void refusesTooManyEntries() {
        Object[] entries = new Object[42];
        for (int i = 0; i < 21; i++) {
            entries[2 * i] = "list" + i + ".txt";
            entries[2 * i + 1] = "0912345678\n";
        }
        FileProblem p = rejected(write(dir, "many.zip", Uploads.zip(entries)), ProblemCode.FILE_ZIP_TOO_MANY_ENTRIES);
        assertThat(p.problem().messageEn()).contains("21 files", "limit of 20");
    }

    @Test
    void refusesAHugeCentralDirectoryBeforeLoadingIt() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            for (int i = 0; i < 5000; i++) {
                z.putNextEntry(new ZipEntry("d" + i + "/"));
                z.closeEntry();
            }
        }
        byte[] zip = out.toByteArray();
        assertThat(ZipAccess.countEntries(write(dir, "dirs.zip", zip), 300)).isEqualTo(5000);
        rejected(dir.resolve("dirs.zip"), ProblemCode.FILE_ZIP_TOO_MANY_ENTRIES);
        // An end record that understates the count does not help: the directory itself is walked (and the walk
        // stops one past the limit).
        int end = zip.length - 22;
        zip[end + 8] = 1;
        zip[end + 9] = 0;
        zip[end + 10] = 1;
        zip[end + 11] = 0;
        assertThat(ZipAccess.countEntries(write(dir, "understated.zip", zip), 300))
                .isEqualTo(301);
        rejected(dir.resolve("understated.zip"), ProblemCode.FILE_ZIP_TOO_MANY_ENTRIES);
    }

    @Test
    void refusesAnEmptyZip() throws Exception {
        byte[] empty = new byte[22];
        empty[0] = 0x50;
        empty[1] = 0x4B;
        empty[2] = 0x05;
        empty[3] = 0x06;
        rejected(write(dir, "empty.zip", empty), ProblemCode.FILE_ZIP_EMPTY);
        byte[] onlyJunk = Uploads.zip("__MACOSX/", null, "__MACOSX/._x.csv", new byte[] {1}, "dir/", null);
        rejected(write(dir, "junk.zip", onlyJunk), ProblemCode.FILE_ZIP_EMPTY);
    }

    @Test
    void refusesEntriesThatAreNotListFiles() {
        FileProblem p = rejected(
                write(dir, "mixed.zip", Uploads.zip("list.csv", "phone\n0912345678\n", "說明.pdf", "%PDF-1.4")),
                ProblemCode.FILE_ZIP_ENTRY_UNSUPPORTED);
        assertThat(p.entry()).isEqualTo("說明.pdf");
        rejected(write(dir, "m.zip", Uploads.zip("list.xlsm", new byte[] {1})), ProblemCode.FILE_MACRO_ENABLED);
        rejected(
                write(
                        dir,
                        "dup.zip",
                        Uploads.zip("List.csv", "phone\n0912345678\n", "list.csv", "phone\n0912345678\n")),
                ProblemCode.FILE_ZIP_DUPLICATE_ENTRY);
        rejected(write(dir, "e.zip", Uploads.zip("empty.csv", new byte[0])), ProblemCode.FILE_EMPTY);
    }

    @Test
    void tellsAnXlsxRenamedZipFromAZip() throws Exception {
        FileProblem p = rejected(write(dir, "book.zip", xlsx("0912345678")), ProblemCode.FILE_CONTENT_MISMATCH);
        assertThat(p.problem().messageEn()).contains("rename it to .xlsx");
    }

    @Test
    void refusesAHostileWorkbookInsideAZip() throws Exception {
        Path book = write(dir, "b.xlsx", xlsx("0912345678"));
        byte[] vba = Workbooks.rewrite(book, (n, c) -> c, "xl/vbaProject.bin", new byte[] {1});
        FileProblem p = rejected(
                write(dir, "vba.zip", Uploads.zip("a.csv", "phone\n0912345678\n", "b.xlsx", vba)),
                ProblemCode.FILE_MACRO_ENABLED);
        assertThat(p.entry()).isEqualTo("b.xlsx");
    }

    @Test
    void deletesItsTemporaryCopiesOnClose() throws Exception {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        List<Path> before = temporaryDirectories(tmp);
        byte[] zip = Uploads.zip("a.xlsx", xlsx("0912345678"), "b.xlsx", xlsx("0922333444"));
        Path file = write(dir, "books.zip", zip);
        try (RecipientFileReader reader = RecipientFiles.open(file, "books.zip", FileLimits.defaults())) {
            assertThat(temporaryDirectories(tmp)).hasSize(before.size() + 1);
            assertThat(reader.next().phone()).isEqualTo("0912345678");
        }
        assertThat(temporaryDirectories(tmp)).containsExactlyInAnyOrderElementsOf(before);
        Path bad = write(dir, "bad.zip", Uploads.zip("a.xlsx", xlsx("0912345678"), "b.csv", "姓名,地址\n王,台北\n"));
        Uploads.rejection(
                () -> RecipientFiles.open(bad, "bad.zip", FileLimits.defaults()).close());
        assertThat(temporaryDirectories(tmp)).containsExactlyInAnyOrderElementsOf(before);
    }

    private static List<Path> temporaryDirectories(Path tmp) throws IOException {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.filter(p -> p.getFileName().toString().startsWith("sms-files-"))
                    .toList();
        }
    }

    @Test
    void writesNothingButReadsStoredEntries() throws Exception {
        byte[] zip = Uploads.storedZip("list.txt", "0912345678\n".getBytes(UTF_8));
        Path file = write(dir, "stored.zip", zip);
        try (OutputStream ignored = OutputStream.nullOutputStream()) {
            assertThat(read(file).rows()).extracting(FileRow::phone).containsExactly("0912345678");
        }
    }
}
