package tw.gov.sms.reporting.interfaces.web;

import java.io.Serializable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import tw.gov.sms.reports.Column;
import tw.gov.sms.reports.ReportWriter;
import tw.gov.sms.reports.RowSink;
import tw.gov.sms.reports.Sheet;

/**
 * A report as the screen shows it: the same sheets the downloads contain, with their cells formatted as
 * text. It keeps at most {@link #LIMIT} rows per sheet (and says how many there were), so a long
 * per-message report never fills the session; the download has them all.
 */
public final class ScreenReport implements ReportWriter, Serializable {

    private static final long serialVersionUID = 1L;

    public static final int LIMIT = 500;

    private static final ZoneId TAIWAN = ZoneId.of("Asia/Taipei");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** One column header in both languages, and whether its cells are numbers (right-aligned). */
    public record Header(String zh, String en, boolean numeric) implements Serializable {}

    /** One table of the report. */
    public record Table(
            String titleZh,
            String titleEn,
            List<String> notes,
            List<Header> headers,
            List<List<String>> rows,
            List<List<String>> totals,
            long rowCount)
            implements Serializable {

        public boolean isTruncated() {
            return rowCount > rows.size();
        }
    }

    private final List<Table> tables = new ArrayList<>();

    public List<Table> getTables() {
        return tables;
    }

    @Override
    public void sheet(Sheet spec, Consumer<RowSink> rows) {
        List<Column> columns = spec.columns();
        List<List<String>> shown = new ArrayList<>();
        List<List<String>> totals = new ArrayList<>();
        long[] count = {0};
        rows.accept(new RowSink() {
            @Override
            public void row(List<?> values) {
                count[0]++;
                if (shown.size() < LIMIT) {
                    shown.add(format(columns, values));
                }
            }

            @Override
            public void total(List<?> values) {
                totals.add(format(columns, values));
            }
        });
        tables.add(new Table(
                spec.titleZh(),
                spec.titleEn(),
                List.copyOf(spec.notes()),
                columns.stream()
                        .map(c -> new Header(c.zh(), c.en(), c.kind().numeric()))
                        .toList(),
                shown,
                totals,
                count[0]));
    }

    @Override
    public void close() {
        // nothing to release: the rows are kept for the page
    }

    private static List<String> format(List<Column> columns, List<?> values) {
        List<String> out = new ArrayList<>(columns.size());
        for (int i = 0; i < columns.size(); i++) {
            out.add(cell(columns.get(i).kind(), i < values.size() ? values.get(i) : null));
        }
        return out;
    }

    static String cell(Column.Kind kind, Object value) {
        if (value == null) {
            return "";
        }
        return switch (kind) {
            case PERCENT ->
                ((BigDecimal) value)
                                .movePointRight(2)
                                .setScale(2, RoundingMode.HALF_UP)
                                .toPlainString()
                        + "%";
            case MONEY, DECIMAL, INTEGER ->
                value instanceof BigDecimal d ? grouped(d) : String.format("%,d", ((Number) value).longValue());
            case DATE -> ((LocalDate) value).toString();
            case DATE_TIME -> TIME.format(taiwan((TemporalAccessor) value));
            case TEXT -> value.toString();
        };
    }

    private static String grouped(BigDecimal d) {
        BigDecimal plain = d.stripTrailingZeros();
        if (plain.scale() <= 0) {
            return String.format("%,d", plain.longValueExact());
        }
        return String.format("%,." + plain.scale() + "f", plain);
    }

    private static ZonedDateTime taiwan(TemporalAccessor t) {
        if (t instanceof OffsetDateTime o) {
            return o.atZoneSameInstant(TAIWAN);
        }
        if (t instanceof ZonedDateTime z) {
            return z.withZoneSameInstant(TAIWAN);
        }
        return ((Instant) t).atZone(TAIWAN);
    }
}
