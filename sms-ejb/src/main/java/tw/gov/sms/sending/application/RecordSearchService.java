package tw.gov.sms.sending.application;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.io.Serializable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import tw.gov.sms.account.application.AccountException;
import tw.gov.sms.account.application.Audit;
import tw.gov.sms.account.domain.Actor;
import tw.gov.sms.account.domain.Permission;
import tw.gov.sms.account.infrastructure.jdbc.SightPredicate;
import tw.gov.sms.quota.application.QuotaSettings;
import tw.gov.sms.sending.domain.MessageState;
import tw.gov.sms.shared.domain.Msisdn;
import tw.gov.sms.shared.domain.MsisdnParser;
import tw.gov.sms.shared.domain.NumberParseResult;
import tw.gov.sms.shared.infrastructure.crypto.FieldCipher;
import tw.gov.sms.shared.infrastructure.crypto.NumberHasher;

/**
 * The portal's search of sending records (issue 8 item 5, R5.2): by number, period (Taiwan days, at most 31,
 * so that only the message partitions of the period are read), state, job and, for administrators, agency;
 * only ever within the actor's sight (R6.4). Numbers come back masked; {@link #reveal} shows one full number
 * and leaves an audit event for it.
 */
@Stateless
public class RecordSearchService {

    /** The longest period one search may cover, in days (both ends included). */
    public static final int MAX_DAYS = 31;

    @Resource(lookup = "jdbc/sms")
    DataSource dataSource;

    @Inject
    FieldCipher cipher;

    @Inject
    NumberHasher hasher;

    @Inject
    Audit audit;

    /** What to look for; {@code from} and {@code to} are required, everything else optional. */
    public record Criteria(String number, LocalDate from, LocalDate to, MessageState state, Long jobId, Long agencyId)
            implements Serializable {}

    public record Row(
            long messageId,
            OffsetDateTime acceptedAt,
            long jobId,
            String agency,
            String maskedNumber,
            MessageState state,
            String carrier,
            int segments,
            int deliveredSegments,
            OffsetDateTime submittedAt,
            OffsetDateTime finalAt,
            String errorCode,
            String errorDetail)
            implements Serializable {}

    public record Page(List<Row> rows, boolean more) implements Serializable {}

    public record AgencyOption(long id, String name) implements Serializable {}

    public Page search(Actor actor, Criteria c, int offset, int limit) {
        requireView(actor);
        if (c == null || c.from() == null || c.to() == null) {
            throw AccountException.invalid(
                    "PERIOD_REQUIRED", "請指定查詢期間的起訖日期。", "Give the first and last day to search.");
        }
        if (c.to().isBefore(c.from())) {
            throw AccountException.invalid(
                    "PERIOD_REVERSED", "查詢期間的結束日不可早於開始日。", "The last day cannot be before the first day.");
        }
        if (ChronoUnit.DAYS.between(c.from(), c.to()) + 1 > MAX_DAYS) {
            throw AccountException.invalid(
                    "PERIOD_TOO_LONG", "查詢期間最長 " + MAX_DAYS + " 天。", "A search covers at most " + MAX_DAYS + " days.");
        }
        int size = Math.max(1, Math.min(limit, 500));
        int skip = Math.max(0, offset);
        byte[] hash = null;
        if (c.number() != null && !c.number().isBlank()) {
            NumberParseResult parsed = MsisdnParser.parse(c.number(), "number");
            if (!parsed.ok()) {
                throw AccountException.invalid(
                        "NUMBER_INVALID", "門號格式不正確，請輸入 09 開頭的 10 碼手機號碼。", "Enter a mobile number such as 0912345678.");
            }
            hash = hasher.hash(parsed.msisdn().national());
        }
        OffsetDateTime start = c.from().atStartOfDay(QuotaSettings.TAIWAN).toOffsetDateTime();
        OffsetDateTime end =
                c.to().plusDays(1).atStartOfDay(QuotaSettings.TAIWAN).toOffsetDateTime();

        if (c.jobId() != null) {
            return searchJob(actor, c, hash, start, end, skip, size);
        }
        List<Object> args = new ArrayList<>(List.of(start, end, start, end));
        StringBuilder sql = new StringBuilder("select m.id, m.accepted_at, m.job_id, a.name, m.msisdn_cipher, m.state,"
                + " m.carrier, m.segments, m.delivered_segments, m.submitted_at, m.final_at, m.error_code,"
                + " m.error_detail from message m"
                + " join send_job j on j.id = m.job_id and j.accepted_at = m.accepted_at"
                + " join agency a on a.id = j.agency_id"
                + " where m.accepted_at >= ? and m.accepted_at < ? and j.accepted_at >= ? and j.accepted_at < ?");
        if (hash != null) {
            sql.append(" and m.msisdn_hash = ?");
            args.add(hash);
        }
        if (c.state() != null) {
            sql.append(" and m.state = ?");
            args.add(c.state().name());
        }
        if (c.agencyId() != null && actor.seesAllAgencies()) {
            sql.append(" and j.agency_id = ?");
            args.add(c.agencyId());
        }
        sql.append(SightPredicate.and(actor, "j", args));
        sql.append(" order by m.accepted_at desc, m.id desc offset ? limit ?");
        args.add(skip);
        args.add(size + 1);
        return run(actor, c, hash != null, skip, size, sql.toString(), args);
    }

