package tw.gov.sms.account.application;

import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import tw.gov.sms.account.domain.Account;
import tw.gov.sms.account.domain.Actor;

/**
 * The account rules that run by the clock: idle accounts are disabled (also checked at each login), and
 * an account inventory whose deadline passed is closed. Both are idempotent, so several instances of a
 * deployment group may run them; each change is audited as the platform's own.
 */
@Singleton
@Startup
public class AccountMaintenance {

    private static final Logger LOG = Logger.getLogger(AccountMaintenance.class.getName());
    private static final Actor PLATFORM = Actor.system("account-maintenance");

    @PersistenceContext(unitName = "sms")
    EntityManager em;

    @Inject
    AccountSettings settings;

    @Inject
    InventoryService inventory;

    @Inject
    Audit audit;

    @Schedule(hour = "*", minute = "*/10", persistent = false)
    void run() {
        try {
            disableIdleAccounts();
            for (long id : inventory.overdue()) {
                inventory.close(PLATFORM, id);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "account maintenance failed; it runs again in ten minutes", e);
        }
    }

    void disableIdleAccounts() {
        Instant limit = Instant.now().minus(settings.idleLimit());
        List<Account> idle = em.createQuery(
                        "select a from Account a where a.status = :s and a.lastActiveAt < :limit", Account.class)
                .setParameter("s", Account.Status.ACTIVE)
                .setParameter("limit", limit.atOffset(java.time.ZoneOffset.UTC))
                .getResultList();
        for (Account a : idle) {
            a.disable("idle for more than " + settings.idleLimit().toDays() + " days");
            audit.success(PLATFORM, "ACCOUNT_DISABLE", "account:" + a.getId(), "idle since " + a.getLastActiveAt());
        }
    }
}
