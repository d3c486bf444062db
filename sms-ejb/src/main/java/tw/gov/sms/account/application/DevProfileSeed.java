package tw.gov.sms.account.application;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import tw.gov.sms.account.domain.Account;
import tw.gov.sms.account.domain.AccountGroup;
import tw.gov.sms.account.domain.Agency;
import tw.gov.sms.account.domain.AgencyId;
import tw.gov.sms.account.domain.ApiClient;
import tw.gov.sms.account.domain.ApiClientSecret;
import tw.gov.sms.account.domain.IpAllowEntry;
import tw.gov.sms.account.domain.Permission;
import tw.gov.sms.account.domain.Role;
import tw.gov.sms.identity.PasswordHasher;

/**
 * Creates the demo agency, API client, group, one account per role and the loopback allow-list entries, in the dev profile only ({@code sms.profile=dev}), so that a
 * newcomer can get a token right after {@code ./sms run}. In any other profile it does nothing: no
 * production database ever holds a known credential.
 */
@Singleton
@Startup
@DependsOn("DatabaseMigrator")
public class DevProfileSeed {

    private static final Logger LOG = Logger.getLogger(DevProfileSeed.class.getName());
    public static final String DEMO_AGENCY = "MODA-DEMO";
    public static final String DEMO_GROUP = "示範群組";

    @Inject
    @ConfigProperty(name = "sms.profile", defaultValue = "prod")
    String profile;

    @Inject
    @ConfigProperty(name = "sms.dev.demo-client-id", defaultValue = "demo-client")
    String demoClientId;

    @Inject
    @ConfigProperty(name = "sms.dev.demo-client-secret", defaultValue = "demo-secret")
    String demoClientSecret;

    @Inject
    @ConfigProperty(name = "sms.dev.demo-password", defaultValue = "Demo-pass-111")
    String demoPassword;

    @PersistenceContext(unitName = "sms")
    EntityManager em;

    @PostConstruct
    void seed() {
        if (!"dev".equals(profile)) {
            return;
        }
        Agency agency = em.createNamedQuery(Agency.BY_CODE, Agency.class)
                .setParameter("code", DEMO_AGENCY)
                .getResultStream()
                .findFirst()
                .orElseGet(() -> {
                    Agency a = new Agency(DEMO_AGENCY, "數位發展部（示範）", "數位發展部");
                    em.persist(a);
                    em.flush();
                    return a;
                });
        boolean clientExists = !em.createNamedQuery(ApiClient.BY_CLIENT_ID, ApiClient.class)
                .setParameter("clientId", demoClientId)
                .getResultList()
                .isEmpty();
        if (!clientExists) {
            ApiClient client = new ApiClient(
                    agency.agencyId(), demoClientId, "示範系統 demo client", Set.of("send", "schedule", "view", "export"));
            em.persist(client);
            em.flush();
            em.persist(new ApiClientSecret(
                    client.getId(), PasswordHasher.hash(demoClientSecret), java.time.Instant.now()));
            LOG.warning("dev profile: created demo API client '" + demoClientId + "' for agency " + DEMO_AGENCY);
        }
        seedOrganisation(agency);
        seedQuota(agency);
    }

    @jakarta.annotation.Resource(lookup = "jdbc/sms")
    javax.sql.DataSource dataSource;

    /** Contract code of the dev profile's contract; tests fund the agencies they create under it. */
    public static final String DEV_CONTRACT = "DEV-CONTRACT";

