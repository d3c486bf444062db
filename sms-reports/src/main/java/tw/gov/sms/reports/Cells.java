package tw.gov.sms.reports;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * The value rules, written once for all three formats: which Java values a column kind accepts, their canonical form,
 * and how they read as text (csv and PDF; xlsx shows the same through its number formats).
 *
 * <p>Canonical forms: TEXT {@link String}; INTEGER {@link Long}; DECIMAL, MONEY and PERCENT {@link BigDecimal}; DATE
 * {@link LocalDate}; DATE_TIME {@link LocalDateTime} in Asia/Taipei, truncated to the second.
 */
final class Cells {

    static final ZoneId TAIPEI = ZoneId.of("Asia/Taipei");

    /** DECIMAL shows at most this many decimals (rounded half up), trailing zeros dropped. */
    static final int DECIMAL_PLACES = 4;

    /** PERCENT shows this many decimals of the percentage: 0.98765 is 98.77%. */
    static final int PERCENT_PLACES = 2;

    /** Spreadsheets store numbers as IEEE doubles: integers are exact up to 2^53, any number to 15 digits. */
    private static final BigInteger MAX_EXACT_INTEGER = BigInteger.ONE.shiftLeft(53);

    private static final int MAX_EXACT_DIGITS = 15;
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");

    private Cells() {}

    /**
     * The canonical form of {@code value} for {@code column}, or {@code null} for an empty cell.
     *
     * @throws IllegalArgumentException if the kind does not accept the value
     */
    static Object canonical(Column column, Object value) {
        if (value == null) {
            return null;
        }
        return switch (column.kind()) {
            case TEXT -> value instanceof CharSequence text ? text.toString() : refuse(column, value, "a CharSequence");
            case INTEGER -> integer(column, value);
            case DECIMAL, PERCENT -> decimal(column, value);
            case MONEY -> money(column, value);
            case DATE -> value instanceof LocalDate date ? date : refuse(column, value, "a LocalDate");
            case DATE_TIME -> dateTime(column, value);
        };
    }

    /**
     * How {@code value} (canonical) reads as text; {@code ""} for {@code null}. With {@code grouping}, INTEGER,
     * DECIMAL and MONEY get thousands separators (PDF); without, they are plain digits (csv).
     */
    static String text(Column.Kind kind, Object value, boolean grouping) {
        if (value == null) {
            return "";
        }
        return switch (kind) {
            case TEXT -> (String) value;
            case INTEGER -> grouping ? group(value.toString()) : value.toString();
            case DECIMAL, MONEY -> {
                String plain = shown(kind, (BigDecimal) value).toPlainString();
                yield grouping ? group(plain) : plain;
            }
            case PERCENT -> shown(kind, (BigDecimal) value).toPlainString() + "%";
            case DATE -> DATE.format((LocalDate) value);
            case DATE_TIME -> DATE_TIME.format((LocalDateTime) value);
        };
    }

    /**
     * The number as shown, with exactly the decimals shown: DECIMAL rounded half up to {@value #DECIMAL_PLACES} places
     * with trailing zeros dropped; MONEY exact, whole dollars without decimals and anything else with at least two
     * ({@code 0.70}, {@code 0.7125}); PERCENT times 100 rounded half up to {@value #PERCENT_PLACES} places.
     */
    static BigDecimal shown(Column.Kind kind, BigDecimal value) {
        BigDecimal shown = switch (kind) {
            case DECIMAL -> value.setScale(DECIMAL_PLACES, RoundingMode.HALF_UP).stripTrailingZeros();
            case MONEY -> {
                BigDecimal exact = value.stripTrailingZeros();
                yield exact.scale() == 1 ? exact.setScale(2) : exact;
            }
            case PERCENT -> value.multiply(HUNDRED).setScale(PERCENT_PLACES, RoundingMode.HALF_UP);
            default -> throw new IllegalArgumentException(kind + " is not a decimal kind");
        };
        return shown.scale() < 0 ? shown.setScale(0) : shown;
    }

    /**
     * Whether a spreadsheet could take this text for a formula (CWE-1236): it starts with {@code = + - @}, a tab or a
     * carriage return.
     */
    static boolean formulaLike(String text) {
        return !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0;
    }

    private static Long integer(Column column, Object value) {
        BigInteger big;
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            big = BigInteger.valueOf(((Number) value).longValue());
        } else if (value instanceof BigInteger b) {
            big = b;
        } else if (value instanceof BigDecimal d && d.stripTrailingZeros().scale() <= 0) {
            big = d.toBigIntegerExact();
        } else {
            return refuse(column, value, "a whole Long, Integer, BigInteger or BigDecimal");
        }
        if (big.abs().compareTo(MAX_EXACT_INTEGER) > 0) {
            throw new IllegalArgumentException(
                    where(column) + big + " is beyond ±2^53 and would not stay exact in a spreadsheet; use TEXT");
        }
        return big.longValueExact();
    }

    private static BigDecimal decimal(Column column, Object value) {
        if (value instanceof BigDecimal d) {
            return d;
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return BigDecimal.valueOf(((Number) value).longValue());
        }
        if (value instanceof BigInteger b) {
            return new BigDecimal(b);
        }
        // Refusing Double and Float keeps binary fractions (0.1 + 0.2) out of money and rates.
        return refuse(column, value, "a BigDecimal or an integer type (not double)");
    }

    private static BigDecimal money(Column column, Object value) {
        BigDecimal money = decimal(column, value);
        if (money.stripTrailingZeros().precision() > MAX_EXACT_DIGITS) {
            throw new IllegalArgumentException(where(column) + money.toPlainString() + " has more than "
                    + MAX_EXACT_DIGITS + " significant digits and would not stay exact in a spreadsheet");
        }
        return money;
    }

    private static LocalDateTime dateTime(Column column, Object value) {
        LocalDateTime local;
        if (value instanceof Instant instant) {
            local = LocalDateTime.ofInstant(instant, TAIPEI);
        } else if (value instanceof OffsetDateTime offset) {
            local = offset.atZoneSameInstant(TAIPEI).toLocalDateTime();
        } else if (value instanceof ZonedDateTime zoned) {
            local = zoned.withZoneSameInstant(TAIPEI).toLocalDateTime();
        } else {
            // A LocalDateTime is refused too: without a zone, which instant it means is a guess.
            return refuse(column, value, "an Instant, OffsetDateTime or ZonedDateTime");
        }
        return local.truncatedTo(ChronoUnit.SECONDS);
    }

    private static <T> T refuse(Column column, Object value, String expected) {
        throw new IllegalArgumentException(where(column) + "expected " + expected + ", got "
                + value.getClass().getName());
    }

    private static String where(Column column) {
        return "column " + column.key() + " (" + column.kind() + "): ";
    }

    /** Inserts thousands separators into a plain decimal string such as {@code -1234567.89}. */
    private static String group(String plain) {
        int start = plain.startsWith("-") ? 1 : 0;
        int point = plain.indexOf('.');
        int end = point < 0 ? plain.length() : point;
        var sb = new StringBuilder(plain.length() + (end - start) / 3);
        sb.append(plain, 0, start);
        for (int i = start; i < end; i++) {
            if (i > start && (end - i) % 3 == 0) {
                sb.append(',');
            }
            sb.append(plain.charAt(i));
        }
        return sb.append(plain, end, plain.length()).toString();
    }
}