    /**
     * The records of one job: the job is checked first (within the period, the agency chosen and the actor's
     * sight), then its messages are read newest first from one partition through
     * the job index {@code (job_id, seq)}, stopping after the page. Joined to
     * {@code send_job} in one statement, the planner could not see that a job has hundreds of thousands of
     * messages (the estimate for {@code job_id = ? and accepted_at = j.accepted_at} is a handful) and sorted the
     * whole job for each page: 0.3 s for 200,000 messages alone, seconds under load (docs/benchmarks.md, portal).
     */
    private Page searchJob(
            Actor actor, Criteria c, byte[] hash, OffsetDateTime start, OffsetDateTime end, int skip, int size) {
        List<Object> jobArgs = new ArrayList<>(List.of(c.jobId(), start, end));
        StringBuilder jobSql = new StringBuilder("select j.accepted_at, a.name from send_job j"
                + " join agency a on a.id = j.agency_id where j.id = ? and j.accepted_at >= ? and j.accepted_at < ?");
        if (c.agencyId() != null && actor.seesAllAgencies()) {
            jobSql.append(" and j.agency_id = ?");
            jobArgs.add(c.agencyId());
        }
        jobSql.append(SightPredicate.and(actor, "j", jobArgs));
        OffsetDateTime acceptedAt;
        String agency;
        try (Connection con = dataSource.getConnection();
                PreparedStatement ps = con.prepareStatement(jobSql.toString())) {
            bind(ps, jobArgs);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    audit.success(actor, "RECORDS_SEARCH", null, summary(c, hash != null, skip, size));
                    return new Page(List.of(), false);
                }
                acceptedAt = rs.getObject(1, OffsetDateTime.class);
                agency = rs.getString(2);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        // A job's messages all carry its accepted_at and are numbered in the order they were stored, so "newest
        // first" within the job is seq order, read backwards from the job index without sorting the job.
        List<Object> args = new ArrayList<>(List.of(agency, c.jobId(), acceptedAt));
        StringBuilder sql = new StringBuilder("select m.id, m.accepted_at, m.job_id, cast(? as varchar),"
                + " m.msisdn_cipher, m.state, m.carrier, m.segments, m.delivered_segments, m.submitted_at, m.final_at,"
                + " m.error_code, m.error_detail from message m where m.job_id = ? and m.accepted_at = ?");
        if (hash != null) {
            sql.append(" and m.msisdn_hash = ?");
            args.add(hash);
        }
        if (c.state() != null) {
            sql.append(" and m.state = ?");
            args.add(c.state().name());
        }
        sql.append(" order by m.seq desc offset ? limit ?");
        args.add(skip);
        args.add(size + 1);
        return run(actor, c, hash != null, skip, size, sql.toString(), args);
    }

