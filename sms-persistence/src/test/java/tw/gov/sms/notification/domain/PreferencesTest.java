package tw.gov.sms.notification.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PreferencesTest {

    @Test
    void defaultsShowEveryStageAndMailOnlyRejectionsFinishesAndFailures() {
        Preferences p = Preferences.defaults(10);
        assertThat(p.inOrder()).allMatch(StagePreference::portal);
        assertThat(p.inOrder().stream().filter(StagePreference::email).map(StagePreference::stage))
                .containsExactly(Stage.REJECTED, Stage.FINISHED, Stage.FAILURES);
        assertThat(p.thresholdPercent()).isEqualTo(10);
        assertThat(p.ownThreshold()).isFalse();
    }

    @Test
    void storedStagesOverrideTheDefaultsAndTheRestKeepThem() {
        Preferences p =
                new Preferences(Map.of(Stage.FINISHED, new StagePreference(Stage.FINISHED, false, false)), 25, true);
        assertThat(p.of(Stage.FINISHED).email()).isFalse();
        assertThat(p.of(Stage.FAILURES).email()).isTrue();
        assertThat(p.inOrder()).hasSize(Stage.values().length);
    }

    @Test
    void refusesAThresholdOutsideOneToAHundred() {
        assertThatThrownBy(() -> Preferences.defaults(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Preferences.defaults(101)).isInstanceOf(IllegalArgumentException.class);
    }
}
