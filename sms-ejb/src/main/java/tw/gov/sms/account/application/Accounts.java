package tw.gov.sms.account.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import tw.gov.sms.account.domain.Account;
import tw.gov.sms.account.domain.Actor;
import tw.gov.sms.account.domain.AgencyId;
import tw.gov.sms.account.domain.Permission;

/** Finding accounts and the password history; shared by the login, credential and administration services. */
@ApplicationScoped
public class Accounts {

    @PersistenceContext(unitName = "sms")
    EntityManager em;

    public Optional<Account> byUsernameForUpdate(String username) {
        return em.createNamedQuery(Account.BY_USERNAME, Account.class)
                .setParameter("username", username)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultStream()
                .findFirst();
    }

    public Optional<Account> byUsername(String username) {
        return em.createNamedQuery(Account.BY_USERNAME, Account.class)
                .setParameter("username", username)
                .getResultStream()
                .findFirst();
    }

    /**
     * Whether the account or API client behind a token may still act: a disabled, deleted or locked
     * account and a revoked client stop at their next request, not when their token expires.
     */
    public boolean stillActive(Actor actor) {
        return switch (actor.kind()) {
            case SYSTEM -> true;
            case USER -> {
                Account a = em.find(Account.class, actor.accountId());
                yield a != null && a.canLogIn() && !a.isLocked(Instant.now());
            }
            case API_CLIENT -> {
                tw.gov.sms.account.domain.ApiClient c =
                        em.find(tw.gov.sms.account.domain.ApiClient.class, actor.accountId());
                yield c != null && c.isActive();
            }
        };
    }

    public Optional<Account> byId(long id) {
        return Optional.ofNullable(em.find(Account.class, id));
    }

    /** The actor a logged-in account acts as: its role, agency, group and permissions. */
    public Actor actorOf(Account account, String source) {
        Set<String> permissions =
                account.permissionSet().stream().map(Permission::code).collect(Collectors.toSet());
        return new Actor(
                Actor.Kind.USER,
                account.getId(),
                account.getUsername(),
                account.getRole(),
                account.getAgencyId() == null ? null : new AgencyId(account.getAgencyId()),
                account.getGroupId(),
                permissions,
                source);
    }

    /** The hashes of the current and the previous passwords, newest first, as many as the policy looks back. */
    @SuppressWarnings("unchecked")
    public List<String> recentPasswordHashes(Account account, int depth) {
        List<String> earlier = em.createNativeQuery(
                        "select password_hash from password_history where account_id = ? order by replaced_at desc limit ?")
                .setParameter(1, account.getId())
                .setParameter(2, Math.max(depth - 1, 0))
                .getResultList();
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(account.getPasswordHash()), earlier.stream())
                .limit(depth)
                .toList();
    }

    public void rememberPassword(Account account, Instant now) {
        em.createNativeQuery("insert into password_history (account_id, password_hash, replaced_at) values (?, ?, ?)")
                .setParameter(1, account.getId())
                .setParameter(2, account.getPasswordHash())
                .setParameter(3, Timestamp.from(now))
                .executeUpdate();
    }
}
