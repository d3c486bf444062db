package tw.gov.sms.reporting.application;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
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
import tw.gov.sms.quota.application.QuotaSettings;

/**
 * The figures of a portal dashboard (issue 8, R7), within the viewer's sight: today's sends, the delivery
 * rate of what became final today, the recent jobs, and for administrators every agency at a glance.
 */
@Stateless
public class DashboardService {

    @Resource(lookup = "jdbc/sms")
    DataSource dataSource;

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

    private static void bind(PreparedStatement ps, List<Object> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            ps.setObject(i + 1, args.get(i));
        }
    }

    private static BigDecimal rate(long delivered, long of) {
        return of <= 0 ? null : BigDecimal.valueOf(delivered).divide(BigDecimal.valueOf(of), 4, RoundingMode.HALF_UP);
    }
}
