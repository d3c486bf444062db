package tw.gov.sms.files;

import static java.nio.charset.StandardCharsets.UTF_16BE;
import static java.nio.charset.StandardCharsets.UTF_16LE;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static tw.gov.sms.files.Uploads.read;
import static tw.gov.sms.files.Uploads.rejected;
import static tw.gov.sms.files.Uploads.write;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tw.gov.sms.shared.domain.ProblemCode;

class EncodingTest {

    static final Charset CP950 = Charset.forName("x-windows-950");

    @TempDir
    Path dir;

    @Test
    void readsUtf8WithoutBom() throws Exception {
        Uploads.Read r = read(write(dir, "u.csv", "手機號碼,姓名\n0912345678,王小明\n", UTF_8));
        assertThat(r.description().encoding()).isEqualTo(TextEncoding.UTF8);
        assertThat(r.rows().get(0).values()).containsEntry("姓名", "王小明");
    }

    @Test
    void takesPureAsciiAsUtf8() throws Exception {
        assertThat(read(write(dir, "a.txt", "0912345678\r\n", UTF_8))
                        .description()
                        .encoding())
                .isEqualTo(TextEncoding.UTF8);
    }

    @Test
    void readsUtf8WithBomAndDropsTheBom() throws Exception {
        Uploads.Read r = read(write(dir, "b.csv", "\uFEFF手機號碼,姓名\r\n0912345678,王小明\r\n", UTF_8));
        assertThat(r.description().encoding()).isEqualTo(TextEncoding.UTF8_BOM);
        assertThat(r.description().columns()).containsExactly("手機號碼", "姓名");
    }

    @Test
    void readsBig5ExactlyAsExcelOnTraditionalChineseWindowsWritesIt() throws Exception {
        // Excel "CSV (逗號分隔)": CP950 bytes, CRLF, no BOM. 碁 銹 裏 exist in CP950 only (F9D6–F9D8), not in Big5.
        String text = "手機號碼,姓名,地址\r\n0912345678,王碁銹,臺北市\r\n0922333444,陳裏,新北市\r\n";
        byte[] bytes = text.getBytes(CP950);
        assertThat(Charset.forName("Big5").newEncoder().canEncode("碁銹裏")).isFalse();
        assertThat(bytes).doesNotContain((byte) 0xEF).contains((byte) 0xF9, (byte) 0xD6);
        Uploads.Read r = read(write(dir, "big5.csv", bytes));
        assertThat(r.description().encoding()).isEqualTo(TextEncoding.BIG5);
        assertThat(r.description().columns()).containsExactly("手機號碼", "姓名", "地址");
        assertThat(r.rows()).extracting(FileRow::phone).containsExactly("0912345678", "0922333444");
        assertThat(r.rows().get(0).values()).containsExactly(Map.entry("姓名", "王碁銹"), Map.entry("地址", "臺北市"));
        assertThat(r.rows().get(1).values()).containsEntry("姓名", "陳裏");
    }

