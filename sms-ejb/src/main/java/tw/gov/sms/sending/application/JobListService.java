package tw.gov.sms.sending.application;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import java.io.Serializable;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import tw.gov.sms.account.application.Audit;
import tw.gov.sms.account.domain.Actor;
import tw.gov.sms.account.infrastructure.jdbc.SightPredicate;
import tw.gov.sms.quota.application.QuotaSettings;
import tw.gov.sms.sending.domain.JobState;
import tw.gov.sms.sending.domain.MessageState;
import tw.gov.sms.sending.domain.SendJob;
import tw.gov.sms.sending.infrastructure.jdbc.MessageStore;
import tw.gov.sms.shared.domain.Msisdn;
import tw.gov.sms.shared.infrastructure.crypto.FieldCipher;
import tw.gov.sms.shared.infrastructure.crypto.FieldCipher.Purpose;

/**
 * What the portal's job pages need beyond {@link JobQueryService} (issue 8 item 3, R5.2), always within the
 * actor's sight (R6.4): a paged list of jobs filtered by state and acceptance day, newest first; a job's
 * messages counted per carrier and state; its recipients searched by the visible end of the masked number;
 * and a progress read for a page's periodic refresh.
 *
 * <p>Decisions: the list's progress comes from the usage rollup ({@code usage_daily}, kept by settlement
 * every few seconds), never from counting a page of jobs' messages, so listing stays cheap however large the
 * jobs. The refresh read re-checks visibility but records no audit event: the page's first read went through
 * {@link JobQueryService#find} ({@code JOB_READ}), and an event every five seconds would flood the trail and
 * queue on its head lock. A recipient search decrypts and masks every number of the job (numbers are stored
 * encrypted; the hash index only finds whole numbers) and compares the masked form, so it never reveals more
 * than the masked list shows.
 */
@Stateless
public class JobListService {

    /** The most jobs or messages one page may ask for. */
    public static final int MAX_PAGE = 500;

    private static final Pattern MASKED_SUFFIX = Pattern.compile("[0-9*]{1,10}");

    @Resource(lookup = "jdbc/sms")
    DataSource dataSource;

    @Inject
    JobQueryService jobs;

    @Inject
    MessageStore messages;

    @Inject
    FieldCipher cipher;

    @Inject
    Audit audit;

    /**
     * Which jobs to list.
     *
     * @param state only jobs in this state, or {@code null} for all
     * @param from first Taiwan calendar day of acceptance, inclusive, or {@code null}
     * @param to last Taiwan calendar day of acceptance, inclusive, or {@code null}
     */
    public record Filter(JobState state, LocalDate from, LocalDate to) implements Serializable {

        public static final Filter ALL = new Filter(null, null, null);
    }

    /**
     * One job in the list. {@code delivered} and {@code finalMessages} count the settled messages (seconds
     * behind the job page's live counts); {@code recipients} is the job's total.
     */
    public record JobRow(
            long id,
            OffsetDateTime acceptedAt,
            String channel,
            JobState state,
            int recipients,
            int segments,
            boolean test,
            String agency,
            long delivered,
            long finalMessages)
            implements Serializable {

        /** Whether the job may still change on its own (accepted or sending). */
        public boolean live() {
            return isLive(state);
        }
    }

    /** How many of a job's messages a carrier holds in one state; {@code carrier} is {@code null} before routing. */
    /** One page of a job's messages and how many match in all. */
    public record MessagePage(int total, List<MessageLine> items) {}

    /** Whether a job in this state may still change without anyone acting (accepted or sending). */
    public static boolean isLive(JobState state) {
        return state == JobState.ACCEPTED || state == JobState.RELEASED;
    }

