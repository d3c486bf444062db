package tw.gov.sms.sftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tw.gov.sms.shared.domain.Problem;
import tw.gov.sms.shared.domain.ProblemCode;

class ManifestTest {

    private static final String NAME = "bills-202611.csv.manifest";
    private static final String SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    private static final String REQUIRED = "file = bills-202611.csv\nsha256 = " + SHA + "\nsize = 123456\n";

    @Test
    void readsEveryKeyOfTheDocumentedExample() throws Exception {
        Manifest m = parse("""
                # 111 簡訊平台 傳送說明檔
                file = bills-202611.csv
                sha256 = %s
                size = 123456
                text = 【{姓名}】您好，本期水費 {金額} 元，請於 12/15 前繳納。
                schedule = 2026-12-01T09:00+08:00
                validity-minutes = 1440
                test = false
                callback = https://water.example.gov.tw/sms/status
                reference = 水費-2026-11 第一批
                """.formatted(SHA));

        assertThat(m.file()).isEqualTo("bills-202611.csv");
        assertThat(m.sha256()).isEqualTo(SHA);
        assertThat(m.size()).isEqualTo(123456);
        assertThat(m.text()).isEqualTo("【{姓名}】您好，本期水費 {金額} 元，請於 12/15 前繳納。");
        assertThat(m.schedule()).isEqualTo(OffsetDateTime.parse("2026-12-01T09:00+08:00"));
        assertThat(m.validityMinutes()).isEqualTo(1440);
        assertThat(m.test()).isFalse();
        assertThat(m.callback()).isEqualTo(URI.create("https://water.example.gov.tw/sms/status"));
        assertThat(m.reference()).isEqualTo("水費-2026-11 第一批");
    }

    @Test
    void optionalKeysMayBeLeftOut() throws Exception {
        Manifest m = parse(REQUIRED + "text = 停水通知\n");

        assertThat(m.schedule()).isNull();
        assertThat(m.validityMinutes()).isNull();
        assertThat(m.test()).isFalse();
        assertThat(m.callback()).isNull();
        assertThat(m.reference()).isNull();
    }

    @Test
    void toleratesBomCrlfCommentsBlankLinesAndKeyCase() throws Exception {
        String text = "\uFEFF# 註解\r\n\r\nFILE = bills-202611.csv\r\n  SHA256=" + SHA.toUpperCase()
                + "\r\n\tSize\t=\t123456\r\n# 內容\r\nText = 颱風警報：請民眾注意安全\r\n";

        Manifest m = Manifest.parse(text.getBytes(StandardCharsets.UTF_8), NAME);

        assertThat(m.file()).isEqualTo("bills-202611.csv");
        assertThat(m.sha256())
                .as("uppercase hex, as PowerShell's Get-FileHash prints it")
                .isEqualTo(SHA);
        assertThat(m.size()).isEqualTo(123456);
        assertThat(m.text()).isEqualTo("颱風警報：請民眾注意安全");
    }

    @Test
    void joinsConsecutiveTextLinesWithLineFeeds() throws Exception {
        Manifest m = parse(REQUIRED + """
                text = 【{姓名}】您好：
                text =
                text = 本期水費 {金額} 元。
                # a comment between text lines is still allowed
                text = 查詢 https://www.water.gov.tw/?a=1#b
                """);

        assertThat(m.text()).isEqualTo("【{姓名}】您好：\n\n本期水費 {金額} 元。\n查詢 https://www.water.gov.tw/?a=1#b");
    }

