package tw.gov.sms.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class CellsTest {

    @Test
    void formatsMoneyWithItsOwnDecimalsNeverRounding() {
        assertThat(show(Column.Kind.MONEY, new BigDecimal("1234567.00"), false)).isEqualTo("1234567");
        assertThat(show(Column.Kind.MONEY, new BigDecimal("1234567.00"), true)).isEqualTo("1,234,567");
        assertThat(show(Column.Kind.MONEY, new BigDecimal("0.7125"), true)).isEqualTo("0.7125");
        assertThat(show(Column.Kind.MONEY, new BigDecimal("1000.5"), true)).isEqualTo("1,000.50");
        assertThat(show(Column.Kind.MONEY, new BigDecimal("0.700"), false)).isEqualTo("0.70");
        assertThat(show(Column.Kind.MONEY, new BigDecimal("-1000"), true)).isEqualTo("-1,000");
        assertThat(show(Column.Kind.MONEY, new BigDecimal("1E+3"), false)).isEqualTo("1000");
    }

    @Test
    void roundsDecimalsAndPercentagesHalfUpForDisplay() {
        assertThat(show(Column.Kind.DECIMAL, new BigDecimal("1.23456"), false)).isEqualTo("1.2346");
        assertThat(show(Column.Kind.DECIMAL, new BigDecimal("1.99999"), false)).isEqualTo("2");
        assertThat(show(Column.Kind.DECIMAL, new BigDecimal("12345.5"), true)).isEqualTo("12,345.5");
        assertThat(show(Column.Kind.PERCENT, new BigDecimal("0.9876"), false)).isEqualTo("98.76%");
        assertThat(show(Column.Kind.PERCENT, new BigDecimal("0.98765"), false)).isEqualTo("98.77%");
        assertThat(show(Column.Kind.PERCENT, 1, false)).isEqualTo("100.00%");
        assertThat(show(Column.Kind.INTEGER, 1234567, true)).isEqualTo("1,234,567");
        assertThat(show(Column.Kind.INTEGER, new BigDecimal("12.000"), false)).isEqualTo("12");
    }

    @Test
    void showsInstantsInTaipei() {
        var newYork = ZonedDateTime.of(2026, 12, 31, 23, 59, 59, 0, ZoneId.of("America/New_York"));
        assertThat(show(Column.Kind.DATE_TIME, newYork, false)).isEqualTo("2027-01-01 12:59:59");
        assertThat(show(Column.Kind.DATE, LocalDate.of(2026, 1, 2), false)).isEqualTo("2026-01-02");
        assertThat(show(Column.Kind.TEXT, null, false)).isEmpty();
    }

    @Test
    void refusesValuesThatWouldLoseMeaning() {
        assertThatThrownBy(() -> canonical(Column.Kind.MONEY, 0.7))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("column c (MONEY)")
                .hasMessageContaining("java.lang.Double");
        assertThatThrownBy(() -> canonical(Column.Kind.DATE_TIME, LocalDateTime.of(2026, 1, 1, 0, 0)))
                .hasMessageContaining("OffsetDateTime");
        assertThatThrownBy(() ->
                        canonical(Column.Kind.INTEGER, BigInteger.TWO.pow(53).add(BigInteger.ONE)))
                .hasMessageContaining("2^53");
        assertThatThrownBy(() -> canonical(Column.Kind.INTEGER, new BigDecimal("1.5")))
                .hasMessageContaining("whole");
        assertThatThrownBy(() -> canonical(Column.Kind.MONEY, new BigDecimal("1234567890123.456")))
                .hasMessageContaining("15 significant digits");
        assertThatThrownBy(() -> canonical(Column.Kind.TEXT, 42)).hasMessageContaining("CharSequence");
        assertThat(canonical(Column.Kind.INTEGER, BigInteger.TWO.pow(53))).isEqualTo(1L << 53);
    }

    @Test
    void recognisesFormulaLikeText() {
        assertThat(Cells.formulaLike("=1+1")).isTrue();
        assertThat(Cells.formulaLike("+886")).isTrue();
        assertThat(Cells.formulaLike("-1")).isTrue();
        assertThat(Cells.formulaLike("@x")).isTrue();
        assertThat(Cells.formulaLike("\tx")).isTrue();
        assertThat(Cells.formulaLike("\rx")).isTrue();
        assertThat(Cells.formulaLike("數位發展部")).isFalse();
        assertThat(Cells.formulaLike(" =1")).isFalse();
        assertThat(Cells.formulaLike("")).isFalse();
    }

    private static String show(Column.Kind kind, Object value, boolean grouping) {
        return Cells.text(kind, canonical(kind, value), grouping);
    }

    private static Object canonical(Column.Kind kind, Object value) {
        return Cells.canonical(new Column("c", "欄", "C", kind), value);
    }
}