    /** How many jobs within the actor's sight match the filter. */
    public int count(@NotNull Actor actor, @NotNull Filter filter) {
        List<Object> args = new ArrayList<>();
        String where = where(actor, filter, args);
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select count(*) from send_job j where true" + where)) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("counting jobs failed", e);
        }
    }

    /** A page of the jobs within the actor's sight that match the filter, newest first. */
    public List<JobRow> list(@NotNull Actor actor, @NotNull Filter filter, int offset, int limit) {
        List<Object> args = new ArrayList<>();
        String where = where(actor, filter, args);
        args.add(Math.max(0, offset));
        args.add(Math.min(Math.max(1, limit), MAX_PAGE));
        // usage_daily is keyed by (day, job, carrier): bounding the days to the job's life (acceptance to
        // completion, or today) lets the lookup use the key instead of scanning the rollup.
        String sql = "select j.id, j.accepted_at, j.channel, j.state, j.recipient_count, j.segment_count, j.test,"
                + " a.name, coalesce(u.delivered, 0), coalesce(u.done, 0)"
                + " from send_job j join agency a on a.id = j.agency_id"
                + " left join lateral (select sum(x.delivered_messages) as delivered, sum(x.messages) as done"
                + " from usage_daily x where x.job_id = j.id"
                + " and x.day >= (j.accepted_at at time zone 'Asia/Taipei')::date"
                + " and x.day <= (coalesce(j.completed_at, now()) at time zone 'Asia/Taipei')::date) u on true"
                + " where true" + where + " order by j.accepted_at desc, j.id desc offset ? limit ?";
        List<JobRow> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new JobRow(
                            rs.getLong(1),
                            rs.getObject(2, OffsetDateTime.class),
                            rs.getString(3),
                            JobState.valueOf(rs.getString(4)),
                            rs.getInt(5),
                            rs.getInt(6),
                            rs.getBoolean(7),
                            rs.getString(8),
                            rs.getLong(9),
                            rs.getLong(10)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("listing jobs failed", e);
        }
    }

    /**
     * The job's status as {@link JobQueryService#find} builds it, for a page that already showed the job and
     * refreshes it: visibility is checked again, nothing is audited (see the class comment).
     *
     * @throws JobNotFoundException if there is no such job within the actor's sight
     */
    public JobView progress(long jobId, @NotNull Actor actor) {
        return jobs.refresh(jobId, actor);
    }

    /**
     * A page of the job's messages whose masked number ends with {@code maskedSuffix} (e.g. {@code 678} or
     * {@code ***678}), optionally in one state, in recipient order, with how many match in all. Audited as
     * {@code RECORDS_READ}, like {@link JobQueryService#messages}.
     *
     * @param maskedSuffix 1 to 10 digits or {@code *}, compared with the end of the masked number
     * @throws IllegalArgumentException if {@code maskedSuffix} is not of that form
     * @throws JobNotFoundException if there is no such job within the actor's sight
     */
    public MessagePage search(
            long jobId, @NotNull Actor actor, MessageState state, @NotNull String maskedSuffix, int offset, int limit) {
        String suffix = maskedSuffix.strip();
        if (!MASKED_SUFFIX.matcher(suffix).matches()) {
            throw new IllegalArgumentException("a masked number suffix is 1 to 10 digits or '*'");
        }
        int first = Math.max(0, offset);
        int size = Math.min(Math.max(1, limit), MAX_PAGE);
        SendJob job = jobs.visibleJob(jobId, actor);
        List<Long> page = new ArrayList<>();
        int total = 0;
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("select id, msisdn_cipher from message"
                    + " where job_id = ? and accepted_at = ?" + (state == null ? "" : " and state = ?")
                    + " order by seq")) {
                ps.setFetchSize(2000);
                ps.setLong(1, jobId);
                ps.setObject(2, job.getAcceptedAt());
                if (state != null) {
                    ps.setString(3, state.name());
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (masked(rs.getBytes(2)).endsWith(suffix)) {
                            if (total >= first && page.size() < size) {
                                page.add(rs.getLong(1));
                            }
                            total++;
                        }
                    }
                }
            }
            List<MessageLine> items = page.isEmpty() ? List.of() : lines(c, job, page);
            audit.success(
                    actor,
                    "RECORDS_READ",
                    "job:" + jobId,
                    "state=" + state + " suffix=" + suffix + " offset=" + first + " limit=" + size);
            return new MessagePage(total, items);
        } catch (SQLException e) {
            throw new IllegalStateException("searching job " + jobId + " failed", e);
        }
    }

    private List<MessageLine> lines(Connection c, SendJob job, List<Long> ids) throws SQLException {
        Map<Long, List<String>> carrierIds = messages.carrierIdsOf(ids, job.getAcceptedAt());
        List<MessageLine> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select id, seq, msisdn_cipher, state, carrier, route_reason,"
                + " segments, delivered_segments, queued_at, submitted_at, final_at, error_code, error_detail, attempts"
                + " from message where job_id = ? and accepted_at = ? and id = any(?) order by seq")) {
            Array array = c.createArrayOf("bigint", ids.toArray());
            ps.setLong(1, job.getId());
            ps.setObject(2, job.getAcceptedAt());
            ps.setArray(3, array);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long id = rs.getLong(1);
                    OffsetDateTime submittedAt = rs.getObject(10, OffsetDateTime.class);
                    out.add(new MessageLine(
                            id,
                            rs.getInt(2),
                            masked(rs.getBytes(3)),
                            MessageState.valueOf(rs.getString(4)),
                            rs.getString(5),
                            rs.getString(6),
                            rs.getInt(7),
                            rs.getInt(8),
                            carrierIds.getOrDefault(id, List.of()),
                            rs.getObject(9, OffsetDateTime.class),
                            submittedAt,
                            rs.getObject(11, OffsetDateTime.class),
                            rs.getString(12),
                            rs.getString(13),
                            rs.getInt(14)));
                }
            }
            array.free();
        }
        return out;
    }

    private String masked(byte[] msisdnCipher) {
        return Msisdn.of(cipher.decrypt(msisdnCipher, Purpose.MSISDN)).masked();
    }

    /**
     * The filter and the actor's sight as SQL on {@code send_job j}: the same rule as {@link Actor#canSee} and
     * the dashboard's scope (administrators everything, a group administrator the group, a user their own
     * jobs, an agency's system its agency's).
     */
    private static String where(Actor actor, Filter filter, List<Object> args) {
        StringBuilder sql = new StringBuilder(SightPredicate.and(actor, "j", args));
        if (filter.state() != null) {
            sql.append(" and j.state = ?");
            args.add(filter.state().name());
        }
        if (filter.from() != null) {
            sql.append(" and j.accepted_at >= ?");
            args.add(filter.from().atStartOfDay(QuotaSettings.TAIWAN).toOffsetDateTime());
        }
        if (filter.to() != null) {
            sql.append(" and j.accepted_at < ?");
            args.add(filter.to().plusDays(1).atStartOfDay(QuotaSettings.TAIWAN).toOffsetDateTime());
        }
        return sql.toString();
    }

    private static void bind(PreparedStatement ps, List<Object> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            ps.setObject(i + 1, args.get(i));
        }
    }
}
