package tw.gov.sms.account.application;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import tw.gov.sms.account.domain.Account;
import tw.gov.sms.account.domain.Actor;
import tw.gov.sms.account.domain.Role;
import tw.gov.sms.shared.infrastructure.mail.Mailer;

/**
 * The periodic account inventory (帳號盤點, R9.5). A MODA or system administrator opens a campaign with a
 * deadline; it lists every active user and group administrator with the permissions they hold at that
 * moment. Each group administrator confirms or revokes the users of their own group; MODA and system
 * administrators decide for group administrators (and may for anyone). Revoking disables the account at
 * once; whatever is still pending when the deadline passes is disabled when the campaign closes, which
 * the maintenance timer does by itself. Every step is audited.
 */
@Stateless
public class InventoryService {

    private static final Logger LOG = Logger.getLogger(InventoryService.class.getName());

    @PersistenceContext(unitName = "sms")
    EntityManager em;

    @Inject
    Audit audit;

    @Inject
    Mailer mailer;

    public record Campaign(long id, Instant startedAt, Instant deadline, Instant closedAt, int items, int pending) {}

    public record Item(
            long accountId,
            String username,
            String displayName,
            String role,
            Long groupId,
            String permissions,
            String decision,
            Instant decidedAt) {}

    public Campaign start(Actor actor, Instant deadline, String note) {
        requireAdministrator(actor, "INVENTORY_START");
        if (deadline == null || deadline.isBefore(Instant.now().plus(Duration.ofHours(1)))) {
            throw AccountException.invalid(
                    "INVENTORY_DEADLINE_INVALID",
                    "盤點期限須至少在一小時之後。",
                    "The inventory deadline must be at least an hour from now.");
        }
        if (!em.createNativeQuery("select id from inventory_campaign where closed_at is null")
                .getResultList()
                .isEmpty()) {
            throw new AccountException(409, "INVENTORY_OPEN", "已有進行中的帳號盤點。", "An account inventory is already open.");
        }
        Number id = (Number) em.createNativeQuery(
                        "insert into inventory_campaign (started_by, deadline, note) values (?, ?, ?) returning id")
                .setParameter(1, actor.accountId())
                .setParameter(2, Timestamp.from(deadline))
                .setParameter(3, note)
                .getSingleResult();
        int items = em.createNativeQuery(
                        "insert into inventory_item (campaign_id, account_id, role, group_id, agency_id,"
                                + " permissions_snapshot) select ?, id, role, group_id, agency_id, permissions from account"
                                + " where status = 'ACTIVE' and role in ('USER', 'GROUP_ADMIN')")
                .setParameter(1, id.longValue())
                .executeUpdate();
        audit.success(actor, "INVENTORY_START", "inventory:" + id, items + " accounts, deadline " + deadline);
        notifyReviewers(id.longValue(), deadline);
        return find(id.longValue());
    }

    public Campaign find(long id) {
        return find(id, null);
    }

    /**
     * A campaign with its counts: of every item, or (a group administrator's view) of the items of one account
     * group only, so a group administrator sees their own progress and nothing of other agencies.
     */
    private Campaign find(long id, Long groupId) {
        String scope = groupId == null ? "" : " and i.group_id = ?2";
        var query = em.createNativeQuery("select c.id, c.started_at, c.deadline, c.closed_at,"
                        + " (select count(*) from inventory_item i where i.campaign_id = c.id" + scope + "),"
                        + " (select count(*) from inventory_item i where i.campaign_id = c.id and i.decision = 'PENDING'"
                        + scope + ")"
                        + " from inventory_campaign c where c.id = ?1")
                .setParameter(1, id);
        if (groupId != null) {
            query.setParameter(2, groupId);
        }
        List<?> found = query.getResultList();
        if (found.isEmpty()) {
            throw AccountException.notFound("帳號盤點", "inventory campaign");
        }
        Object[] row = (Object[]) found.get(0);
        return new Campaign(
                ((Number) row[0]).longValue(),
                instant(row[1]),
                instant(row[2]),
                instant(row[3]),
                ((Number) row[4]).intValue(),
                ((Number) row[5]).intValue());
    }

