package tw.gov.sms.account.application;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import tw.gov.sms.account.domain.Actor;
import tw.gov.sms.account.domain.AgencyId;
import tw.gov.sms.account.domain.ApiClient;
import tw.gov.sms.account.domain.ApiClientSecret;
import tw.gov.sms.account.domain.Permission;
import tw.gov.sms.account.domain.Role;
import tw.gov.sms.identity.PasswordHasher;

/**
 * An agency's API clients (issue 6, item 6): created by the agency's group administrator (or a MODA or
 * system administrator) with a subset of the permissions they hold; the secret is shown once and kept
 * hashed; rotating adds a new secret and ends the old ones after an overlap, so systems switch without
 * an outage; revoking stops the client at once.
 */
@Stateless
public class ApiClientAdministration {

    private static final SecureRandom RANDOM = new SecureRandom();

    @PersistenceContext(unitName = "sms")
    EntityManager em;

    @Inject
    Audit audit;

    @Inject
    AccountSettings settings;

    public record ClientView(
            long id, String clientId, long agencyId, String name, Set<String> permissions, String status) {
        static ClientView of(ApiClient c) {
            return new ClientView(
                    c.getId(),
                    c.getClientId(),
                    c.agencyId().value(),
                    c.getName(),
                    new TreeSet<>(c.permissionSet()),
                    c.getStatus());
        }
    }

    /** The secret in plain text, this once. */
    public record IssuedSecret(ClientView client, String clientSecret, Instant previousSecretsEnd) {}

    public IssuedSecret create(Actor actor, Long agencyId, String name, Set<String> permissions) {
        AgencyId agency = agencyFor(actor, agencyId, "API_CLIENT_CREATE");
        Set<String> granted = checkedPermissions(actor, permissions);
        if (name == null || name.isBlank()) {
            throw AccountException.invalid("FIELD_REQUIRED", "缺少必填欄位：name", "Missing required field: name");
        }
        String clientId = "c-" + random(9).toLowerCase().replace('_', 'x').replace('-', 'y');
        ApiClient client = new ApiClient(agency, clientId, name.strip(), granted);
        em.persist(client);
        em.flush();
        String secret = random(32);
        em.persist(new ApiClientSecret(client.getId(), PasswordHasher.hash(secret), Instant.now()));
        audit.success(actor, "API_CLIENT_CREATE", "api-client:" + client.getId(), clientId + " " + granted);
        return new IssuedSecret(ClientView.of(client), secret, null);
    }

    public IssuedSecret rotate(Actor actor, long id, Integer overlapHours) {
        ApiClient client = manageable(actor, id, "API_CLIENT_ROTATE");
        if (!client.isActive()) {
            throw new AccountException(409, "API_CLIENT_REVOKED", "用戶端已撤銷。", "The client is revoked.");
        }
        Duration overlap = overlapHours == null ? settings.secretOverlap() : Duration.ofHours(overlapHours);
        if (overlap.isNegative() || overlap.toHours() > 720) {
            throw AccountException.invalid("OVERLAP_INVALID", "重疊期須介於 0 至 720 小時。", "The overlap is 0 to 720 hours.");
        }
        Instant now = Instant.now();
        Instant end = now.plus(overlap);
        for (ApiClientSecret s : em.createNamedQuery(ApiClientSecret.OF_CLIENT, ApiClientSecret.class)
                .setParameter("clientId", client.getId())
                .getResultList()) {
            s.expireAt(end);
        }
        String secret = random(32);
        em.persist(new ApiClientSecret(client.getId(), PasswordHasher.hash(secret), now));
        audit.success(actor, "API_CLIENT_ROTATE", "api-client:" + id, "old secrets end " + end);
        return new IssuedSecret(ClientView.of(client), secret, end);
    }

    public ClientView revoke(Actor actor, long id) {
        ApiClient client = manageable(actor, id, "API_CLIENT_REVOKE");
        Instant now = Instant.now();
        client.revoke(now);
        em.createNamedQuery(ApiClientSecret.OF_CLIENT, ApiClientSecret.class)
                .setParameter("clientId", client.getId())
                .getResultList()
                .forEach(s -> s.revoke(now));
        audit.success(actor, "API_CLIENT_REVOKE", "api-client:" + id, client.getClientId());
        return ClientView.of(client);
    }

    public List<ClientView> list(Actor actor) {
        if (actor.seesAllAgencies()) {
            return em.createQuery("select c from ApiClient c order by c.id", ApiClient.class)
                    .getResultStream()
                    .map(ClientView::of)
                    .toList();
        }
        if (actor.has(Role.GROUP_ADMIN)) {
            return em.createNamedQuery(ApiClient.BY_AGENCY, ApiClient.class)
                    .setParameter("agencyId", actor.agency().value())
                    .getResultStream()
                    .map(ClientView::of)
                    .toList();
        }
        throw AccountException.notPermitted("您無權管理 API 用戶端。", "You may not manage API clients.");
    }

    private ApiClient manageable(Actor actor, long id, String action) {
        ApiClient client = em.find(ApiClient.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (client == null) {
            throw AccountException.notFound("API 用戶端", "API client");
        }
        boolean allowed = actor.has(Role.SYSTEM_ADMIN)
                || actor.has(Role.MODA_ADMIN)
                || (actor.has(Role.GROUP_ADMIN) && actor.agency().equals(client.agencyId()));
        if (!allowed) {
            audit.refused(actor, action, "api-client:" + id, "outside reach");
            throw AccountException.notFound("API 用戶端", "API client");
        }
        return client;
    }

    private AgencyId agencyFor(Actor actor, Long agencyId, String action) {
        if (actor.has(Role.GROUP_ADMIN)) {
            if (agencyId != null && agencyId != actor.agency().value()) {
                audit.refused(actor, action, "agency:" + agencyId, "another agency");
                throw AccountException.notPermitted("只能為自己的機關建立用戶端。", "You create clients for your own agency only.");
            }
            return actor.agency();
        }
        if (actor.has(Role.SYSTEM_ADMIN) || actor.has(Role.MODA_ADMIN)) {
            if (agencyId == null || em.find(tw.gov.sms.account.domain.Agency.class, agencyId) == null) {
                throw AccountException.invalid("AGENCY_REQUIRED", "請指定存在的機關。", "Name an existing agency (agencyId).");
            }
            return new AgencyId(agencyId);
        }
        audit.refused(actor, action, null, "role " + actor.roleName());
        throw AccountException.notPermitted("您無權管理 API 用戶端。", "You may not manage API clients.");
    }

    private static Set<String> checkedPermissions(Actor actor, Set<String> requested) {
        Set<String> granted = new TreeSet<>();
        for (String p : requested == null ? Set.<String>of() : requested) {
            Permission permission = Permission.ofCode(p)
                    .orElseThrow(() ->
                            AccountException.invalid("PERMISSION_INVALID", "未知的權限：" + p, "Unknown permission: " + p));
            if (actor.has(Role.GROUP_ADMIN) && !actor.hasPermission(permission)) {
                throw AccountException.notPermitted(
                        "不能授予超過您本身的權限：" + p, "You cannot grant a permission you do not hold: " + p);
            }
            granted.add(permission.code());
        }
        if (granted.isEmpty()) {
            throw AccountException.invalid("PERMISSIONS_REQUIRED", "請至少授予一項權限。", "Grant at least one permission.");
        }
        return granted;
    }

    private static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