    private Page run(Actor actor, Criteria c, boolean byNumber, int skip, int size, String sql, List<Object> args) {
        List<Row> rows = new ArrayList<>();
        try (Connection con = dataSource.getConnection();
                PreparedStatement ps = con.prepareStatement(sql)) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(
                            rs.getLong(1),
                            rs.getObject(2, OffsetDateTime.class),
                            rs.getLong(3),
                            rs.getString(4),
                            Msisdn.of(cipher.decrypt(rs.getBytes(5), FieldCipher.Purpose.MSISDN))
                                    .masked(),
                            MessageState.valueOf(rs.getString(6)),
                            rs.getString(7),
                            rs.getInt(8),
                            rs.getInt(9),
                            rs.getObject(10, OffsetDateTime.class),
                            rs.getObject(11, OffsetDateTime.class),
                            rs.getString(12),
                            rs.getString(13)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        // Audited after the search, in the same transaction: the event holds the audit chain's head lock until
        // commit, and taken before the query it made every concurrent search wait for this one
        // (docs/benchmarks.md, portal).
        audit.success(actor, "RECORDS_SEARCH", null, summary(c, byNumber, skip, size));
        boolean more = rows.size() > size;
        return new Page(more ? List.copyOf(rows.subList(0, size)) : List.copyOf(rows), more);
    }

    /** The full national number of one message within the actor's sight; audited. */
    public String reveal(Actor actor, long messageId, OffsetDateTime acceptedAt) {
        requireView(actor);
        if (acceptedAt == null) {
            throw AccountException.notFound("紀錄", "record");
        }
        List<Object> args = new ArrayList<>(List.of(messageId, acceptedAt));
        String sql = "select m.msisdn_cipher from message m"
                + " join send_job j on j.id = m.job_id and j.accepted_at = m.accepted_at"
                + " where m.id = ? and m.accepted_at = ?" + SightPredicate.and(actor, "j", args);
        byte[] stored;
        try (Connection con = dataSource.getConnection();
                PreparedStatement ps = con.prepareStatement(sql)) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                stored = rs.next() ? rs.getBytes(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        if (stored == null) {
            audit.refused(actor, "RECORD_NUMBER_SHOWN", "message:" + messageId, "not found or outside visibility");
            throw AccountException.notFound("紀錄", "record");
        }
        String number =
                Msisdn.of(cipher.decrypt(stored, FieldCipher.Purpose.MSISDN)).national();
        audit.success(actor, "RECORD_NUMBER_SHOWN", "message:" + messageId, null);
        return number;
    }

    /** Administrators: the agencies to choose from; nobody else chooses an agency. */
    public List<AgencyOption> agencies(Actor actor) {
        if (!actor.seesAllAgencies()) {
            return List.of();
        }
        List<AgencyOption> out = new ArrayList<>();
        try (Connection con = dataSource.getConnection();
                PreparedStatement ps = con.prepareStatement("select id, name from agency order by name");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new AgencyOption(rs.getLong(1), rs.getString(2)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    private static void requireView(Actor actor) {
        if (!actor.seesAllAgencies() && !actor.hasPermission(Permission.VIEW)) {
            throw AccountException.notPermitted("您沒有查看發送紀錄的權限。", "You are not permitted to view sending records.");
        }
    }

    /** The criteria for the audit trail: never the number itself, only whether one was given. */
    private static String summary(Criteria c, boolean byNumber, int offset, int limit) {
        return "from=" + c.from() + " to=" + c.to() + (byNumber ? " number=given" : "")
                + (c.state() == null ? "" : " state=" + c.state())
                + (c.jobId() == null ? "" : " job=" + c.jobId())
                + (c.agencyId() == null ? "" : " agency=" + c.agencyId())
                + " offset=" + offset + " limit=" + limit;
    }

    private static void bind(PreparedStatement ps, List<Object> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            Object v = args.get(i);
            if (v instanceof byte[] b) {
                ps.setBytes(i + 1, b);
            } else {
                ps.setObject(i + 1, v);
            }
        }
    }
}
