package tw.gov.sms.carrier.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SubmitRateTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void hasNoRateUntilTheSecondReading() {
        SubmitRate rate = new SubmitRate(Duration.ofSeconds(2));
        assertThat(rate.sample(100, 0)).isEmpty();
    }

    @Test
    void dividesTheSubmitsBetweenTwoReadingsByTheTimeBetweenThem() {
        SubmitRate rate = new SubmitRate(Duration.ofSeconds(2));
        rate.sample(100, 0);
        assertThat(rate.sample(1_100, 4 * SECOND)).hasValue(250.0);
        assertThat(rate.sample(1_100, 9 * SECOND)).hasValue(0.0);
    }

    @Test
    void keepsThePreviousRateForReadingsCloserThanTheInterval() {
        SubmitRate rate = new SubmitRate(Duration.ofSeconds(2));
        rate.sample(0, 0);
        assertThat(rate.sample(500, 5 * SECOND)).hasValue(100.0);
        // Another viewer half a second later: same rate, and the next full interval counts from 5 s.
        assertThat(rate.sample(9_999, 5 * SECOND + SECOND / 2)).hasValue(100.0);
        assertThat(rate.sample(1_500, 10 * SECOND)).hasValue(200.0);
    }

    @Test
    void startsAgainWhenTheCountGoesDown() {
        SubmitRate rate = new SubmitRate(Duration.ofSeconds(1));
        rate.sample(1_000, 0);
        assertThat(rate.sample(10, 3 * SECOND)).isEmpty();
        assertThat(rate.sample(40, 6 * SECOND)).hasValue(10.0);
    }

    @Test
    void refusesANonPositiveInterval() {
        assertThatThrownBy(() -> new SubmitRate(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void countsReconnectsAsBindAttemptsBeyondTheFirstOfEachBind() {
        assertThat(CarrierLinkMonitor.reconnects(0, 2)).isZero();
        assertThat(CarrierLinkMonitor.reconnects(2, 2)).isZero();
        assertThat(CarrierLinkMonitor.reconnects(7, 2)).isEqualTo(5);
    }
}
