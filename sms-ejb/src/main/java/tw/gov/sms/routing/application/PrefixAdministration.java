package tw.gov.sms.routing.application;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.List;
import tw.gov.sms.account.application.AccountException;
import tw.gov.sms.account.application.Audit;
import tw.gov.sms.account.domain.Actor;
import tw.gov.sms.account.domain.Role;
import tw.gov.sms.routing.domain.Carrier;

/**
 * The prefix table of original allocations, edited by system administrators (issue 4, item 1): which
 * carrier first held a block of mobile numbers. Ported numbers are still answered first. MODA
 * administrators may read it. Each change moves the table's version; every instance's
 * {@link RoutingIndexService} swaps the new table in (the editing instance at once, the others within
 * 15 seconds). Every change is audited with the value before it.
 */
@Stateless
public class PrefixAdministration {

    @PersistenceContext(unitName = "sms")
    EntityManager em;

    @Inject
    Audit audit;

    public record PrefixView(String prefix, String carrier) {}

    @SuppressWarnings("unchecked")
    public List<PrefixView> list(Actor actor) {
        if (!actor.has(Role.SYSTEM_ADMIN) && !actor.has(Role.MODA_ADMIN)) {
            throw AccountException.notPermitted("只有管理者可查看號段表。", "Only administrators may read the prefix table.");
        }
        List<PrefixView> out = new ArrayList<>();
        for (Object[] r :
                (List<Object[]>) em.createNativeQuery("select prefix, carrier from routing_prefix order by prefix")
                        .getResultList()) {
            out.add(new PrefixView((String) r[0], (String) r[1]));
        }
        return out;
    }

    public PrefixView put(Actor actor, String prefix, String carrier) {
        requireSystemAdministrator(actor, "PREFIX_SET", prefix);
        String p = validPrefix(prefix);
        Carrier c;
        try {
            c = Carrier.valueOf(carrier == null ? "" : carrier.strip());
        } catch (IllegalArgumentException e) {
            throw AccountException.invalid("CARRIER_INVALID", "電信業者須為 CHT、TWM 或 FET。", "carrier is CHT, TWM or FET.");
        }
        List<?> before = em.createNativeQuery("select carrier from routing_prefix where prefix = ?")
                .setParameter(1, p)
                .getResultList();
        em.createNativeQuery("insert into routing_prefix (prefix, carrier, updated_by) values (?, ?, ?)"
                        + " on conflict (prefix) do update set carrier = excluded.carrier, updated_at = now(),"
                        + " updated_by = excluded.updated_by")
                .setParameter(1, p)
                .setParameter(2, c.name())
                .setParameter(3, actor.accountId())
                .executeUpdate();
        bumpVersion();
        audit.success(actor, "PREFIX_SET", "prefix:" + p, (before.isEmpty() ? "new" : before.get(0)) + " -> " + c);
        return new PrefixView(p, c.name());
    }

    public void delete(Actor actor, String prefix) {
        requireSystemAdministrator(actor, "PREFIX_DELETE", prefix);
        String p = validPrefix(prefix);
        int removed = em.createNativeQuery("delete from routing_prefix where prefix = ?")
                .setParameter(1, p)
                .executeUpdate();
        if (removed == 0) {
            throw AccountException.notFound("號段", "prefix");
        }
        bumpVersion();
        audit.success(actor, "PREFIX_DELETE", "prefix:" + p, null);
    }

    private void bumpVersion() {
        em.createNativeQuery("update routing_prefix_version set version = version + 1 where id = 1")
                .executeUpdate();
    }

    private void requireSystemAdministrator(Actor actor, String action, String prefix) {
        if (!actor.has(Role.SYSTEM_ADMIN)) {
            audit.refused(actor, action, "prefix:" + prefix, "role " + actor.roleName());
            throw AccountException.notPermitted("只有系統管理者可修改號段表。", "Only system administrators edit the prefix table.");
        }
    }

    private static String validPrefix(String prefix) {
        String p = prefix == null ? "" : prefix.strip();
        if (!p.matches("09\\d{2,6}")) {
            throw AccountException.invalid(
                    "PREFIX_INVALID",
                    "號段須為 09 開頭、共 4 至 8 位數字：" + p,
                    "A prefix is 4 to 8 digits starting with 09: " + p);
        }
        return p;
    }
}