    @Test
    void keepsFullWidthSpacesAndBackslashesOfTheText() throws Exception {
        Manifest m = parse(REQUIRED + "text = \u3000\u3000請攜帶證件 C:\\n 不是換行\n");

        assertThat(m.text()).isEqualTo("\u3000\u3000請攜帶證件 C:\\n 不是換行");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "2026-12-01 09:00           | 2026-12-01T09:00+08:00",
                "2026-12-01T09:00           | 2026-12-01T09:00+08:00",
                "2026-12-01 09:00:30        | 2026-12-01T09:00:30+08:00",
                "2026-12-01T09:00+08:00     | 2026-12-01T09:00+08:00",
                "2026-12-01T01:00Z          | 2026-12-01T01:00Z",
                "2026-12-01 09:00:00+08:00  | 2026-12-01T09:00+08:00",
            })
    void readsBothScheduleForms(String written, String expected) throws Exception {
        Manifest m = parse(REQUIRED + "text = x\nschedule = " + written + "\n");

        assertThat(m.schedule().toInstant())
                .isEqualTo(OffsetDateTime.parse(expected).toInstant());
    }

    @ParameterizedTest
    @ValueSource(strings = {"12/01/2026 09:00", "2026-13-01 09:00", "2026-02-30 09:00", "2026-12-01", "明天早上九點"})
    void refusesUnreadableSchedules(String written) {
        assertThat(codes(REQUIRED + "text = x\nschedule = " + written + "\n"))
                .containsExactly(ProblemCode.MANIFEST_BAD_SCHEDULE);
    }

    @Test
    void anEmptyOptionalValueMeansAbsent() throws Exception {
        Manifest m = parse(REQUIRED + "text = x\nschedule =\ncallback = \nreference =\n");

        assertThat(m.schedule()).isNull();
        assertThat(m.callback()).isNull();
        assertThat(m.reference()).isNull();
    }

    @Test
    void reportsAMissingText() {
        List<Problem> problems = problems(REQUIRED);

        assertThat(problems).extracting(Problem::code).containsExactly(ProblemCode.MANIFEST_MISSING_KEY);
        assertThat(problems.get(0).messageEn()).contains("\"text\"");
        assertThat(problems.get(0).messageZh()).contains("text");
    }

    @Test
    void reportsEveryMissingRequiredKeyAtOnce() {
        assertThat(problems("# nothing here\n"))
                .extracting(Problem::code)
                .containsOnly(ProblemCode.MANIFEST_MISSING_KEY)
                .hasSize(4);
    }

    @Test
    void reportsAnEmptyRequiredValue() {
        assertThat(codes("file = bills-202611.csv\nsha256 =\nsize = 1\ntext = x\n"))
                .containsExactly(ProblemCode.MANIFEST_EMPTY_VALUE);
    }

    @Test
    void catchesATypoInAKeyAndSuggestsTheRightOne() {
        List<Problem> problems = problems(REQUIRED + "text = x\nshedule = 2026-12-01 09:00\n");

        assertThat(problems).extracting(Problem::code).containsExactly(ProblemCode.MANIFEST_UNKNOWN_KEY);
        assertThat(problems.get(0).messageEn()).contains("Line 5", "\"shedule\"", "did you mean \"schedule\"");
        assertThat(problems.get(0).messageZh()).contains("第 5 行", "「shedule」", "schedule");
    }

    @Test
    void anUnrelatedUnknownKeyGetsNoSuggestion() {
        List<Problem> problems = problems(REQUIRED + "text = x\npriority = high\n");

        assertThat(problems).extracting(Problem::code).containsExactly(ProblemCode.MANIFEST_UNKNOWN_KEY);
        assertThat(problems.get(0).messageEn()).doesNotContain("did you mean");
    }

    @Test
    void refusesADuplicateKeyNamingBothLines() {
        List<Problem> problems = problems(REQUIRED + "text = x\nsize = 99\n");

        assertThat(problems).extracting(Problem::code).containsExactly(ProblemCode.MANIFEST_DUPLICATE_KEY);
        assertThat(problems.get(0).messageEn()).contains("Line 5", "\"size\"", "line 3");
    }

    @Test
    void refusesTextLinesSplitByOtherKeys() {
        assertThat(codes(REQUIRED + "text = 第一段\ntest = true\ntext = 第二段\n"))
                .containsExactly(ProblemCode.MANIFEST_TEXT_NOT_CONTIGUOUS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"other.csv", "bills-202611.CSV", "C:\\sms\\bills-202611.csv", "upload/bills-202611.csv"})
    void theFileKeyMustNameTheDataFileWithoutPath(String file) {
        assertThat(codes("file = " + file + "\nsha256 = " + SHA + "\nsize = 1\ntext = x\n"))
                .containsExactly(ProblemCode.MANIFEST_FILE_MISMATCH);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "9f86d0",
                "sha256:" + SHA,
                SHA + "0",
                "zz86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
            })
    void refusesAnythingButSixtyFourHexDigitsAsSha256(String sha) {
        assertThat(codes("file = bills-202611.csv\nsha256 = " + sha + "\nsize = 1\ntext = x\n"))
                .containsExactly(ProblemCode.MANIFEST_BAD_SHA256);
    }

    @ParameterizedTest
    @ValueSource(strings = {"12,345", "-1", "1.5", "12 KB", "99999999999999999999"})
    void refusesSizesThatAreNotByteCounts(String size) {
        assertThat(codes("file = bills-202611.csv\nsha256 = " + SHA + "\nsize = " + size + "\ntext = x\n"))
                .containsExactly(ProblemCode.MANIFEST_BAD_SIZE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-5", "一天", "1.5"})
    void refusesValiditiesThatAreNotPositiveMinutes(String minutes) {
        assertThat(codes(REQUIRED + "text = x\nvalidity-minutes = " + minutes + "\n"))
                .containsExactly(ProblemCode.MANIFEST_BAD_VALIDITY);
    }

    @Test
    void theTestFlagIsTrueOrFalse() throws Exception {
        assertThat(parse(REQUIRED + "text = x\ntest = TRUE\n").test()).isTrue();
        assertThat(codes(REQUIRED + "text = x\ntest = yes\n")).containsExactly(ProblemCode.MANIFEST_BAD_TEST_FLAG);
    }

    @Test
    void callbacksMustBeHttps() {
        assertThat(codes(REQUIRED + "text = x\ncallback = http://water.example.gov.tw/status\n"))
                .containsExactly(ProblemCode.MANIFEST_CALLBACK_NOT_HTTPS);
        assertThat(codes(REQUIRED + "text = x\ncallback = https//water.example.gov.tw\n"))
                .containsExactly(ProblemCode.MANIFEST_BAD_CALLBACK);
        assertThat(codes(REQUIRED + "text = x\ncallback = https://user:pw@water.example.gov.tw/\n"))
                .containsExactly(ProblemCode.MANIFEST_BAD_CALLBACK);
    }

    @Test
    void referenceIsAtMostOneHundredCharactersCountingChineseAsOne() throws Exception {
        String hundred = "參".repeat(100);
        assertThat(parse(REQUIRED + "text = x\nreference = " + hundred + "\n").reference())
                .isEqualTo(hundred);
        assertThat(codes(REQUIRED + "text = x\nreference = " + "a".repeat(101) + "\n"))
                .containsExactly(ProblemCode.MANIFEST_REFERENCE_TOO_LONG);
    }

    @Test
    void aLineWithoutEqualsSignIsASyntaxError() {
        assertThat(codes(REQUIRED + "text = x\n這一行沒有等號\n")).containsExactly(ProblemCode.MANIFEST_SYNTAX);
        assertThat(codes(REQUIRED + "text ＝ 全形等號\n"))
                .as("a full-width equals sign is not the separator")
                .contains(ProblemCode.MANIFEST_SYNTAX);
    }

    @Test
    void refusesBig5WithTheLineWhereItStarts() {
        byte[] big5 = (REQUIRED + "text = 停水通知\n").getBytes(Charset.forName("Big5"));

        ManifestException e = catchThrowableOfType(ManifestException.class, () -> Manifest.parse(big5, NAME));

        assertThat(e.problems()).extracting(Problem::code).containsExactly(ProblemCode.MANIFEST_NOT_UTF8);
        assertThat(e.problems().get(0).messageEn()).contains("Line 4");
    }

    @Test
    void refusesAnOversizedManifestUnread() {
        byte[] huge = (REQUIRED + "text = " + "x".repeat(Manifest.MAX_BYTES) + "\n").getBytes(StandardCharsets.UTF_8);

        ManifestException e = catchThrowableOfType(
                ManifestException.class, () -> Manifest.parse(new ByteArrayInputStream(huge), NAME));

        assertThat(e.problems()).extracting(Problem::code).containsExactly(ProblemCode.MANIFEST_TOO_LARGE);
    }

    @Test
    void reportsAllProblemsOfOneManifestTogether() {
        List<Problem> problems = problems("""
                file = bills-202611.csv
                sha256 = nope
                size = 1
                shedule = tomorrow
                callback = http://x.example
                """);

        assertThat(problems)
                .extracting(Problem::code)
                .containsExactlyInAnyOrder(
                        ProblemCode.MANIFEST_UNKNOWN_KEY,
                        ProblemCode.MANIFEST_BAD_SHA256,
                        ProblemCode.MANIFEST_MISSING_KEY,
                        ProblemCode.MANIFEST_CALLBACK_NOT_HTTPS);
        assertThat(problems).allSatisfy(p -> {
            assertThat(p.field()).isEqualTo(NAME);
            assertThat(p.isError()).isTrue();
            assertThat(p.messageZh()).doesNotContain("%").doesNotContain("[");
            assertThat(p.messageEn()).doesNotContain("%").doesNotContain("[");
        });
    }

    @Test
    void theCanonicalTextReadsBackToTheSameManifest() throws Exception {
        Manifest original = new Manifest(
                "名冊.xlsx",
                SHA,
                42,
                "第一行\n\n第三行 = 有等號",
                OffsetDateTime.parse("2026-12-01T09:00+08:00"),
                60,
                true,
                URI.create("https://example.gov.tw/cb"),
                "ref-1");

        assertThat(Manifest.parse(original.toBytes(), "名冊.xlsx.manifest")).isEqualTo(original);
    }

    @Test
    void theDataFileNameIsTheManifestNameWithoutItsSuffix() {
        assertThat(Manifest.dataFileName("bills.csv.manifest")).isEqualTo("bills.csv");
        assertThat(Manifest.dataFileName("/inbox/BILLS.CSV.MANIFEST")).isEqualTo("BILLS.CSV");
        assertThatThrownBy(() -> Manifest.dataFileName("bills.csv")).isInstanceOf(IllegalArgumentException.class);
    }

    private static Manifest parse(String text) throws ManifestException {
        return Manifest.parse(text.getBytes(StandardCharsets.UTF_8), NAME);
    }

    private static List<Problem> problems(String text) {
        ManifestException e = catchThrowableOfType(ManifestException.class, () -> parse(text));
        assertThat(e).as("expected the manifest to be refused").isNotNull();
        return e.problems();
    }

    private static List<ProblemCode> codes(String text) {
        return problems(text).stream().map(Problem::code).toList();
    }
}
