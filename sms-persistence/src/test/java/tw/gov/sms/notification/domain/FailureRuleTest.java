package tw.gov.sms.notification.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class FailureRuleTest {

    @Test
    void exactlyTheThresholdIsNotOverIt() {
        assertThat(FailureRule.over(5, 50, 10)).isFalse();
        assertThat(FailureRule.over(6, 50, 10)).isTrue();
        assertThat(FailureRule.over(1, 10, 10)).isFalse();
        assertThat(FailureRule.over(1, 4, 10)).isTrue();
    }

    @Test
    void nothingFinalIsNeverOver() {
        assertThat(FailureRule.over(0, 0, 1)).isFalse();
        assertThat(FailureRule.percent(0, 0)).isZero();
    }

    @Test
    void aHundredPercentIsNeverExceeded() {
        assertThat(FailureRule.over(7, 7, 100)).isFalse();
    }

    @Test
    void refusesThresholdsOutsideOneToAHundredAndImpossibleCounts() {
        assertThatThrownBy(() -> FailureRule.over(1, 2, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FailureRule.over(1, 2, 101)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FailureRule.over(3, 2, 10)).isInstanceOf(IllegalArgumentException.class);
    }

    @Property
    void agreesWithExactFractions(
            @ForAll @LongRange(min = 0, max = 1_000_000) long failed,
            @ForAll @LongRange(min = 1, max = 1_000_000) long extra,
            @ForAll @IntRange(min = 1, max = 100) int threshold) {
        long finals = failed + extra - 1;
        if (finals == 0) {
            return;
        }
        boolean exact = new java.math.BigDecimal(failed)
                        .divide(new java.math.BigDecimal(finals), java.math.MathContext.DECIMAL128)
                        .compareTo(new java.math.BigDecimal(threshold).movePointLeft(2))
                > 0;
        assertThat(FailureRule.over(failed, finals, threshold)).isEqualTo(exact);
    }
}
