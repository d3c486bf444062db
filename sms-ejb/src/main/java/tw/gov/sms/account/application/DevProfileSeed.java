package tw.gov.sms.account.application;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Set;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import tw.gov.sms.account.domain.Agency;
import tw.gov.sms.account.domain.ApiClient;
import tw.gov.sms.account.infrastructure.SecretHasher;

/**
 * Creates the demo agency and API client, in the dev profile only ({@code sms.profile=dev}), so that a
 * newcomer can get a token right after {@code ./sms run}. In any other profile it does nothing: no
 * production database ever holds a known credential.
 */
@Singleton
@Startup
@DependsOn("DatabaseMigrator")
public class DevProfileSeed {

    private static final Logger LOG = Logger.getLogger(DevProfileSeed.class.getName());
    public static final String DEMO_AGENCY = "MODA-DEMO";

    @Inject
    @ConfigProperty(name = "sms.profile", defaultValue = "prod")
    String profile;

    @Inject
    @ConfigProperty(name = "sms.dev.demo-client-id", defaultValue = "demo-client")
    String demoClientId;

    @Inject
    @ConfigProperty(name = "sms.dev.demo-client-secret", defaultValue = "demo-secret")
    String demoClientSecret;

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
            em.persist(new ApiClient(
                    agency.agencyId(),
                    demoClientId,
                    SecretHasher.hash(demoClientSecret),
                    "示範系統 demo client",
                    Set.of("send", "view")));
            LOG.warning("dev profile: created demo API client '" + demoClientId + "' for agency " + DEMO_AGENCY);
        }
    }
}
