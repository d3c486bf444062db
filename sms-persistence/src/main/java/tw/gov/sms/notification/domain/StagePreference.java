package tw.gov.sms.notification.domain;

import java.util.Objects;

/** Whether one stage is shown in the portal's notification centre and whether it is mailed, for one account. */
public record StagePreference(Stage stage, boolean portal, boolean email) {

    public StagePreference {
        Objects.requireNonNull(stage, "stage");
    }

    /** The platform's default for the stage (docs/notifications.md). */
    public static StagePreference defaultFor(Stage stage) {
        return new StagePreference(stage, stage.portalByDefault(), stage.emailByDefault());
    }
}
