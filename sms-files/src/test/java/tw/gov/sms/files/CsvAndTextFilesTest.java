package tw.gov.sms.files;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static tw.gov.sms.files.Uploads.read;
import static tw.gov.sms.files.Uploads.rejected;
import static tw.gov.sms.files.Uploads.rejection;
import static tw.gov.sms.files.Uploads.write;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tw.gov.sms.shared.domain.ProblemCode;
import tw.gov.sms.shared.domain.Severity;

class CsvAndTextFilesTest {

    @TempDir
    Path dir;

    @Test
    void readsOneNumberPerLineAndSkipsBlankLines() throws Exception {
        Path f = write(dir, "list.txt", "0912345678\n\n  0922333444 \r\n   \n+886933444555\n\n", UTF_8);
        Uploads.Read r = read(f);
        assertThat(r.description().format()).isEqualTo(FileFormat.TXT);
        assertThat(r.description().encoding()).isEqualTo(TextEncoding.UTF8);
        assertThat(r.description().columns()).containsExactly("phone");
        assertThat(r.description().phoneColumn()).isEqualTo("phone");
        assertThat(r.rows()).extracting(FileRow::phone).containsExactly("0912345678", "0922333444", "+886933444555");
        assertThat(r.rows()).extracting(FileRow::line).containsExactly(1, 3, 5);
        assertThat(r.rows()).extracting(FileRow::ordinal).containsExactly(1L, 2L, 3L);
        assertThat(r.rows().get(0).values()).isEmpty();
        assertThat(r.rows().get(0).entry()).isNull();
    }

    @Test
    void takesAFirstTxtLineThatNamesThePhoneColumnAsItsHeader() throws Exception {
        Uploads.Read r = read(write(dir, "list.txt", "手機號碼\n0912345678\n", UTF_8));
        assertThat(r.rows()).singleElement().satisfies(row -> {
            assertThat(row.phone()).isEqualTo("0912345678");
            assertThat(row.line()).isEqualTo(2);
        });
    }

    @Test
    void readsCsvHeaderAndPlaceholderValuesInColumnOrder() throws Exception {
        Path f = write(dir, "list.csv", "\uFEFF手機號碼,姓名,金額\r\n0912345678,王小明,100\r\n0922333444,陳美玲,\r\n", UTF_8);
        Uploads.Read r = read(f);
        assertThat(r.description().encoding()).isEqualTo(TextEncoding.UTF8_BOM);
        assertThat(r.description().columns()).containsExactly("手機號碼", "姓名", "金額");
        assertThat(r.description().phoneColumn()).isEqualTo("手機號碼");
        FileRow first = r.rows().get(0);
        assertThat(first.phone()).isEqualTo("0912345678");
        assertThat(first.line()).isEqualTo(2);
        assertThat(first.values()).containsExactly(Map.entry("姓名", "王小明"), Map.entry("金額", "100"));
        assertThat(first.problems()).isEmpty();
        assertThat(r.rows().get(1).values()).containsEntry("金額", "");
    }

