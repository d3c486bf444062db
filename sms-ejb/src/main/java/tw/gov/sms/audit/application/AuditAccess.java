package tw.gov.sms.audit.application;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import tw.gov.sms.account.application.AccountException;
import tw.gov.sms.account.application.Audit;
import tw.gov.sms.account.domain.Actor;
import tw.gov.sms.account.domain.Permission;
import tw.gov.sms.account.domain.Role;
import tw.gov.sms.audit.domain.AuditEvent;
import tw.gov.sms.audit.domain.AuditQuery;
import tw.gov.sms.audit.domain.StoredEvent;
import tw.gov.sms.audit.infrastructure.jdbc.AuditLog;
import tw.gov.sms.reports.Column;
import tw.gov.sms.reports.ReportWriter;
import tw.gov.sms.reports.Sheet;

/**
 * Reading the audit trail within the reader's visibility (R5.3, R6.4), narrowed in the query itself:
 * system and MODA administrators read every event; a group administrator the events of the group's
 * members; a user their own. API clients do not read it. Exporting needs the {@code export} permission
 * (checked here, not only by the REST resource's {@code @RolesAllowed}, so the portal gets the same rule).
 * Reading and exporting are audited too; only system administrators run the chain verification.
 */
@Stateless
public class AuditAccess {

    @Inject
    AuditTrail trail;

    @Inject
    Audit audit;

    public List<StoredEvent> search(Actor actor, AuditQuery query) {
        AuditQuery scoped = scope(actor, query, "AUDIT_READ");
        audit.success(actor, "AUDIT_READ", null, describe(scoped));
        return trail.search(scoped);
    }

    /** Not in a transaction: the export event commits at once, so no audit write waits for the stream. */
    @jakarta.ejb.TransactionAttribute(jakarta.ejb.TransactionAttributeType.NOT_SUPPORTED)
    public void export(Actor actor, AuditQuery query, Writer out) throws IOException {
        AuditQuery scoped = scope(actor, query, "AUDIT_EXPORT");
        requireExport(actor);
        audit.success(actor, "AUDIT_EXPORT", null, describe(scoped));
        trail.export(scoped, out);
    }

    /**
     * The same export as a report document (the portal's xlsx; any {@link ReportWriter} format): every
     * matching event, newest first as the screen shows them, read page by page so memory stays flat. The
     * CSV of {@link #export(Actor, AuditQuery, Writer)} stays the archival form (oldest first, with the raw
     * fields the chain check needs).
     */
    @jakarta.ejb.TransactionAttribute(jakarta.ejb.TransactionAttributeType.NOT_SUPPORTED)
    public void export(Actor actor, AuditQuery query, ReportWriter out) throws IOException {
        AuditQuery scoped = scope(actor, query, "AUDIT_EXPORT").withLimit(AuditQuery.MAX_LIMIT);
        requireExport(actor);
        audit.success(actor, "AUDIT_EXPORT", null, describe(scoped) + " as report");
        out.sheet(SHEET, rows -> {
            AuditQuery page = scoped.before(null);
            while (true) {
                List<StoredEvent> events = trail.search(page);
                for (StoredEvent s : events) {
                    AuditEvent e = s.event();
                    rows.row(java.util.Arrays.asList(
                            s.seq(),
                            e.occurredAt(),
                            e.actorKind().name(),
                            e.actorId(),
                            e.actorName(),
                            e.role(),
                            e.agencyId(),
                            e.groupId(),
                            e.action(),
                            e.target(),
                            e.sourceAddress(),
                            e.outcome().name(),
                            e.detail(),
                            s.hash()));
                }
                if (events.size() < scoped.limit()) {
                    return;
                }
                page = scoped.before(events.get(events.size() - 1).seq());
            }
        });
    }

    public AuditLog.Verification verify(Actor actor) {
        if (!actor.has(Role.SYSTEM_ADMIN)) {
            audit.refused(actor, "AUDIT_VERIFY", null, "role " + actor.roleName());
            throw AccountException.notPermitted("只有系統管理者可驗證稽核鏈。", "Only system administrators verify the audit chain.");
        }
        AuditLog.Verification v = trail.verify();
        audit.success(
                actor, "AUDIT_VERIFY", null, v.intact() ? "intact, " + v.eventsChecked() + " events" : v.problem());
        return v;
    }

    private AuditQuery scope(Actor actor, AuditQuery query, String action) {
        if (actor.seesAllAgencies()) {
            return query;
        }
        if (actor.has(Role.GROUP_ADMIN)) {
            return query.withGroup(actor.groupId());
        }
        if (actor.has(Role.USER)) {
            // Events of an API client never carry a group, so group + id picks this person's events only.
            return query.withGroup(actor.groupId()).withActor(actor.accountId());
        }
        audit.refused(actor, action, null, "role " + actor.roleName());
        throw AccountException.notPermitted("您無權查閱稽核紀錄。", "You may not read the audit trail.");
    }

    private void requireExport(Actor actor) {
        if (!actor.hasPermission(Permission.EXPORT)) {
            audit.refused(actor, "AUDIT_EXPORT", null, "no export permission");
            throw AccountException.notPermitted("您沒有匯出的權限。", "You are not permitted to export.");
        }
    }

    private static String describe(AuditQuery q) {
        return "from=" + q.from() + " to=" + q.to() + " action=" + q.action() + " agency=" + q.agencyId() + " group="
                + q.groupId() + " actor=" + q.actorId() + " actorName=" + q.actorName() + " outcome=" + q.outcome()
                + " target=" + q.targetContains();
    }

    private static final Sheet SHEET = new Sheet(
            "audit",
            "稽核紀錄",
            "Audit trail",
            List.of("時間為臺灣時間 Times in Taiwan time (Asia/Taipei)"),
            List.of(
                    new Column("seq", "序號", "Seq", Column.Kind.INTEGER),
                    new Column("occurredAt", "時間", "Time", Column.Kind.DATE_TIME),
                    new Column("actorKind", "執行者類型", "Actor kind", Column.Kind.TEXT),
                    new Column("actorId", "執行者編號", "Actor id", Column.Kind.INTEGER),
                    new Column("actorName", "執行者", "Actor", Column.Kind.TEXT),
                    new Column("role", "角色", "Role", Column.Kind.TEXT),
                    new Column("agencyId", "機關", "Agency", Column.Kind.INTEGER),
                    new Column("groupId", "群組", "Group", Column.Kind.INTEGER),
                    new Column("action", "動作", "Action", Column.Kind.TEXT),
                    new Column("target", "對象", "Target", Column.Kind.TEXT),
                    new Column("sourceAddress", "來源位址", "Source address", Column.Kind.TEXT),
                    new Column("outcome", "結果", "Outcome", Column.Kind.TEXT),
                    new Column("detail", "詳細", "Detail", Column.Kind.TEXT),
                    new Column("hash", "雜湊", "Hash", Column.Kind.TEXT)));
}
