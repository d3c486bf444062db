package tw.gov.sms.notification.infrastructure.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import tw.gov.sms.notification.domain.Notification;
import tw.gov.sms.notification.domain.Preferences;
import tw.gov.sms.notification.domain.Stage;
import tw.gov.sms.notification.domain.StagePreference;

/**
 * Notifications through plain JDBC on the caller's connection (and so in the caller's transaction): the set-based
 * scan that turns job and upload stages into notifications, the mail queue, and what a person reads and sets.
 *
 * <p>The scan never touches a hot path: it reads the timestamps the message path already writes ({@code
 * send_job.accepted_at}, {@code released_at}, {@code completed_at}, {@code file_upload.decided_at}), only of jobs
 * whose latest stage is newer than the scan's horizon (now minus the window, and never before notifications were
 * introduced: {@code notification_epoch}), through the expression index of V12. Every insert ends in {@code on
 * conflict do nothing} against the unique (account, job or upload, stage) indexes, so two instances scanning at
 * once, or a restarted one scanning again, notify each stage once.
 */
public class NotificationStore {

    /** Horizon of the scan: the window, but never before notifications existed. */
    private static final String HORIZON = "with w as (select greatest(now() - make_interval(hours => ?), e.started_at)"
            + " as since from notification_epoch e)";

    private static final String COLUMNS = "n.id, n.account_id, n.stage, n.job_id, n.upload_id, n.stage_at, n.read_at,"
            + " coalesce(n.recipients, 0), coalesce(n.delivered, 0), coalesce(n.failed, 0), coalesce(n.expired, 0),"
            + " n.threshold_percent, n.file_name, coalesce(n.problem_count, 0)";

    /** What one scan inserted, per stage. */
    public record ScanResult(int accepted, int started, int finished, int failures, int rejected) {
        public int total() {
            return accepted + started + finished + failures + rejected;
        }
    }

    /** A notification claimed for mailing, with the account's address and status as they are now. */
    public record MailWork(Notification notification, String email, String accountStatus, int attempt) {}

    /**
     * Finds the stages that happened since the horizon and records each once per account, with the account's
     * preferences of that moment.
     *
     * @param windowHours how far back stage times are looked at (a server down longer misses them)
     * @param defaultThreshold the failure threshold of accounts that set none
     * @param minFinalWhileSending a job still sending is checked for failures only once this many of its messages
     *     are final (settled); a finished job is always checked
     */
    public ScanResult scan(Connection c, int windowHours, int defaultThreshold, int minFinalWhileSending)
            throws SQLException {
        int accepted = jobStage(c, windowHours, Stage.ACCEPTED, "j.accepted_at");
        int started = jobStage(c, windowHours, Stage.STARTED, "j.released_at");
        int[] finished = finished(c, windowHours, defaultThreshold);
        int failures = finished[1] + failuresWhileSending(c, windowHours, defaultThreshold, minFinalWhileSending);
        int rejected = rejectedUploads(c, windowHours);
        return new ScanResult(accepted, started, finished[0], failures, rejected);
    }

