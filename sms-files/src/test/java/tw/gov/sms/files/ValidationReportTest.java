package tw.gov.sms.files;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import tw.gov.sms.shared.domain.Problem;
import tw.gov.sms.shared.domain.ProblemCode;

class ValidationReportTest {

    private static final String HEADER = "檔案/entry,列/row,欄/column,代碼/code,說明/reason (zh),reason (en)\r\n";

    private static byte[] report(FileProblem... problems) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ValidationReport.writeCsv(List.of(problems), out);
        return out.toByteArray();
    }

    @Test
    void startsWithAUtf8BomAndAHeaderAndEndsEveryRecordWithCrlf() throws Exception {
        byte[] bytes =
                report(new FileProblem(null, null, null, Problem.of(ProblemCode.FILE_NO_ROWS, "file", null, "a.csv")));
        assertThat(Arrays.copyOf(bytes, 3)).containsExactly(0xEF, 0xBB, 0xBF);
        String text = new String(bytes, 3, bytes.length - 3, UTF_8);
        assertThat(text)
                .isEqualTo(HEADER
                        + ",,,FILE_NO_ROWS,檔案「a.csv」沒有任何收件人資料列（只有標題列或空白列）。請填入收件人後再上傳。,"
                        + "\"The file \"\"a.csv\"\" has no recipient rows (only a header or blank lines)."
                        + " Add the recipients and upload it again.\"\r\n");
    }

    @Test
    void neutralisesFormulaInjectionInEveryCellAndQuotesWhatNeedsIt() throws Exception {
        byte[] bytes = report(
                new FileProblem(
                        "=HYPERLINK(\"http://evil\")",
                        7,
                        "=cmd|' /C calc'!A0",
                        Problem.of(ProblemCode.FILE_CELL_TOO_LONG, "x", null, "名", 1200, 1000)),
                new FileProblem(
                        null, 3, "姓名", Problem.of(ProblemCode.NUMBER_HAS_LETTERS, "phone", null, "a,\"b\"\r\nc")));
        String text = new String(bytes, 3, bytes.length - 3, UTF_8);
        assertThat(text)
                .contains("\"'=HYPERLINK(\"\"http://evil\"\")\",7,'=cmd|' /C calc'!A0,FILE_CELL_TOO_LONG,")
                .contains(",3,姓名,NUMBER_HAS_LETTERS,\"門號「a,\"\"b\"\"\r\nc」含有英文字母或文字。\",");
        // Read back byte by byte: every LF is preceded by CR (record ends and the line break inside the quotes).
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                assertThat(bytes[i - 1]).as("byte %d", i).isEqualTo((byte) '\r');
            }
        }
        assertThat(text).endsWith("\r\n");
    }

    @Test
    void writesTheExactBytesOfTheClassicPayload() throws Exception {
        byte[] bytes = report(
                new FileProblem("a.csv", 2, "姓名", Problem.of(ProblemCode.FILE_FORMULA_CELL, "姓名", null, "姓名", "B2")));
        String line = new String(bytes, UTF_8).split("\r\n")[1];
        assertThat(line).startsWith("a.csv,2,姓名,FILE_FORMULA_CELL,");
        byte[] payload = report(new FileProblem(
                "=cmd|' /C calc'!A0", null, null, Problem.of(ProblemCode.FILE_EMPTY, "file", null, "x")));
        String cell = new String(payload, UTF_8).split("\r\n")[1].split(",")[0];
        assertThat(cell.getBytes(UTF_8)).containsExactly("'=cmd|' /C calc'!A0".getBytes(UTF_8));
    }

    @Test
    void writesOnlyTheHeaderWhenThereIsNothingToReport() throws Exception {
        assertThat(new String(report(), UTF_8)).isEqualTo("\uFEFF" + HEADER);
    }

    @Test
    void neutralisesEveryDangerousFirstCharacter() {
        assertThat(SpreadsheetSafe.cell("=1+1")).isEqualTo("'=1+1");
        assertThat(SpreadsheetSafe.cell("+886912345678")).isEqualTo("'+886912345678");
        assertThat(SpreadsheetSafe.cell("-2")).isEqualTo("'-2");
        assertThat(SpreadsheetSafe.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(SpreadsheetSafe.cell("\tx")).isEqualTo("'\tx");
        assertThat(SpreadsheetSafe.cell("\rx")).isEqualTo("'\rx");
        assertThat(SpreadsheetSafe.cell("王小明=1")).isEqualTo("王小明=1");
        assertThat(SpreadsheetSafe.cell("")).isEmpty();
        assertThat(SpreadsheetSafe.cell(null)).isEmpty();
    }
}