    @Test
    void passesBig5UserDefinedCharactersThroughAsPrivateUseForTheContentChecks() throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes("手機號碼,姓名\r\n0912345678,王".getBytes(CP950));
        b.write(0xFA); // 造字 area: CP950 maps FA40 to U+E000
        b.write(0x40);
        b.writeBytes("\r\n".getBytes(CP950));
        Uploads.Read r = read(write(dir, "eudc.csv", b.toByteArray()));
        assertThat(r.description().encoding()).isEqualTo(TextEncoding.BIG5);
        assertThat(r.rows().get(0).values()).containsEntry("姓名", "王\uE000");
    }

    @Test
    void readsExcelUnicodeTextAsTabSeparatedUtf16() throws Exception {
        // Excel "Unicode 文字 (*.txt)": UTF-16LE with BOM, tab-separated, CRLF, with a header.
        String text = "\uFEFF手機號碼\t姓名\r\n0912345678\t王小明\r\n0922333444\t\"陳, 美玲\"\r\n";
        Uploads.Read txt = read(write(dir, "unicode.txt", text, UTF_16LE));
        assertThat(txt.description().encoding()).isEqualTo(TextEncoding.UTF16LE_BOM);
        assertThat(txt.description().columns()).containsExactly("手機號碼", "姓名");
        assertThat(txt.rows()).extracting(FileRow::phone).containsExactly("0912345678", "0922333444");
        assertThat(txt.rows().get(1).values()).containsEntry("姓名", "陳, 美玲");
        Uploads.Read csv = read(write(dir, "unicode.csv", text, UTF_16LE));
        assertThat(csv.description().encoding()).isEqualTo(TextEncoding.UTF16LE_BOM);
        assertThat(csv.rows().get(0).values()).containsEntry("姓名", "王小明");
    }

    @Test
    void readsUtf16BigEndianWithBom() throws Exception {
        Uploads.Read r = read(write(dir, "be.csv", "\uFEFF手機,姓名\n0912345678,王\n", UTF_16BE));
        assertThat(r.description().encoding()).isEqualTo(TextEncoding.UTF16BE_BOM);
        assertThat(r.rows().get(0).values()).containsEntry("姓名", "王");
    }

    @Test
    void refusesUtf16WithoutBomAndSaysWhere() {
        FileProblem p = rejected(write(dir, "nobom.txt", "0912345678\r\n", UTF_16LE), ProblemCode.FILE_NUL_BYTES);
        assertThat(p.problem().messageEn()).contains("line 1", "byte offset 1", "UTF-16");
        FileProblem later =
                rejected(write(dir, "later.csv", "phone\n0912345678\n09\u0000\n", UTF_8), ProblemCode.FILE_NUL_BYTES);
        assertThat(later.problem().messageEn()).contains("line 3", "byte offset 19");
    }

    @Test
    void refusesBytesNeitherUtf8NorCp950AndNamesLineAndOffsetOfBoth() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes("phone,name\n".getBytes(UTF_8)); // line 1: ASCII, 11 bytes
        b.writeBytes("0912345678,".getBytes(UTF_8)); // line 2 starts at 11
        b.writeBytes("王".getBytes(CP950)); // A4FD at offset 22: CP950 yes, UTF-8 no
        b.writeBytes("\n0922333444,".getBytes(UTF_8)); // line 3
        b.write(0xFF); // offset 36: neither
        b.writeBytes("\n".getBytes(UTF_8));
        FileProblem p = rejected(write(dir, "bad.csv", b.toByteArray()), ProblemCode.FILE_ENCODING_UNDECIDED);
        assertThat(p.problem().messageEn())
                .contains("as UTF-8 it is invalid on line 2 (byte offset 22)")
                .contains("as Big5 (CP950) on line 3 (byte offset 36)");
        assertThat(p.problem().messageZh()).contains("第 2 行", "第 3 行");
    }

    @Test
    void refusesAUtf8BomFollowedByOtherBytes() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        b.writeBytes("手機,姓名\r\n0912345678,".getBytes(UTF_8));
        b.writeBytes("王".getBytes(CP950));
        FileProblem p = rejected(write(dir, "mixed.csv", b.toByteArray()), ProblemCode.FILE_ENCODING_INVALID);
        assertThat(p.problem().messageEn()).contains("UTF-8", "line 2");
    }

    @Test
    void detectsAcrossChunkBoundaries() throws Exception {
        // A multi-byte character straddling the 64 KiB detection chunk must not look invalid.
        StringBuilder sb = new StringBuilder("手機號碼,姓名\n");
        while (sb.toString().getBytes(UTF_8).length < TextDetector.CHUNK - 1) {
            sb.append("0912345678,王\n");
        }
        sb.append("0912345678,王小明\n");
        Uploads.Read utf8 = read(write(dir, "big.csv", sb.toString(), UTF_8));
        assertThat(utf8.description().encoding()).isEqualTo(TextEncoding.UTF8);
        Uploads.Read big5 = read(write(dir, "big5.csv", sb.toString(), CP950));
        assertThat(big5.description().encoding()).isEqualTo(TextEncoding.BIG5);
        assertThat(big5.rows().get(big5.rows().size() - 1).values()).containsEntry("姓名", "王小明");
    }
}
