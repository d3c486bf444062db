package tw.gov.sms.reports;

import java.util.Objects;

/**
 * One column of a report: a stable machine {@code key}, its heading in Traditional Chinese and in English, and the
 * {@link Kind} of value it holds, which decides how each format types, aligns and formats the cells.
 *
 * @param key stable identifier (e.g. {@code "delivered"}); not shown in the documents, unique within a sheet
 * @param zh heading in Traditional Chinese (e.g. {@code "成功則數"})
 * @param en heading in English (e.g. {@code "Delivered"}); may be empty
 * @param kind what the cells hold
 */
public record Column(String key, String zh, String en, Kind kind) {

    /** What a column holds, and which Java values it accepts (a {@code null} value is always an empty cell). */
    public enum Kind {
        /** Any {@link CharSequence}. */
        TEXT,
        /** {@link Integer}, {@link Long}, {@link Short}, {@link Byte}, {@link java.math.BigInteger}, or a whole
         * {@link java.math.BigDecimal}; magnitude at most 2<sup>53</sup> so a spreadsheet holds it exactly. */
        INTEGER,
        /** {@link java.math.BigDecimal} or an integer type; shown with at most four decimals. */
        DECIMAL,
        /** New Taiwan dollars as {@link java.math.BigDecimal} or an integer type; never rounded by the report: whole
         * dollars are shown without decimals, other amounts with their own (at least two). */
        MONEY,
        /** A fraction as {@link java.math.BigDecimal} ({@code 0.9876} is shown {@code 98.76%}). */
        PERCENT,
        /** {@link java.time.LocalDate}. */
        DATE,
        /** {@link java.time.Instant}, {@link java.time.OffsetDateTime} or {@link java.time.ZonedDateTime}; shown in
         * Asia/Taipei to the second. */
        DATE_TIME;

        /** Whether the cells are numbers (right-aligned, numeric cells in xlsx). */
        public boolean numeric() {
            return this == INTEGER || this == DECIMAL || this == MONEY || this == PERCENT;
        }
    }

    public Column {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(zh, "zh");
        Objects.requireNonNull(en, "en");
        Objects.requireNonNull(kind, "kind");
        if (key.isBlank()) {
            throw new IllegalArgumentException("column key must not be blank");
        }
    }
}
