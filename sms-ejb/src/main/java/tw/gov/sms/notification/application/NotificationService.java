package tw.gov.sms.notification.application;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import tw.gov.sms.account.application.Audit;
import tw.gov.sms.account.domain.Actor;
import tw.gov.sms.notification.domain.Notification;
import tw.gov.sms.notification.domain.Preferences;
import tw.gov.sms.notification.domain.StagePreference;
import tw.gov.sms.notification.infrastructure.jdbc.NotificationStore;

/**
 * A person's notification centre (portal and {@code GET /api/v1/notifications}): their own notices, newest first,
 * read marks and preferences. Only persons have notifications; an agency system's actor is refused. A person only
 * ever reads and changes their own rows (the account id comes from the actor, never from the request). Preference
 * changes are audited; reading one's own notices and marking them read are not (they reveal nothing beyond what
 * the job pages already audit, and the badge reads on every page).
 */
@Stateless
public class NotificationService {

    /** At most this many per page. */
    public static final int MAX_PAGE = 200;

    @Resource(lookup = "jdbc/sms")
    DataSource dataSource;

    @Inject
    NotificationSettings settings;

    @Inject
    Audit audit;

    private final NotificationStore store = new NotificationStore();

    public List<Notification> list(@NotNull Actor actor, int offset, int limit) {
        long account = person(actor);
        try (Connection c = dataSource.getConnection()) {
            return store.list(c, account, offset, Math.min(Math.max(1, limit), MAX_PAGE));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Unread notices shown in the portal; 0 for an actor who is not a person. */
    public long unread(@NotNull Actor actor) {
        if (!actor.isUser() || actor.accountId() == null) {
            return 0;
        }
        try (Connection c = dataSource.getConnection()) {
            return store.unread(c, actor.accountId());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public boolean markRead(@NotNull Actor actor, long id) {
        long account = person(actor);
        try (Connection c = dataSource.getConnection()) {
            return store.markRead(c, account, id);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public int markAllRead(@NotNull Actor actor) {
        long account = person(actor);
        try (Connection c = dataSource.getConnection()) {
            return store.markAllRead(c, account);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public Preferences preferences(@NotNull Actor actor) {
        long account = person(actor);
        try (Connection c = dataSource.getConnection()) {
            return store.preferences(c, account, settings.failureThresholdPercent());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Stores the person's preferences: every stage given, and the threshold ({@code null}: the platform default).
     *
     * @throws IllegalArgumentException if the threshold is not 1–100
     */
    public Preferences save(@NotNull Actor actor, @NotNull List<StagePreference> stages, Integer thresholdPercent) {
        long account = person(actor);
        if (thresholdPercent != null) {
            Preferences.requireThreshold(thresholdPercent);
        }
        try (Connection c = dataSource.getConnection()) {
            store.save(c, account, stages, thresholdPercent);
            audit.success(
                    actor, "NOTIFICATION_PREFERENCES_CHANGE", "account:" + account, describe(stages, thresholdPercent));
            return store.preferences(c, account, settings.failureThresholdPercent());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public int defaultThresholdPercent() {
        return settings.failureThresholdPercent();
    }

    private static long person(Actor actor) {
        if (!actor.isUser() || actor.accountId() == null) {
            throw new IllegalArgumentException("notifications belong to persons, not to agency systems");
        }
        return actor.accountId();
    }

    private static String describe(List<StagePreference> stages, Integer threshold) {
        StringBuilder b = new StringBuilder();
        for (StagePreference s : stages) {
            b.append(s.stage())
                    .append("=portal:")
                    .append(s.portal())
                    .append(",email:")
                    .append(s.email())
                    .append(' ');
        }
        return b.append("threshold=")
                .append(threshold == null ? "default" : threshold + "%")
                .toString();
    }
}
