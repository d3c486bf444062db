package tw.gov.sms.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import tw.gov.sms.shared.domain.Problem;
import tw.gov.sms.shared.domain.ProblemCode;

/** The csv tokenizer reads back whatever an RFC 4180 writer (ours included) wrote, in UTF-8 and in CP950. */
class DelimitedPropertyTest {

    private static final FileLimits LIMITS = FileLimits.defaults();

    @Provide
    Arbitrary<List<List<String>>> tables() {
        Arbitrary<String> field =
                Arbitraries.strings().withChars("ab9,\"\r\n 王碁裏=@-").ofMaxLength(12);
        return field.list().ofMinSize(2).ofMaxSize(6).list().ofMinSize(1).ofMaxSize(25);
    }

    @Property(tries = 300)
    void readsBackWhatWasWrittenWithItsLineNumbers(@ForAll("tables") List<List<String>> table, @ForAll boolean big5)
            throws Exception {
        StringBuilder csv = new StringBuilder();
        for (List<String> row : table) {
            for (int i = 0; i < row.size(); i++) {
                if (i > 0) {
                    csv.append(',');
                }
                csv.append(ValidationReport.quote(row.get(i)));
            }
            csv.append("\r\n");
        }
        TextEncoding encoding = big5 ? TextEncoding.BIG5 : TextEncoding.UTF8;
        byte[] bytes = csv.toString().getBytes(encoding.charset());
        List<CellSource.Row> rows = new ArrayList<>();
        try (DelimitedSource source =
                DelimitedSource.open(new ByteArrayInputStream(bytes), encoding, FileFormat.CSV, null, LIMITS)) {
            CellSource.Row r;
            while ((r = source.next()) != null) {
                rows.add(r);
            }
        }
        assertThat(rows).hasSameSizeAs(table);
        int line = 1;
        for (int i = 0; i < table.size(); i++) {
            List<String> expected =
                    table.get(i).stream().map(DelimitedPropertyTest::lineFeeds).toList();
            assertThat(rows.get(i).cells()).extracting(CellSource.Cell::text).containsExactlyElementsOf(expected);
            assertThat(rows.get(i).fieldCount()).isEqualTo(expected.size());
            assertThat(rows.get(i).line()).isEqualTo(line);
            line += 1
                    + expected.stream()
                            .mapToInt(
                                    s -> (int) s.chars().filter(c -> c == '\n').count())
                            .sum();
        }
    }

    @Property(tries = 200)
    void reportCellsReadBackAsTheirSafeForm(@ForAll("tables") List<List<String>> table) throws Exception {
        List<FileProblem> problems = new ArrayList<>();
        for (List<String> row : table) {
            problems.add(new FileProblem(
                    row.get(0), 1, row.get(1), Problem.of(ProblemCode.FILE_EMPTY, "file", null, row.get(0))));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ValidationReport.writeCsv(problems, out);
        List<CellSource.Row> rows = new ArrayList<>();
        try (DelimitedSource source = DelimitedSource.open(
                new ByteArrayInputStream(out.toByteArray()), TextEncoding.UTF8_BOM, FileFormat.CSV, null, LIMITS)) {
            CellSource.Row r;
            while ((r = source.next()) != null) {
                rows.add(r);
            }
        }
        assertThat(rows).hasSize(table.size() + 1);
        for (int i = 0; i < table.size(); i++) {
            List<CellSource.Cell> cells = rows.get(i + 1).cells();
            assertThat(cells).hasSize(6);
            assertThat(cells.get(0).text())
                    .isEqualTo(lineFeeds(SpreadsheetSafe.cell(table.get(i).get(0))));
            assertThat(cells.get(2).text())
                    .isEqualTo(lineFeeds(SpreadsheetSafe.cell(table.get(i).get(1))));
            assertThat(cells.get(3).text()).isEqualTo("FILE_EMPTY");
        }
    }

    /** Inside quotes, CRLF and a lone CR are read as one line feed. */
    private static String lineFeeds(String s) {
        return s.replace("\r\n", "\n").replace('\r', '\n');
    }
}
