package tw.gov.sms.notification.domain;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One account's notification preferences: per stage portal and e-mail, and the failure threshold in percent of
 * the job's final messages (1–100). Stages without a stored preference take the defaults of {@link Stage}.
 *
 * @param thresholdPercent the threshold in effect (the account's own, or the platform default)
 * @param ownThreshold whether the account set it itself ({@code false}: the platform default applies)
 */
public record Preferences(Map<Stage, StagePreference> stages, int thresholdPercent, boolean ownThreshold) {

    public static final int MIN_THRESHOLD = 1;
    public static final int MAX_THRESHOLD = 100;

    public Preferences {
        Objects.requireNonNull(stages, "stages");
        requireThreshold(thresholdPercent);
        Map<Stage, StagePreference> all = new EnumMap<>(Stage.class);
        for (Stage s : Stage.values()) {
            StagePreference p = stages.get(s);
            all.put(s, p == null ? StagePreference.defaultFor(s) : p);
        }
        stages = Map.copyOf(all);
    }

    /** The defaults of every stage and the platform's threshold. */
    public static Preferences defaults(int defaultThresholdPercent) {
        return new Preferences(Map.of(), defaultThresholdPercent, false);
    }

    public static void requireThreshold(int percent) {
        if (percent < MIN_THRESHOLD || percent > MAX_THRESHOLD) {
            throw new IllegalArgumentException("the failure threshold is a percentage from 1 to 100, not " + percent);
        }
    }

    public StagePreference of(Stage stage) {
        return stages.get(stage);
    }

    /** Every stage in declaration order, for forms and JSON. */
    public List<StagePreference> inOrder() {
        List<StagePreference> out = new ArrayList<>();
        for (Stage s : Stage.values()) {
            out.add(stages.get(s));
        }
        return out;
    }
}
