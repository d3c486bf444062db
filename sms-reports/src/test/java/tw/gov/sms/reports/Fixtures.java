package tw.gov.sms.reports;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

/** A table with a column of every kind, and rows that exercise them. */
final class Fixtures {

    static final OffsetDateTime GENERATED_AT = OffsetDateTime.of(2026, 11, 1, 1, 0, 0, 0, ZoneOffset.UTC);

    static final List<Column> ALL_KINDS = List.of(
            new Column("agency", "機關", "Agency", Column.Kind.TEXT),
            new Column("sent", "發送則數", "Messages sent", Column.Kind.INTEGER),
            new Column("segments", "平均則數", "Average segments", Column.Kind.DECIMAL),
            new Column("fee", "費用", "Fee (NT$)", Column.Kind.MONEY),
            new Column("rate", "成功率", "Delivery rate", Column.Kind.PERCENT),
            new Column("day", "日期", "Date", Column.Kind.DATE),
            new Column("completed", "完成時間", "Completed at", Column.Kind.DATE_TIME));

    static final List<Object> FIRST = Arrays.asList(
            "數位發展部",
            12345L,
            new BigDecimal("1.5"),
            new BigDecimal("1234567"),
            new BigDecimal("0.9876"),
            LocalDate.of(2026, 10, 1),
            OffsetDateTime.of(2026, 10, 1, 1, 2, 3, 0, ZoneOffset.UTC));

    static final List<Object> FORMULA_LIKE =
            Arrays.asList("=1+1", 7, null, new BigDecimal("0.70"), null, null, Instant.parse("2026-10-31T16:30:00Z"));

    static final List<Object> TOTAL =
            Arrays.asList("合計 Total", 12352L, null, new BigDecimal("1234567.70"), null, null, null);

    /**
     * The CJK font this machine has for PDF tests. Without one the calling test is skipped, except on CI (the
     * environment variable {@code CI=true}), where a missing font is a failure: it would be one in production too.
     */
    static Path cjkFont() {
        try {
            return PdfReportWriter.defaultFont();
        } catch (IllegalStateException e) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("CI must have a CJK font for the PDF tests: " + e.getMessage());
            }
            assumeTrue(false, "PDF test skipped: " + e.getMessage());
            throw e;
        }
    }

    static Sheet statistics(String name) {
        return new Sheet(
                name,
                "簡訊發送統計表",
                "SMS sending statistics",
                List.of("機關 Agency: 數位發展部", "期間 Period: 2026-10"),
                ALL_KINDS);
    }

    private Fixtures() {}
}