    /**
     * A contract period from the start of last year to the end of next year (NT$0.35 a segment) and one
     * order of 10,000,000 segments for the demo agency, so a developer can send at once. The real ones are
     * entered by MODA administrators (docs/billing.md).
     */
    private void seedQuota(Agency agency) {
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Taipei"));
        try (java.sql.Connection c = dataSource.getConnection()) {
            long contract;
            try (java.sql.PreparedStatement ps = c.prepareStatement("insert into contract (code, name, starts_on,"
                    + " ends_on, unit_price) values (?, ?, ?, ?, 0.35) on conflict (code) do nothing returning id")) {
                ps.setString(1, DEV_CONTRACT);
                ps.setString(2, "開發環境共契 Development contract");
                ps.setObject(3, today.withDayOfYear(1).minusYears(1));
                ps.setObject(4, today.withDayOfYear(1).plusYears(2).minusDays(1));
                try (java.sql.ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return; // seeded at an earlier start
                    }
                    contract = rs.getLong(1);
                }
            }
            long order;
            try (java.sql.PreparedStatement ps = c.prepareStatement("insert into quota_order (contract_id, agency_id,"
                    + " order_no, ordered_on, segments, amount) values (?, ?, 'DEV-0001', ?, 10000000, 3500000)"
                    + " returning id")) {
                ps.setLong(1, contract);
                ps.setLong(2, agency.getId());
                ps.setObject(3, today);
                try (java.sql.ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    order = rs.getLong(1);
                }
            }
            new tw.gov.sms.quota.infrastructure.jdbc.QuotaLedger()
                    .order(c, contract, agency.getId(), order, 10_000_000L, "system");
            LOG.warning("dev profile: created contract " + DEV_CONTRACT + " and an order of 10,000,000 segments for "
                    + DEMO_AGENCY);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("dev profile: seeding the quota failed", e);
        }
    }

    /**
     * The demo group, one account of each role (password {@code sms.dev.demo-password}, second factor by
     * e-mail code, readable in the mail catcher), and loopback approved on the demo agency's allow-list.
     */
    private void seedOrganisation(Agency agency) {
        AccountGroup group = em.createQuery(
                        "select g from AccountGroup g where g.agencyId = :a and g.name = :n", AccountGroup.class)
                .setParameter("a", agency.getId())
                .setParameter("n", DEMO_GROUP)
                .getResultStream()
                .findFirst()
                .orElseGet(() -> {
                    AccountGroup g = new AccountGroup(agency.agencyId(), DEMO_GROUP);
                    em.persist(g);
                    em.flush();
                    return g;
                });
        Instant now = Instant.now();
        for (String cidr : List.of("127.0.0.1/32", "::1/128")) {
            boolean present = !em.createQuery(
                            "select e from IpAllowEntry e where e.agencyId = :a and e.cidr = :c", IpAllowEntry.class)
                    .setParameter("a", agency.getId())
                    .setParameter("c", cidr)
                    .getResultList()
                    .isEmpty();
            if (!present) {
                IpAllowEntry e = new IpAllowEntry(agency.agencyId(), cidr, "dev profile: loopback", null, now);
                em.persist(e);
                e.approve(null, "dev profile", now);
            }
        }
        Set<Permission> all = EnumSet.allOf(Permission.class);
        demoAccount("admin", "系統管理者（示範）", Role.SYSTEM_ADMIN, null, null, all);
        demoAccount("moda-admin", "數位部管理者（示範）", Role.MODA_ADMIN, agency.agencyId(), null, all);
        demoAccount("demo-gadmin", "群組管理者（示範）", Role.GROUP_ADMIN, agency.agencyId(), group.getId(), all);
        demoAccount(
                "demo-user",
                "使用者（示範）",
                Role.USER,
                agency.agencyId(),
                group.getId(),
                EnumSet.of(Permission.SEND, Permission.SCHEDULE, Permission.VIEW));
    }

    private void demoAccount(
            String username, String name, Role role, AgencyId agency, Long groupId, Set<Permission> permissions) {
        if (em.createNamedQuery(Account.BY_USERNAME, Account.class)
                .setParameter("username", username)
                .getResultList()
                .isEmpty()) {
            Account a = new Account(
                    username,
                    name,
                    username + "@demo.sms.gov.tw",
                    null,
                    role,
                    agency,
                    groupId,
                    permissions,
                    PasswordHasher.hash(demoPassword),
                    null,
                    Instant.now());
            a.changePassword(a.getPasswordHash(), Instant.now());
            em.persist(a);
            LOG.warning("dev profile: created demo account '" + username + "' (" + role + ")");
        }
    }
}