    @Test
    void honoursRfc4180QuotingAndCountsPhysicalLines() throws Exception {
        String csv = "phone,name,note\r\n"
                + "0912345678,\"Wang, Xiao-Ming\",\"He said \"\"hi\"\"\"\r\n"
                + "0922333444,\"two\r\nlines\",x\r\n"
                + "0933444555,plain,\"\"\r\n";
        Uploads.Read r = read(write(dir, "q.csv", csv, UTF_8));
        assertThat(r.rows()).hasSize(3);
        assertThat(r.rows().get(0).values())
                .containsEntry("name", "Wang, Xiao-Ming")
                .containsEntry("note", "He said \"hi\"");
        assertThat(r.rows().get(1).values()).containsEntry("name", "two\nlines");
        assertThat(r.rows()).extracting(FileRow::line).containsExactly(2, 3, 5);
        assertThat(r.rows()).allSatisfy(row -> assertThat(row.problems()).isEmpty());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "phone",
                " Phone ",
                "MOBILE",
                "msisdn",
                "Number",
                "電話",
                "手機",
                "手機號碼",
                "門號",
                "行動電話",
                "Mobile Number",
                "phone_number",
                "ｐｈｏｎｅ",
                "手機 號碼"
            })
    void findsThePhoneColumnByItsName(String header) throws Exception {
        Uploads.Read r = read(write(dir, "h.csv", "姓名," + header + "\n王小明,0912345678\n", UTF_8));
        assertThat(r.description().phoneColumn()).isEqualTo(header.strip());
        assertThat(r.rows().get(0).phone()).isEqualTo("0912345678");
        assertThat(r.rows().get(0).values()).containsExactly(Map.entry("姓名", "王小明"));
    }

    @Test
    void prefersAMobileColumnOverAGenericPhoneColumn() throws Exception {
        Uploads.Read r = read(write(dir, "two.csv", "電話,手機,姓名\n0223456789,0912345678,王\n", UTF_8));
        assertThat(r.description().phoneColumn()).isEqualTo("手機");
        assertThat(r.rows().get(0).phone()).isEqualTo("0912345678");
        assertThat(r.rows().get(0).values()).containsEntry("電話", "0223456789");
    }

    @Test
    void refusesTwoEquallyLikelyPhoneColumns() {
        FileProblem p = rejected(
                write(dir, "amb.csv", "手機,行動電話\n0912345678,0922333444\n", UTF_8),
                ProblemCode.FILE_PHONE_COLUMN_AMBIGUOUS);
        assertThat(p.problem().messageZh()).contains("手機", "行動電話");
    }

    @Test
    void takesASingleColumnAsThePhoneColumnWhateverItsName() throws Exception {
        Uploads.Read r = read(write(dir, "one.csv", "收件人\n0912345678\n", UTF_8));
        assertThat(r.description().phoneColumn()).isEqualTo("收件人");
        assertThat(r.rows()).extracting(FileRow::phone).containsExactly("0912345678");
    }

    @Test
    void readsASingleColumnWithoutHeaderAsNumbers() throws Exception {
        Uploads.Read r = read(write(dir, "bare.csv", "0912345678\r\n0922-333-444\r\n", UTF_8));
        assertThat(r.description().columns()).containsExactly("phone");
        assertThat(r.rows()).extracting(FileRow::phone).containsExactly("0912345678", "0922-333-444");
        assertThat(r.rows()).extracting(FileRow::line).containsExactly(1, 2);
    }

    @Test
    void refusesSeveralColumnsWithoutHeader() {
        FileProblem p = rejected(write(dir, "nohead.csv", "0912345678,王小明\n", UTF_8), ProblemCode.FILE_HEADER_MISSING);
        assertThat(p.line()).isEqualTo(1);
    }

    @Test
    void refusesAHeaderWithoutPhoneColumnAndListsTheAcceptedNames() {
        FileProblem p = rejected(write(dir, "x.csv", "姓名,地址\n王,台北\n", UTF_8), ProblemCode.FILE_NO_PHONE_COLUMN);
        assertThat(p.problem().messageZh()).contains("手機號碼", "行動電話", "門號", "「姓名」「地址」");
        assertThat(p.problem().messageEn()).contains("mobile", "phone", "msisdn");
    }

    @Test
    void refusesDuplicateAndEmptyHeaderNames() {
        FileProblem dup =
                rejected(write(dir, "d.csv", "手機, 姓名 ,姓名\n0912345678,a,b\n", UTF_8), ProblemCode.FILE_HEADER_DUPLICATE);
        assertThat(dup.column()).isEqualTo("姓名");
        assertThat(dup.problem().messageEn()).contains("columns 2 and 3");
        FileProblem empty =
                rejected(write(dir, "e.csv", "手機,,姓名\n0912345678,a,b\n", UTF_8), ProblemCode.FILE_HEADER_EMPTY_NAME);
        assertThat(empty.column()).isEqualTo("B");
    }

    @Test
    void toleratesTrailingEmptyHeaderCellsAsExcelPadsThem() throws Exception {
        Uploads.Read r = read(write(dir, "pad.csv", "手機,姓名,,\r\n0912345678,王,,\r\n", UTF_8));
        assertThat(r.description().columns()).containsExactly("手機", "姓名");
        assertThat(r.rows().get(0).problems()).isEmpty();
    }

    @Test
    void reportsRowsWithAnotherNumberOfFieldsAsRowProblems() throws Exception {
        String csv = "手機,姓名\n0912345678\n0922333444,王,小明\n0933444555,李,\n0944555666,陳\n";
        Uploads.Read r = read(write(dir, "fields.csv", csv, UTF_8));
        assertThat(r.rows()).hasSize(4);
        assertThat(r.rows().get(0).problems()).singleElement().satisfies(p -> {
            assertThat(p.problem().code()).isEqualTo(ProblemCode.FILE_ROW_FIELD_COUNT);
            assertThat(p.line()).isEqualTo(2);
            assertThat(p.problem().severity()).isEqualTo(Severity.ERROR);
        });
        assertThat(r.rows().get(1).problems())
                .extracting(p -> p.problem().code())
                .containsExactly(ProblemCode.FILE_ROW_FIELD_COUNT);
        assertThat(r.rows().get(2).problems())
                .as("an extra empty field is harmless")
                .isEmpty();
        assertThat(r.rows().get(3).problems()).isEmpty();
    }

    @Test
    void ignoresTrailingEmptyLinesAndEmptyRows() throws Exception {
        Uploads.Read r = read(write(dir, "t.csv", "手機,姓名\r\n0912345678,王\r\n,\r\n\r\n\r\n", UTF_8));
        assertThat(r.rows()).hasSize(1);
    }

    @Test
    void readsATabSeparatedCsv() throws Exception {
        Uploads.Read r = read(write(dir, "tab.csv", "手機\t姓名\n0912345678\t王, 小明\n", UTF_8));
        assertThat(r.rows().get(0).values()).containsEntry("姓名", "王, 小明");
    }

    @Test
    void reportsAndCutsValuesOverTheCellLimit() throws Exception {
        FileLimits limits = Uploads.limits(1 << 20, 1 << 20, 100, 20, 100, 50, 10);
        Uploads.Read r = read(write(dir, "long.csv", "手機,姓名\n0912345678,一二三四五六七八九十十一\n", UTF_8), limits);
        FileRow row = r.rows().get(0);
        assertThat(row.values().get("姓名")).isEqualTo("一二三四五六七八九十");
        assertThat(row.problems()).singleElement().satisfies(p -> {
            assertThat(p.problem().code()).isEqualTo(ProblemCode.FILE_CELL_TOO_LONG);
            assertThat(p.column()).isEqualTo("姓名");
            assertThat(p.problem().messageEn()).contains("12 characters", "limit of 10");
        });
    }

    @Test
    void refusesMoreColumnsThanTheLimit() {
        FileLimits limits = Uploads.limits(1 << 20, 1 << 20, 100, 20, 100, 3, 100);
        FileProblem p = rejected(
                write(dir, "wide.csv", "手機,a,b,c\n0912345678,1,2,3\n", UTF_8),
                limits,
                ProblemCode.FILE_TOO_MANY_COLUMNS);
        assertThat(p.problem().messageEn()).contains("4 columns", "limit of 3");
    }

    @Test
    void refusesMoreRowsThanTheLimitWhileStreaming() throws Exception {
        FileLimits limits = Uploads.limits(1 << 20, 1 << 20, 100, 20, 2, 50, 100);
        Path f = write(dir, "rows.txt", "0912345678\n0922333444\n0933444555\n", UTF_8);
        try (RecipientFileReader reader = RecipientFiles.open(f, "rows.txt", limits)) {
            assertThat(reader.next()).isNotNull();
            assertThat(reader.next()).isNotNull();
            List<FileProblem> problems = rejection(reader::next);
            assertThat(problems.get(0).problem().code()).isEqualTo(ProblemCode.FILE_TOO_MANY_ROWS);
        }
    }

    @Test
    void refusesAQuoteThatIsNeverClosed() {
        Path f = write(dir, "open.csv", "手機,姓名\n0912345678,王\n0922333444,\"李\n0933444555,陳\n", UTF_8);
        List<FileProblem> problems = rejection(() -> read(f));
        assertThat(problems.get(0).problem().code()).isEqualTo(ProblemCode.FILE_CSV_UNCLOSED_QUOTE);
        assertThat(problems.get(0).line()).isEqualTo(3);
    }

    @Test
    void keepsFormulaLookingTextAsPlainData() throws Exception {
        Uploads.Read r = read(write(dir, "inj.csv", "手機,姓名\n0912345678,=cmd|' /C calc'!A0\n", UTF_8));
        assertThat(r.rows().get(0).values()).containsEntry("姓名", "=cmd|' /C calc'!A0");
        assertThat(r.rows().get(0).problems()).isEmpty();
    }

    @Test
    void refusesAFileWithOnlyAHeaderAndAnEmptyFile() {
        rejected(write(dir, "head.csv", "手機,姓名\r\n\r\n", UTF_8), ProblemCode.FILE_NO_ROWS);
        rejected(write(dir, "blank.txt", "\n \n", UTF_8), ProblemCode.FILE_NO_ROWS);
        rejected(write(dir, "empty.csv", new byte[0]), ProblemCode.FILE_EMPTY);
    }
}
