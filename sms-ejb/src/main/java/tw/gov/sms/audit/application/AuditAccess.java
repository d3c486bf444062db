package tw.gov.sms.audit.application;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import tw.gov.sms.account.application.AccountException;
import tw.gov.sms.account.application.Audit;
import tw.gov.sms.account.domain.Actor;
import tw.gov.sms.account.domain.Role;
import tw.gov.sms.audit.domain.AuditQuery;
import tw.gov.sms.audit.domain.StoredEvent;
import tw.gov.sms.audit.infrastructure.jdbc.AuditLog;

/**
 * Reading the audit trail within the reader's visibility (R5.3, R6.4), narrowed in the query itself:
 * system and MODA administrators read every event; a group administrator the events of the group's
 * members; a user their own. API clients do not read it. Reading and exporting are audited too; only
 * system administrators run the chain verification.
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
        audit.success(actor, "AUDIT_EXPORT", null, describe(scoped));
        trail.export(scoped, out);
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

    private static String describe(AuditQuery q) {
        return "from=" + q.from() + " to=" + q.to() + " action=" + q.action() + " agency=" + q.agencyId() + " group="
                + q.groupId() + " actor=" + q.actorId();
    }
}
