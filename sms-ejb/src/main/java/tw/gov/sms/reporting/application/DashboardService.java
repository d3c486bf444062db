package tw.gov.sms.reporting.application;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import tw.gov.sms.account.domain.Actor;
import tw.gov.sms.account.infrastructure.jdbc.SightPredicate;
import tw.gov.sms.quota.application.QuotaService;
import tw.gov.sms.quota.application.QuotaSettings;
import tw.gov.sms.quota.domain.QuotaBalance;

/**
 * The figures of a portal dashboard (issue 8, R7), within the viewer's sight: today's sends, the delivery
 * rate of what became final today, the recent jobs, and for administrators every agency at a glance.
 */
@Stateless
public class DashboardService {

    @Resource(lookup = "jdbc/sms")
    DataSource dataSource;

    @Inject
    QuotaService quota;

    public record Today(
            long jobs, long recipients, long segments, long delivered, long finalMessages, BigDecimal rate) {}

    public record RecentJob(
            long id,
            OffsetDateTime acceptedAt,
            String state,
            int recipients,
            int segments,
            boolean test,
            String agency) {}

    public record AgencyToday(String agency, long recipients, long delivered, long finalMessages, BigDecimal rate) {}

    /**
     * One agency at a glance (the MODA dashboard): today's jobs and recipients (accepted today), delivered and
     * final messages today (usage rollup), and the agency's quota under the contract in force.
     */
    public record AgencyOverview(
            long agencyId,
            String agency,
            long jobs,
            long recipients,
            long delivered,
            long finalMessages,
            BigDecimal rate,
            QuotaBalance quota) {

        public long quotaUsed() {
            return quota.charged();
        }

        public long quotaReserved() {
            return quota.reserved();
        }

        public long quotaLeft() {
            return quota.available();
        }
    }

    /** One Taiwan calendar day of the usage rollup: messages that became final that day, and how many arrived. */
    public record DayVolume(LocalDate day, long messages, long delivered, long finalMessages, BigDecimal rate) {}

