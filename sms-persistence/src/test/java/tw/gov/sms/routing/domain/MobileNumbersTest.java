package tw.gov.sms.routing.domain;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class MobileNumbersTest {

    @Property
    void keysRoundTrip(@ForAll @IntRange(min = 0, max = MobileNumbers.KEY_LIMIT - 1) int key) {
        assertThat(MobileNumbers.keyOf(MobileNumbers.nationalOf(key))).isEqualTo(key);
    }

    @Test
    void onlyTenDigitNumbersStartingWith09HaveAKey() {
        assertThat(MobileNumbers.keyOf("0912345678")).isEqualTo(12_345_678);
        assertThat(MobileNumbers.keyOf("0900000000")).isZero();
        assertThat(MobileNumbers.keyOf("0212345678")).isEqualTo(-1);
        assertThat(MobileNumbers.keyOf("091234567")).isEqualTo(-1);
        assertThat(MobileNumbers.keyOf("09123456789")).isEqualTo(-1);
        assertThat(MobileNumbers.keyOf("0912 45678")).isEqualTo(-1);
        assertThat(MobileNumbers.keyOf("+886912345")).isEqualTo(-1);
    }

    @Test
    void theMobileRangeStopsBefore099() {
        assertThat(MobileNumbers.isMobile("0989999999")).isTrue();
        assertThat(MobileNumbers.isMobile("0990000000")).isFalse();
        assertThat(MobileNumbers.isMobile("0212345678")).isFalse();
    }
}
