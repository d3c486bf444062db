package tw.gov.sms.reporting.application;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import tw.gov.sms.account.application.AccountException;
import tw.gov.sms.account.application.Audit;
import tw.gov.sms.account.domain.Actor;

/** Incidents recorded by MODA and system administrators, for the monthly operations report (R11.5). */
@Stateless
public class IncidentService {

    private static final Set<String> SEVERITIES = Set.of("LOW", "MEDIUM", "HIGH", "CRITICAL");

    @Resource(lookup = "jdbc/sms")
    DataSource dataSource;

    @Inject
    Audit audit;

    public record Incident(
            long id,
            OffsetDateTime occurredAt,
            OffsetDateTime resolvedAt,
            String severity,
            String title,
            String description) {}

    public Incident record(
            Actor actor,
            OffsetDateTime occurredAt,
            OffsetDateTime resolvedAt,
            String severity,
            String title,
            String description) {
        requireAdministrator(actor);
        if (occurredAt == null || title == null || title.isBlank() || description == null || description.isBlank()) {
            throw AccountException.invalid(
                    "INCIDENT_FIELDS_MISSING",
                    "事件需有發生時間、標題與說明。",
                    "An incident needs the time it occurred, a title and a description.");
        }
        if (severity == null || !SEVERITIES.contains(severity)) {
            throw AccountException.invalid(
                    "INCIDENT_SEVERITY_INVALID",
                    "嚴重度須為 LOW、MEDIUM、HIGH 或 CRITICAL。",
                    "The severity must be LOW, MEDIUM, HIGH or CRITICAL.");
        }
        if (resolvedAt != null && resolvedAt.isBefore(occurredAt)) {
            throw AccountException.invalid(
                    "INCIDENT_TIMES_INVALID", "排除時間不可早於發生時間。", "It cannot be resolved before it occurred.");
        }
        if (title.length() > 200 || description.length() > 2000) {
            throw AccountException.invalid(
                    "INCIDENT_TOO_LONG",
                    "標題最多 200 字，說明最多 2000 字。",
                    "The title takes 200 characters, the description 2000.");
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("insert into incident (occurred_at, resolved_at, severity,"
                        + " title, description, recorded_by) values (?, ?, ?, ?, ?, ?) returning id")) {
            ps.setObject(1, occurredAt);
            ps.setObject(2, resolvedAt);
            ps.setString(3, severity);
            ps.setString(4, title.strip());
            ps.setString(5, description.strip());
            ps.setObject(6, actor.accountId());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long id = rs.getLong(1);
                audit.success(actor, "INCIDENT_RECORD", "incident:" + id, severity + " " + title.strip());
                return new Incident(id, occurredAt, resolvedAt, severity, title.strip(), description.strip());
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public List<Incident> between(Actor actor, OffsetDateTime from, OffsetDateTime to) {
        requireAdministrator(actor);
        List<Incident> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "select id, occurred_at, resolved_at, severity, title,"
                                + " description from incident where occurred_at >= ? and occurred_at < ? order by occurred_at")) {
            ps.setObject(1, from);
            ps.setObject(2, to);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Incident(
                            rs.getLong(1),
                            rs.getObject(2, OffsetDateTime.class),
                            rs.getObject(3, OffsetDateTime.class),
                            rs.getString(4),
                            rs.getString(5),
                            rs.getString(6)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void requireAdministrator(Actor actor) {
        if (!actor.seesAllAgencies() || !actor.isUser()) {
            throw AccountException.notPermitted(
                    "只有數位部或系統管理者可以記錄與查看事件。", "Only MODA or system administrators may record and read incidents.");
        }
    }
}