    /**
     * The latest campaigns, newest first (the open one, if any, leads): for the portal's inventory page.
     * Administrators and group administrators, who decide items; users and API clients are refused.
     */
    @SuppressWarnings("unchecked")
    public List<Campaign> campaigns(Actor actor, int limit) {
        if (!actor.seesAllAgencies() && !actor.has(Role.GROUP_ADMIN)) {
            audit.refused(actor, "INVENTORY_READ", null, "role " + actor.roleName());
            throw AccountException.notPermitted("您無權查看帳號盤點。", "You may not see the account inventory.");
        }
        List<Number> ids = em.createNativeQuery(
                        "select id from inventory_campaign order by (closed_at is null) desc, id desc limit ?")
                .setParameter(1, Math.max(1, Math.min(limit, 100)))
                .getResultList();
        Long group = actor.seesAllAgencies() ? null : actor.groupId();
        return ids.stream().map(id -> find(id.longValue(), group)).toList();
    }

    /** The items the actor decides: a group administrator's own group's users; administrators all. */
    @SuppressWarnings("unchecked")
    public List<Item> items(Actor actor, long campaignId) {
        find(campaignId);
        String sql = "select i.account_id, a.username, a.display_name, i.role, i.group_id, i.permissions_snapshot,"
                + " i.decision, i.decided_at from inventory_item i join account a on a.id = i.account_id"
                + " where i.campaign_id = ?";
        List<Object[]> rows;
        if (actor.seesAllAgencies()) {
            rows = em.createNativeQuery(sql + " order by i.account_id")
                    .setParameter(1, campaignId)
                    .getResultList();
        } else if (actor.has(Role.GROUP_ADMIN)) {
            rows = em.createNativeQuery(sql + " and i.group_id = ? and i.role = 'USER' order by i.account_id")
                    .setParameter(1, campaignId)
                    .setParameter(2, actor.groupId())
                    .getResultList();
        } else {
            audit.refused(actor, "INVENTORY_READ", "inventory:" + campaignId, "role " + actor.roleName());
            throw AccountException.notPermitted("您無權查看帳號盤點。", "You may not see the account inventory.");
        }
        audit.success(actor, "INVENTORY_READ", "inventory:" + campaignId, null);
        List<Item> items = new ArrayList<>();
        for (Object[] r : rows) {
            items.add(new Item(
                    ((Number) r[0]).longValue(),
                    (String) r[1],
                    (String) r[2],
                    (String) r[3],
                    r[4] == null ? null : ((Number) r[4]).longValue(),
                    (String) r[5],
                    (String) r[6],
                    instant(r[7])));
        }
        return items;
    }

    /** Confirms (the account and its permissions stay) or revokes (the account is disabled now). */
    public Item decide(Actor actor, long campaignId, long accountId, boolean confirm) {
        Campaign campaign = find(campaignId);
        String action = confirm ? "INVENTORY_CONFIRM" : "INVENTORY_REVOKE";
        if (campaign.closedAt() != null) {
            throw new AccountException(409, "INVENTORY_CLOSED", "此帳號盤點已結束。", "This inventory is closed.");
        }
        List<?> rows = em.createNativeQuery("select role, group_id, decision from inventory_item"
                        + " where campaign_id = ? and account_id = ? for update")
                .setParameter(1, campaignId)
                .setParameter(2, accountId)
                .getResultList();
        Object[] item = rows.isEmpty() ? null : (Object[]) rows.get(0);
        boolean mayDecide = item != null
                && (actor.seesAllAgencies()
                        || (actor.has(Role.GROUP_ADMIN)
                                && "USER".equals(item[0])
                                && item[1] != null
                                && actor.groupId().equals(((Number) item[1]).longValue())));
        if (!mayDecide) {
            if (item != null) {
                audit.refused(actor, action, "account:" + accountId, "outside reach");
            }
            throw AccountException.notFound("盤點項目", "inventory item");
        }
        if (!"PENDING".equals(item[2])) {
            throw new AccountException(
                    409,
                    "INVENTORY_ALREADY_DECIDED",
                    "此帳號已盤點過（" + item[2] + "）。",
                    "This account was already decided (" + item[2] + ").");
        }
        Instant now = Instant.now();
        em.createNativeQuery("update inventory_item set decision = ?, decided_by = ?, decided_at = ?"
                        + " where campaign_id = ? and account_id = ?")
                .setParameter(1, confirm ? "CONFIRMED" : "REVOKED")
                .setParameter(2, actor.accountId())
                .setParameter(3, Timestamp.from(now))
                .setParameter(4, campaignId)
                .setParameter(5, accountId)
                .executeUpdate();
        Account account = em.find(Account.class, accountId);
        if (confirm) {
            em.createNativeQuery("update account set last_inventory_at = ? where id = ?")
                    .setParameter(1, Timestamp.from(now))
                    .setParameter(2, accountId)
                    .executeUpdate();
        } else if (account.getStatus() == Account.Status.ACTIVE) {
            account.disable("revoked in account inventory " + campaignId);
        }
        audit.success(actor, action, "account:" + accountId, "inventory " + campaignId);
        return items(actor, campaignId).stream()
                .filter(i -> i.accountId() == accountId)
                .findFirst()
                .orElseThrow();
    }