    /** ACCEPTED or STARTED: a timestamp of the job, the job's recipients. */
    private int jobStage(Connection c, int windowHours, Stage stage, String stageAt) throws SQLException {
        String sql = HORIZON
                + " insert into notification (account_id, job_id, stage, stage_at, portal, recipients, mail_state,"
                + " mail_next_at)"
                + " select j.account_id, j.id, ?, " + stageAt + ", " + portal() + ", j.recipient_count, " + mail()
                + " from send_job j cross join w"
                + " left join notification_preference p on p.account_id = j.account_id and p.stage = ?"
                + " where j.account_id is not null"
                + " and coalesce(j.completed_at, j.released_at, j.accepted_at) > w.since"
                + " and " + stageAt + " > w.since"
                // Jobs already notified are left out before inserting: every tick would otherwise probe the
                // unique index (and draw an identity value) for every job of the window.
                + " and not exists (select 1 from notification n where n.account_id = j.account_id"
                + " and n.job_id = j.id and n.stage = ?)"
                + " on conflict do nothing";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            ps.setInt(i++, windowHours);
            ps.setString(i++, stage.name());
            i = bindDefaults(ps, i, stage);
            ps.setString(i++, stage.name());
            ps.setString(i, stage.name());
            return ps.executeUpdate();
        }
    }

    /**
     * FINISHED for jobs completed since the horizon, with the exact counts of their messages (read once per job:
     * jobs already notified are left out before the counts are taken), and FAILURES for those over the threshold.
     */
    private int[] finished(Connection c, int windowHours, int defaultThreshold) throws SQLException {
        String sql = HORIZON + ","
                + " done as (select j.id, j.account_id, j.completed_at, j.recipient_count, k.delivered, k.failed,"
                + " k.expired, coalesce(s.failure_threshold_percent, ?) as threshold"
                // The jobs to count are chosen first, behind "offset 0", which the planner cannot see through. Left
                // to join freely, the generic plan PostgreSQL settles on after a few scans counted the messages of
                // every completed job and filtered by time afterwards: 20,000,000 rows, 11.7 s, every 5 s
                // (docs/benchmarks.md, portal).
                + " from (select j.* from send_job j cross join w"
                + " where j.account_id is not null and j.state = 'COMPLETED'"
                + " and coalesce(j.completed_at, j.released_at, j.accepted_at) > w.since and j.completed_at > w.since"
                + " and not exists (select 1 from notification n where n.account_id = j.account_id"
                + " and n.job_id = j.id and n.stage = 'FINISHED') offset 0) j"
                + " left join notification_setting s on s.account_id = j.account_id"
                + " cross join lateral (select count(*) filter (where m.state = 'DELIVERED') as delivered,"
                + " count(*) filter (where m.state in ('UNDELIVERED', 'REJECTED', 'FAILED')) as failed,"
                + " count(*) filter (where m.state = 'EXPIRED') as expired"
                + " from message m where m.job_id = j.id and m.accepted_at = j.accepted_at) k),"
                + " fin as (insert into notification (account_id, job_id, stage, stage_at, portal, recipients,"
                + " delivered, failed, expired, mail_state, mail_next_at)"
                + " select d.account_id, d.id, 'FINISHED', d.completed_at, " + portal()
                + ", d.recipient_count, d.delivered, d.failed, d.expired, " + mail()
                + " from done d left join notification_preference p on p.account_id = d.account_id"
                + " and p.stage = 'FINISHED'"
                + " on conflict do nothing returning 1),"
                + " bad as (insert into notification (account_id, job_id, stage, stage_at, portal, recipients,"
                + " delivered, failed, expired, threshold_percent, mail_state, mail_next_at)"
                + " select d.account_id, d.id, 'FAILURES', d.completed_at, " + portal()
                + ", d.recipient_count, d.delivered, d.failed, d.expired, d.threshold, " + mail()
                + " from done d left join notification_preference p on p.account_id = d.account_id"
                + " and p.stage = 'FAILURES'"
                + " where (d.failed + d.expired) * 100 > d.threshold * (d.delivered + d.failed + d.expired)"
                + " on conflict do nothing returning 1)"
                + " select (select count(*) from fin), (select count(*) from bad)";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            ps.setInt(i++, windowHours);
            ps.setInt(i++, defaultThreshold);
            i = bindDefaults(ps, i, Stage.FINISHED);
            bindDefaults(ps, i, Stage.FAILURES);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new int[] {rs.getInt(1), rs.getInt(2)};
            }
        }
    }

    /**
     * FAILURES for jobs still sending, from the settled counts of the daily rollup (kept by settlement seconds
     * after each message is final): a few rows per job instead of its messages.
     */
    private int failuresWhileSending(Connection c, int windowHours, int defaultThreshold, int minFinal)
            throws SQLException {
        String sql = HORIZON
                + " insert into notification (account_id, job_id, stage, stage_at, portal, recipients, delivered,"
                + " failed, expired, threshold_percent, mail_state, mail_next_at)"
                + " select j.account_id, j.id, 'FAILURES', now(), " + portal()
                + ", j.recipient_count, u.delivered, u.failed, u.expired, t.threshold, " + mail()
                + " from send_job j cross join w"
                + " left join notification_setting s on s.account_id = j.account_id"
                + " cross join lateral (select coalesce(s.failure_threshold_percent, ?) as threshold) t"
                + " cross join lateral (select coalesce(sum(x.delivered_messages), 0) as delivered,"
                + " coalesce(sum(x.undelivered_messages + x.failed_messages), 0) as failed,"
                + " coalesce(sum(x.expired_messages), 0) as expired"
                + " from usage_daily x where x.job_id = j.id"
                + " and x.day >= (j.accepted_at at time zone 'Asia/Taipei')::date"
                + " and x.day <= (now() at time zone 'Asia/Taipei')::date) u"
                + " left join notification_preference p on p.account_id = j.account_id and p.stage = 'FAILURES'"
                + " where j.account_id is not null and j.state = 'RELEASED'"
                + " and coalesce(j.completed_at, j.released_at, j.accepted_at) > w.since"
                + " and not exists (select 1 from notification n where n.account_id = j.account_id"
                + " and n.job_id = j.id and n.stage = 'FAILURES')"
                + " and u.delivered + u.failed + u.expired >= ?"
                + " and (u.failed + u.expired) * 100 > t.threshold * (u.delivered + u.failed + u.expired)"
                + " on conflict do nothing";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            ps.setInt(i++, windowHours);
            i = bindDefaults(ps, i, Stage.FAILURES);
            ps.setInt(i++, defaultThreshold);
            ps.setInt(i, Math.max(1, minFinal));
            return ps.executeUpdate();
        }
    }

    /**
     * REJECTED: a recipient file refused by validation. A person's upload (the portal's compose page) tells that
     * person; an agency system's (API client, SFTP) tells the agency's active group administrators.
     */
    private int rejectedUploads(Connection c, int windowHours) throws SQLException {
        String sql = HORIZON
                + " insert into notification (account_id, upload_id, stage, stage_at, portal, file_name, problem_count,"
                + " mail_state, mail_next_at)"
                + " select a.id, u.id, 'REJECTED', u.decided_at, " + portal() + ", u.file_name, u.problem_count, "
                + mail()
                + " from file_upload u cross join w"
                + " join account a on a.status = 'ACTIVE' and (a.id = u.account_id"
                + " or u.account_id is null and a.agency_id = u.agency_id and a.role = 'GROUP_ADMIN')"
                + " left join notification_preference p on p.account_id = a.id and p.stage = 'REJECTED'"
                + " where u.state = 'REJECTED' and u.decided_at > w.since"
                + " on conflict do nothing";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            ps.setInt(i++, windowHours);
            bindDefaults(ps, i, Stage.REJECTED);
            return ps.executeUpdate();
        }
    }

    /** The {@code portal} column from the preference row {@code p}, else the stage's default (2 parameters). */
    private static String portal() {
        return "coalesce(p.portal, ?)";
    }

    /** {@code mail_state, mail_next_at} from the preference row {@code p}, else the stage's default. */
    private static String mail() {
        return "case when coalesce(p.email, ?) then 'PENDING' else 'NONE' end,"
                + " case when coalesce(p.email, ?) then now() end";
    }

    private static int bindDefaults(PreparedStatement ps, int i, Stage stage) throws SQLException {
        ps.setBoolean(i++, stage.portalByDefault());
        ps.setBoolean(i++, stage.emailByDefault());
        ps.setBoolean(i++, stage.emailByDefault());
        return i;
    }

    // ---- mail queue ---------------------------------------------------------------------------------

    /**
     * Claims up to {@code limit} notifications due for mailing ({@code SKIP LOCKED}: instances never take the same
     * one), each for {@code leaseMinutes}: a claim whose outcome was never recorded (the instance died while
     * mailing) is taken again after its lease, so a notice is mailed at least once. Claims that already used
     * {@code maxAttempts} are given up as FAILED instead.
     */
    public List<MailWork> claimMails(Connection c, int limit, int leaseMinutes, int maxAttempts) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update notification set mail_state = 'FAILED',"
                + " mail_next_at = null, mail_error = coalesce(mail_error, 'no outcome recorded')"
                + " where mail_state = 'SENDING' and mail_next_at <= now() and mail_attempts >= ?")) {
            ps.setInt(1, maxAttempts);
            ps.executeUpdate();
        }
        String sql = "update notification n set mail_state = 'SENDING', mail_attempts = n.mail_attempts + 1,"
                + " mail_next_at = now() + make_interval(mins => ?)"
                + " from (select id from notification where mail_state in ('PENDING', 'SENDING')"
                + " and mail_next_at <= now() and mail_attempts < ? order by mail_next_at limit ?"
                + " for update skip locked) s, account a"
                + " where n.id = s.id and a.id = n.account_id"
                + " returning " + COLUMNS + ", a.email, a.status, n.mail_attempts";
        List<MailWork> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, leaseMinutes);
            ps.setInt(2, maxAttempts);
            ps.setInt(3, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new MailWork(notification(rs), rs.getString(15), rs.getString(16), rs.getInt(17)));
                }
            }
        }
        return out;
    }

    public void mailSent(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update notification set mail_state = 'SENT', mailed_at = now(),"
                + " mail_next_at = null, mail_error = null where id = ?")) {
            ps.setLong(1, id);
            ps.executeUpdate();
        }
    }

    /** Not mailed on purpose (the account is disabled or has no usable address). */
    public void mailSkipped(Connection c, long id, String reason) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update notification set mail_state = 'SKIPPED',"
                + " mail_next_at = null, mail_error = ? where id = ?")) {
            ps.setString(1, truncate(reason));
            ps.setLong(2, id);
            ps.executeUpdate();
        }
    }

    /**
     * The relay refused: tried again after {@code attempts} minutes, until {@code maxAttempts} attempts were made,
     * then FAILED for good. The error is kept either way.
     */
    public void mailFailed(Connection c, long id, String error, int maxAttempts) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update notification set"
                + " mail_state = case when mail_attempts >= ? then 'FAILED' else 'PENDING' end,"
                + " mail_next_at = case when mail_attempts >= ? then null"
                + " else now() + make_interval(mins => mail_attempts) end,"
                + " mail_error = ? where id = ?")) {
            ps.setInt(1, maxAttempts);
            ps.setInt(2, maxAttempts);
            ps.setString(3, truncate(error));
            ps.setLong(4, id);
            ps.executeUpdate();
        }
    }

    /** The mail outcome of one notification, e.g. {@code SENT} (for tests and support). */
    public String mailState(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select mail_state from notification where id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    // ---- the reader -----------------------------------------------------------------------------------

    /** The account's notifications shown in the portal, newest first. */
    public List<Notification> list(Connection c, long accountId, int offset, int limit) throws SQLException {
        String sql = "select " + COLUMNS + " from notification n where n.account_id = ? and n.portal"
                + " order by n.id desc offset ? limit ?";
        List<Notification> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, accountId);
            ps.setInt(2, Math.max(0, offset));
            ps.setInt(3, Math.max(1, limit));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(notification(rs));
                }
            }
        }
        return out;
    }

    public long unread(Connection c, long accountId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "select count(*) from notification where account_id = ? and portal and read_at is null")) {
            ps.setLong(1, accountId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Marks one of the account's notifications read; {@code false} if it has none with that id. */
    public boolean markRead(Connection c, long accountId, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "update notification set read_at = coalesce(read_at, now())" + " where id = ? and account_id = ?")) {
            ps.setLong(1, id);
            ps.setLong(2, accountId);
            return ps.executeUpdate() == 1;
        }
    }

    public int markAllRead(Connection c, long accountId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "update notification set read_at = now() where account_id = ? and portal and read_at is null")) {
            ps.setLong(1, accountId);
            return ps.executeUpdate();
        }
    }

    public Preferences preferences(Connection c, long accountId, int defaultThreshold) throws SQLException {
        Map<Stage, StagePreference> stages = new EnumMap<>(Stage.class);
        try (PreparedStatement ps =
                c.prepareStatement("select stage, portal, email from notification_preference where account_id = ?")) {
            ps.setLong(1, accountId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Stage s = Stage.valueOf(rs.getString(1));
                    stages.put(s, new StagePreference(s, rs.getBoolean(2), rs.getBoolean(3)));
                }
            }
        }
        Integer own = null;
        try (PreparedStatement ps =
                c.prepareStatement("select failure_threshold_percent from notification_setting where account_id = ?")) {
            ps.setLong(1, accountId);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    own = rs.getObject(1, Integer.class);
                }
            }
        }
        return new Preferences(stages, own != null ? own : defaultThreshold, own != null);
    }

    /**
     * Stores every stage's preference and the threshold ({@code null}: the platform default) of the account.
     */
    public void save(Connection c, long accountId, List<StagePreference> stages, Integer thresholdPercent)
            throws SQLException {
        if (thresholdPercent != null) {
            Preferences.requireThreshold(thresholdPercent);
        }
        try (PreparedStatement ps = c.prepareStatement("insert into notification_preference as p"
                + " (account_id, stage, portal, email) values (?, ?, ?, ?)"
                + " on conflict (account_id, stage) do update set portal = excluded.portal, email = excluded.email")) {
            for (StagePreference s : stages) {
                ps.setLong(1, accountId);
                ps.setString(2, s.stage().name());
                ps.setBoolean(3, s.portal());
                ps.setBoolean(4, s.email());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement("insert into notification_setting as s"
                + " (account_id, failure_threshold_percent) values (?, ?) on conflict (account_id)"
                + " do update set failure_threshold_percent = excluded.failure_threshold_percent")) {
            ps.setLong(1, accountId);
            if (thresholdPercent == null) {
                ps.setNull(2, Types.SMALLINT);
            } else {
                ps.setInt(2, thresholdPercent);
            }
            ps.executeUpdate();
        }
    }

    private static Notification notification(ResultSet rs) throws SQLException {
        return new Notification(
                rs.getLong(1),
                rs.getLong(2),
                Stage.valueOf(rs.getString(3)),
                rs.getObject(4, Long.class),
                rs.getObject(5, Long.class),
                rs.getObject(6, OffsetDateTime.class),
                rs.getObject(7, OffsetDateTime.class),
                rs.getLong(8),
                rs.getLong(9),
                rs.getLong(10),
                rs.getLong(11),
                rs.getObject(12, Integer.class),
                rs.getString(13),
                rs.getLong(14));
    }

    private static String truncate(String s) {
        if (s == null) {
            return null;
        }
        return s.length() <= 300 ? s : s.substring(0, 300);
    }
}