    public Today today(Actor actor) {
        LocalDate today = QuotaSettings.today();
        OffsetDateTime start = today.atStartOfDay(QuotaSettings.TAIWAN).toOffsetDateTime();
        List<Object> args = new ArrayList<>(List.of(start));
        String scope = SightPredicate.and(actor, "j", args);
        long jobs;
        long recipients;
        long segments;
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("select count(*), coalesce(sum(recipient_count), 0),"
                    + " coalesce(sum(segment_count), 0) from send_job j where j.accepted_at >= ?" + scope)) {
                bind(ps, args);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    jobs = rs.getLong(1);
                    recipients = rs.getLong(2);
                    segments = rs.getLong(3);
                }
            }
            List<Object> usageArgs = new ArrayList<>(List.of(today));
            String usageScope = SightPredicate.and(actor, "u", usageArgs);
            try (PreparedStatement ps = c.prepareStatement("select coalesce(sum(delivered_messages), 0),"
                    + " coalesce(sum(messages - cancelled_messages), 0) from usage_daily u where u.day = ?"
                    + usageScope)) {
                bind(ps, usageArgs);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    long delivered = rs.getLong(1);
                    long done = rs.getLong(2);
                    return new Today(jobs, recipients, segments, delivered, done, rate(delivered, done));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public List<RecentJob> recentJobs(Actor actor, int limit) {
        List<Object> args = new ArrayList<>();
        String scope = SightPredicate.and(actor, "j", args);
        args.add(limit);
        List<RecentJob> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select j.id, j.accepted_at, j.state, j.recipient_count,"
                        + " j.segment_count, j.test, a.name from send_job j join agency a on a.id = j.agency_id"
                        + " where true" + scope + " order by j.accepted_at desc limit ?")) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new RecentJob(
                            rs.getLong(1),
                            rs.getObject(2, OffsetDateTime.class),
                            rs.getString(3),
                            rs.getInt(4),
                            rs.getInt(5),
                            rs.getBoolean(6),
                            rs.getString(7)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Administrators: every agency with traffic today, busiest first. */
    public List<AgencyToday> agenciesToday(Actor actor) {
        if (!actor.seesAllAgencies()) {
            return List.of();
        }
        List<AgencyToday> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select a.name, sum(u.messages), sum(u.delivered_messages),"
                        + " sum(u.messages - u.cancelled_messages) from usage_daily u join agency a on a.id = u.agency_id"
                        + " where u.day = ? group by a.name order by 2 desc limit 50")) {
            ps.setObject(1, QuotaSettings.today());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new AgencyToday(
                            rs.getString(1),
                            rs.getLong(2),
                            rs.getLong(3),
                            rs.getLong(4),
                            rate(rs.getLong(3), rs.getLong(4))));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Every agency within the viewer's sight at a glance, busiest today first: administrators every agency
     * that is active or has traffic today, anyone else their own agency (its figures within their sight).
     * Three set-based aggregates (jobs accepted today, today's usage rollup, the balances under the contract
     * in force) joined once to the agency table.
     */
    public List<AgencyOverview> agencyOverview(Actor actor) {
        if (!actor.seesAllAgencies() && actor.agency() == null) {
            return List.of();
        }
        LocalDate today = QuotaSettings.today();
        long contractId = quota.contractOn(today).map(QuotaService.Contract::id).orElse(-1L);
        List<Object> args = new ArrayList<>();
        args.add(today.atStartOfDay(QuotaSettings.TAIWAN).toOffsetDateTime());
        String jobScope = SightPredicate.and(actor, "j", args);
        args.add(today);
        String usageScope = SightPredicate.and(actor, "u", args);
        args.add(contractId);
        String agencyScope = "";
        if (!actor.seesAllAgencies()) {
            args.add(actor.agencyValue());
            agencyScope = " and a.id = ?";
        }
        String sql = "with jobs_today as (select j.agency_id, count(*) as jobs, sum(j.recipient_count) as recipients"
                + " from send_job j where j.accepted_at >= ?" + jobScope + " group by j.agency_id),"
                + " usage_today as (select u.agency_id, sum(u.delivered_messages) as delivered,"
                + " sum(u.messages - u.cancelled_messages) as final_messages from usage_daily u where u.day = ?"
                + usageScope + " group by u.agency_id),"
                + " balance_now as (select b.agency_id, b.ordered, b.allocated, b.reserved, b.charged, b.lapsed"
                + " from quota_balance b where b.contract_id = ? and b.account_id = 0)"
                + " select a.id, a.name, coalesce(jobs_today.jobs, 0), coalesce(jobs_today.recipients, 0),"
                + " coalesce(usage_today.delivered, 0), coalesce(usage_today.final_messages, 0), coalesce(balance_now.ordered, 0),"
                + " coalesce(balance_now.allocated, 0), coalesce(balance_now.reserved, 0), coalesce(balance_now.charged, 0),"
                + " coalesce(balance_now.lapsed, 0)"
                + " from agency a left join jobs_today on jobs_today.agency_id = a.id left join usage_today on usage_today.agency_id = a.id"
                + " left join balance_now on balance_now.agency_id = a.id"
                + " where (a.status = 'ACTIVE' or jobs_today.agency_id is not null or usage_today.agency_id is not null)"
                + agencyScope + " order by 4 desc, 6 desc, a.name, a.id";
        List<AgencyOverview> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long delivered = rs.getLong(5);
                    long done = rs.getLong(6);
                    out.add(new AgencyOverview(
                            rs.getLong(1),
                            rs.getString(2),
                            rs.getLong(3),
                            rs.getLong(4),
                            delivered,
                            done,
                            rate(delivered, done),
                            new QuotaBalance(
                                    rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getLong(10), rs.getLong(11))));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The last {@code days} Taiwan calendar days up to today, oldest first, one row a day (zero on a day
     * without traffic): messages that became final that day within the viewer's sight, and the delivery rate.
     */
    public List<DayVolume> dailyVolume(Actor actor, int days) {
        int span = Math.min(Math.max(days, 1), 366);
        LocalDate today = QuotaSettings.today();
        List<Object> args = new ArrayList<>(List.of(today.minusDays(span - 1L), today));
        String scope = SightPredicate.and(actor, "u", args);
        List<DayVolume> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select d.day, coalesce(sum(u.messages), 0),"
                        + " coalesce(sum(u.delivered_messages), 0), coalesce(sum(u.messages - u.cancelled_messages), 0)"
                        + " from (select g::date as day from generate_series(cast(? as date)::timestamp, cast(? as date)::timestamp,"
                        + " interval '1 day') g) d left join usage_daily u on u.day = d.day" + scope
                        + " group by d.day order by d.day")) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long delivered = rs.getLong(3);
                    long done = rs.getLong(4);
                    out.add(new DayVolume(
                            rs.getObject(1, LocalDate.class), rs.getLong(2), delivered, done, rate(delivered, done)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void bind(PreparedStatement ps, List<Object> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            ps.setObject(i + 1, args.get(i));
        }
    }

    private static BigDecimal rate(long delivered, long of) {
        return of <= 0 ? null : BigDecimal.valueOf(delivered).divide(BigDecimal.valueOf(of), 4, RoundingMode.HALF_UP);
    }
}
