package tw.gov.sms.account.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import tw.gov.sms.account.domain.Account;
import tw.gov.sms.account.domain.Actor;
import tw.gov.sms.audit.application.AuditTrail;
import tw.gov.sms.audit.domain.ActorKind;
import tw.gov.sms.audit.domain.AuditEvent;
import tw.gov.sms.audit.domain.Outcome;

/**
 * Turns what the accounts context does into audit events (R5.3): who (actor, role, agency, group),
 * what (action, target), from where, and the outcome. Changes are recorded in the caller's transaction;
 * refusals and failed logins independently, since the refused work leaves nothing else behind.
 */
@ApplicationScoped
public class Audit {

    @Inject
    AuditTrail trail;

    public void success(Actor actor, String action, String target, String detail) {
        trail.record(event(actor, action, target, Outcome.SUCCESS, detail));
    }

    public void refused(Actor actor, String action, String target, String detail) {
        trail.recordIndependently(event(actor, action, target, Outcome.DENIED, detail));
    }

    public void failed(Actor actor, String action, String target, String detail) {
        trail.recordIndependently(event(actor, action, target, Outcome.FAILURE, detail));
    }

    /** A login attempt: the account when one matched, otherwise the name that was tried. */
    public void login(Account account, String triedName, String source, String action, Outcome outcome, String detail) {
        AuditEvent e = account == null
                ? new AuditEvent(
                        Instant.now(),
                        ActorKind.ANONYMOUS,
                        null,
                        triedName,
                        null,
                        null,
                        null,
                        action,
                        null,
                        source,
                        outcome,
                        detail)
                : new AuditEvent(
                        Instant.now(),
                        ActorKind.USER,
                        account.getId(),
                        account.getUsername(),
                        account.getRole().name(),
                        account.getAgencyId(),
                        account.getGroupId(),
                        action,
                        "account:" + account.getId(),
                        source,
                        outcome,
                        detail);
        if (outcome == Outcome.SUCCESS) {
            trail.record(e);
        } else {
            trail.recordIndependently(e);
        }
    }

    /** A failed credential check by a name that matched nothing (or must not be trusted). */
    public void loginFailure(String triedName, String source, String action, String detail) {
        login(
                null,
                triedName == null || triedName.isBlank() ? "(none)" : triedName,
                source,
                action,
                Outcome.FAILURE,
                detail);
    }

    static AuditEvent event(Actor actor, String action, String target, Outcome outcome, String detail) {
        ActorKind kind = switch (actor.kind()) {
            case USER -> ActorKind.USER;
            case API_CLIENT -> ActorKind.API_CLIENT;
            case SYSTEM -> ActorKind.SYSTEM;
        };
        return new AuditEvent(
                Instant.now(),
                kind,
                actor.accountId(),
                actor.name() == null ? kind.name().toLowerCase() : actor.name(),
                actor.roleName(),
                actor.agencyValue(),
                actor.groupId(),
                action,
                target,
                actor.sourceAddress(),
                outcome,
                detail);
    }
}