    /** Closes a campaign whose deadline has passed: every pending account is disabled. */
    public Campaign close(Actor actor, long campaignId) {
        Campaign campaign = find(campaignId);
        if (campaign.closedAt() != null) {
            return campaign;
        }
        if (actor.isUser()) {
            requireAdministrator(actor, "INVENTORY_CLOSE");
        }
        if (Instant.now().isBefore(campaign.deadline())) {
            throw new AccountException(
                    409,
                    "INVENTORY_NOT_DUE",
                    "盤點期限 " + campaign.deadline() + " 尚未到。",
                    "The inventory deadline " + campaign.deadline() + " has not passed.");
        }
        @SuppressWarnings("unchecked")
        List<Number> pending = em.createNativeQuery(
                        "select account_id from inventory_item where campaign_id = ? and decision = 'PENDING'")
                .setParameter(1, campaignId)
                .getResultList();
        for (Number id : pending) {
            Account account = em.find(Account.class, id.longValue());
            if (account.getStatus() == Account.Status.ACTIVE) {
                account.disable("not confirmed in account inventory " + campaignId);
            }
            audit.success(actor, "ACCOUNT_DISABLE", "account:" + id, "not confirmed in inventory " + campaignId);
        }
        em.createNativeQuery("update inventory_item set decision = 'EXPIRED', decided_at = now()"
                        + " where campaign_id = ? and decision = 'PENDING'")
                .setParameter(1, campaignId)
                .executeUpdate();
        em.createNativeQuery("update inventory_campaign set closed_at = now() where id = ?")
                .setParameter(1, campaignId)
                .executeUpdate();
        audit.success(actor, "INVENTORY_CLOSE", "inventory:" + campaignId, pending.size() + " accounts disabled");
        return find(campaignId);
    }

    /** Campaigns whose deadline has passed and that are still open; for the maintenance timer. */
    @SuppressWarnings("unchecked")
    public List<Long> overdue() {
        return ((List<Number>) em.createNativeQuery(
                                "select id from inventory_campaign where closed_at is null and deadline <= now()")
                        .getResultList())
                .stream().map(Number::longValue).toList();
    }

    private void notifyReviewers(long campaignId, Instant deadline) {
        @SuppressWarnings("unchecked")
        List<String> reviewers = em.createNativeQuery("select distinct email from account where status = 'ACTIVE'"
                        + " and role in ('GROUP_ADMIN', 'MODA_ADMIN')")
                .getResultList();
        Set<String> to = new LinkedHashSet<>(reviewers);
        for (String address : to) {
            try {
                mailer.send(
                        address,
                        "111 簡訊平台帳號盤點通知 / Account inventory on the 111 SMS platform",
                        "請於 " + deadline + " 前確認您所管理的每個帳號及其權限是否仍然需要（盤點編號 " + campaignId + "）。"
                                + "逾期未確認的帳號將被停用。\n\n"
                                + "Please confirm before " + deadline + " that every account you manage, and its"
                                + " permissions, are still needed (inventory " + campaignId + "). Accounts not"
                                + " confirmed by then are disabled.\n");
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "could not send the inventory notice to " + address, e);
            }
        }
    }

    private void requireAdministrator(Actor actor, String action) {
        if (!actor.has(Role.MODA_ADMIN) && !actor.has(Role.SYSTEM_ADMIN)) {
            audit.refused(actor, action, null, "role " + actor.roleName());
            throw AccountException.notPermitted("只有數位部或系統管理者可以執行。", "Only MODA or system administrators may do this.");
        }
    }

    private static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof Instant i) {
            return i;
        }
        throw new IllegalStateException("not a time: " + value.getClass());
    }
}
