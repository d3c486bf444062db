package tw.gov.sms.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class CsvReportWriterTest {

    private static final List<Column> COLUMNS = List.of(
            new Column("name", "名稱", "Name", Column.Kind.TEXT),
            new Column("count", "數量", "Count", Column.Kind.INTEGER),
            new Column("fee", "費用", "Fee, NT$", Column.Kind.MONEY),
            new Column("rate", "成功率", "Rate", Column.Kind.PERCENT),
            new Column("average", "平均", "Average", Column.Kind.DECIMAL),
            new Column("day", "日期", "", Column.Kind.DATE),
            new Column("at", "時間", "Time", Column.Kind.DATE_TIME));

    @Test
    void writesExactlyTheExpectedBytes() throws IOException {
        var out = new ByteArrayOutputStream();
        try (var report = new CsvReportWriter(out)) {
            report.sheet(new Sheet("s", "標題", "Title", List.of("不寫入 not written"), COLUMNS), rows -> {
                rows.row(Arrays.asList(
                        "王小明, Jr.",
                        1234567L,
                        new BigDecimal("1234567"),
                        new BigDecimal("0.9876"),
                        new BigDecimal("2.50000"),
                        LocalDate.of(2026, 10, 1),
                        OffsetDateTime.of(2026, 10, 1, 1, 2, 3, 999, ZoneOffset.UTC)));
                rows.row(Arrays.asList(
                        "say \"hi\"\r\nbye", -5, new BigDecimal("0.70"), BigDecimal.ONE, null, null, null));
                rows.row(Arrays.asList("=1+1", null, null, null, null, null, null));
                rows.row(Arrays.asList("@SUM(A1)", null, null, null, null, null, null));
                rows.row(Arrays.asList("+886912345678", null, null, null, null, null, null));
                rows.row(Arrays.asList("-2+3", null, null, null, null, null, null));
                rows.row(Arrays.asList("\tx", null, null, null, null, null, null));
                rows.row(Arrays.asList("\r=x,", null, null, null, null, null, null));
                rows.total(Arrays.asList("合計 Total", 1234562L, new BigDecimal("1234567.70"), null, null, null, null));
            });
        }
        String expected = "\uFEFF"
                + "名稱(Name),數量(Count),\"費用(Fee, NT$)\",成功率(Rate),平均(Average),日期,時間(Time)\r\n"
                + "\"王小明, Jr.\",1234567,1234567,98.76%,2.5,2026-10-01,2026-10-01 09:02:03\r\n"
                + "\"say \"\"hi\"\"\r\nbye\",-5,0.70,100.00%,,,\r\n"
                + "'=1+1,,,,,,\r\n"
                + "'@SUM(A1),,,,,,\r\n"
                + "'+886912345678,,,,,,\r\n"
                + "'-2+3,,,,,,\r\n"
                + "'\tx,,,,,,\r\n"
                + "\"'\r=x,\",,,,,,\r\n"
                + "合計 Total,1234562,1234567.70,,,,\r\n";
        assertThat(out.toByteArray()).isEqualTo(expected.getBytes(StandardCharsets.UTF_8));
        assertThat(out.toByteArray()).startsWith(0xEF, 0xBB, 0xBF);
    }

    @Test
    void separatesSheetsByAnEmptyLineAndTheTitle() throws IOException {
        var columns = List.of(new Column("n", "數", "N", Column.Kind.INTEGER));
        var out = new ByteArrayOutputStream();
        try (var report = new CsvReportWriter(out)) {
            report.sheet(new Sheet("a", "甲表", "Table A", List.of(), columns), rows -> rows.row(List.of(1)));
            report.sheet(new Sheet("b", "乙表", "", List.of(), columns), rows -> rows.row(List.of(2)));
            report.sheet(new Sheet("c", "=丙表", "Table, C", List.of(), columns), rows -> {});
        }
        assertThat(out.toString(StandardCharsets.UTF_8))
                .isEqualTo("\uFEFF數(N)\r\n1\r\n" + "\r\n乙表\r\n數(N)\r\n2\r\n" + "\r\n\"'=丙表 Table, C\"\r\n數(N)\r\n");
    }

    @Property(tries = 300)
    void anyTextReadsBackAsWritten(
            @ForAll @Size(min = 1, max = 4)
                    List<
                                    @StringLength(max = 12) @CharRange(from = ' ', to = '~')
                                    @Chars({'"', ',', '\r', '\n', '\t', '中', '文'}) String>
                            texts)
            throws IOException {
        var columns = new ArrayList<Column>();
        for (int i = 0; i < texts.size(); i++) {
            columns.add(new Column("c" + i, "欄" + i, "C" + i, Column.Kind.TEXT));
        }
        var out = new ByteArrayOutputStream();
        try (var report = new CsvReportWriter(out)) {
            report.sheet(new Sheet("p", "屬性", "Property", List.of(), columns), rows -> rows.row(texts));
        }

        List<List<String>> records = parse(out.toString(StandardCharsets.UTF_8).substring(1));
        assertThat(records).hasSize(2);
        var expected =
                texts.stream().map(t -> Cells.formulaLike(t) ? "'" + t : t).toList();
        assertThat(records.get(1)).isEqualTo(expected);
    }

    /** A strict RFC 4180 reader: CRLF-terminated records, fields quoted or not. */
    private static List<List<String>> parse(String csv) {
        var records = new ArrayList<List<String>>();
        var record = new ArrayList<String>();
        var field = new StringBuilder();
        int i = 0;
        while (i < csv.length()) {
            if (csv.charAt(i) == '"') {
                i++;
                while (true) {
                    char c = csv.charAt(i++);
                    if (c == '"') {
                        if (i < csv.length() && csv.charAt(i) == '"') {
                            field.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        field.append(c);
                    }
                }
            }
            while (i < csv.length() && csv.charAt(i) != ',' && !csv.startsWith("\r\n", i)) {
                char c = csv.charAt(i++);
                assertThat(c)
                        .as("bare quote or line break in an unquoted field")
                        .isNotIn('"', '\r', '\n');
                field.append(c);
            }
            record.add(field.toString());
            field.setLength(0);
            if (csv.startsWith("\r\n", i)) {
                records.add(record);
                record = new ArrayList<>();
                i += 2;
            } else {
                i++; // the comma
            }
        }
        assertThat(record).as("last record ends in CRLF").isEmpty();
        return records;
    }
}
