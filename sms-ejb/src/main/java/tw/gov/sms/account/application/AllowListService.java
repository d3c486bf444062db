package tw.gov.sms.account.application;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import tw.gov.sms.account.domain.Actor;
import tw.gov.sms.account.domain.Agency;
import tw.gov.sms.account.domain.AgencyId;
import tw.gov.sms.account.domain.IpAllowEntry;
import tw.gov.sms.account.domain.Role;
import tw.gov.sms.identity.IpRange;
import tw.gov.sms.identity.IpRangeException;

/**
 * The allow-list's life (R9.1): a group administrator requests an address or range for the agency, a
 * MODA administrator approves or rejects it, an approved entry can be revoked. Every step is audited.
 */
@Stateless
public class AllowListService {

    @PersistenceContext(unitName = "sms")
    EntityManager em;

    @Inject
    AllowList allowList;

    @Inject
    Audit audit;

    public record EntryView(
            long id,
            long agencyId,
            String cidr,
            String note,
            String state,
            Long requestedBy,
            Instant requestedAt,
            Long decidedBy,
            Instant decidedAt,
            String decisionNote) {

        static EntryView of(IpAllowEntry e) {
            return new EntryView(
                    e.getId(),
                    e.agencyId().value(),
                    e.getCidr(),
                    e.getNote(),
                    e.getState().name(),
                    e.getRequestedBy(),
                    e.getRequestedAt(),
                    e.getDecidedBy(),
                    e.getDecidedAt(),
                    e.getDecisionNote());
        }
    }

    public EntryView request(Actor actor, Long agencyId, String cidr, String note) {
        AgencyId agency;
        if (actor.has(Role.GROUP_ADMIN)) {
            agency = actor.agency();
            if (agencyId != null && agencyId != agency.value()) {
                audit.refused(actor, "ALLOWLIST_REQUEST", "agency:" + agencyId, "another agency");
                throw AccountException.notPermitted(
                        "群組管理者只能為自己的機關申請。", "A group administrator requests for their own agency only.");
            }
        } else if (actor.has(Role.MODA_ADMIN) || actor.has(Role.SYSTEM_ADMIN)) {
            if (agencyId == null || em.find(Agency.class, agencyId) == null) {
                throw AccountException.invalid("AGENCY_REQUIRED", "請指定機關。", "Name an existing agency (agencyId).");
            }
            agency = new AgencyId(agencyId);
        } else {
            audit.refused(actor, "ALLOWLIST_REQUEST", null, "role " + actor.roleName());
            throw AccountException.notPermitted("只有群組管理者可申請開放來源位址。", "Only group administrators request addresses.");
        }
        IpRange range;
        try {
            range = IpRange.parse(cidr == null ? "" : cidr);
        } catch (IpRangeException e) {
            throw new AccountException(400, e.code(), e.zh(), e.en());
        }
        boolean open = !em.createQuery(
                        "select e from IpAllowEntry e where e.agencyId = :a and e.cidr = :c"
                                + " and e.state in (tw.gov.sms.account.domain.IpAllowEntry.State.REQUESTED,"
                                + " tw.gov.sms.account.domain.IpAllowEntry.State.APPROVED)",
                        IpAllowEntry.class)
                .setParameter("a", agency.value())
                .setParameter("c", range.toString())
                .getResultList()
                .isEmpty();
        if (open) {
            throw new AccountException(
                    409,
                    "ALLOWLIST_DUPLICATE",
                    "此位址已申請或已核准：" + range,
                    "This address is already requested or approved: " + range);
        }
        IpAllowEntry entry = new IpAllowEntry(agency, range.toString(), note, actor.accountId(), Instant.now());
        em.persist(entry);
        em.flush();
        audit.success(
                actor, "ALLOWLIST_REQUEST", "allowlist:" + entry.getId(), range + " for agency " + agency.value());
        return EntryView.of(entry);
    }

    public EntryView approve(Actor actor, long id, String note) {
        return decide(actor, id, note, true);
    }

    public EntryView reject(Actor actor, long id, String note) {
        return decide(actor, id, note, false);
    }

    private EntryView decide(Actor actor, long id, String note, boolean approve) {
        String action = approve ? "ALLOWLIST_APPROVE" : "ALLOWLIST_REJECT";
        if (!actor.has(Role.MODA_ADMIN)) {
            audit.refused(actor, action, "allowlist:" + id, "role " + actor.roleName());
            throw AccountException.notPermitted("只有數位部管理者可核准或駁回。", "Only MODA administrators approve or reject.");
        }
        IpAllowEntry entry = em.find(IpAllowEntry.class, id);
        if (entry == null) {
            throw AccountException.notFound("位址申請", "allow-list entry");
        }
        try {
            if (approve) {
                entry.approve(actor.accountId(), note, Instant.now());
            } else {
                entry.reject(actor.accountId(), note, Instant.now());
            }
        } catch (IllegalStateException e) {
            throw new AccountException(
                    409,
                    "ALLOWLIST_ALREADY_DECIDED",
                    "此申請已處理（" + entry.getState() + "）。",
                    "This request was already decided (" + entry.getState() + ").");
        }
        em.flush();
        allowList.invalidate();
        audit.success(
                actor,
                action,
                "allowlist:" + id,
                entry.getCidr() + " for agency " + entry.agencyId().value());
        return EntryView.of(entry);
    }

    public EntryView revoke(Actor actor, long id, String note) {
        if (!actor.has(Role.MODA_ADMIN) && !actor.has(Role.SYSTEM_ADMIN)) {
            audit.refused(actor, "ALLOWLIST_REVOKE", "allowlist:" + id, "role " + actor.roleName());
            throw AccountException.notPermitted("只有管理者可撤銷已核准位址。", "Only administrators revoke approved addresses.");
        }
        IpAllowEntry entry = em.find(IpAllowEntry.class, id);
        if (entry == null) {
            throw AccountException.notFound("位址申請", "allow-list entry");
        }
        try {
            entry.revoke(actor.accountId(), note, Instant.now());
        } catch (IllegalStateException e) {
            throw new AccountException(409, "ALLOWLIST_NOT_APPROVED", "只有已核准的位址可撤銷。", e.getMessage());
        }
        em.flush();
        allowList.invalidate();
        audit.success(actor, "ALLOWLIST_REVOKE", "allowlist:" + id, entry.getCidr());
        return EntryView.of(entry);
    }

    public List<EntryView> list(Actor actor) {
        if (actor.seesAllAgencies()) {
            return em.createQuery("select e from IpAllowEntry e order by e.id", IpAllowEntry.class)
                    .getResultStream()
                    .map(EntryView::of)
                    .toList();
        }
        if (actor.has(Role.GROUP_ADMIN)) {
            return em.createQuery(
                            "select e from IpAllowEntry e where e.agencyId = :a order by e.id", IpAllowEntry.class)
                    .setParameter("a", actor.agency().value())
                    .getResultStream()
                    .map(EntryView::of)
                    .toList();
        }
        throw AccountException.notPermitted("您無權查看開放來源清單。", "You may not view the allow-list.");
    }
}
