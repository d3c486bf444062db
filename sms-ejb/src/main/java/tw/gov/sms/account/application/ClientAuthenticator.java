package tw.gov.sms.account.application;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import tw.gov.sms.account.domain.Agency;
import tw.gov.sms.account.domain.ApiClient;
import tw.gov.sms.account.domain.ApiClientSecret;
import tw.gov.sms.identity.PasswordHasher;

/**
 * Checks an API client's id and secret (OAuth 2.0 client credentials). Any of the client's secrets
 * that is neither expired nor revoked is accepted, which is what lets a rotation overlap.
 */
@Stateless
public class ClientAuthenticator {

    /** Hashed once so an unknown client id costs as much time as a wrong secret. */
    private static final String DUMMY_HASH = PasswordHasher.hash("no such client");

    @PersistenceContext(unitName = "sms")
    EntityManager em;

    public AuthenticatedClient authenticate(String clientId, String secret) {
        if (clientId == null || secret == null || clientId.isBlank() || secret.isBlank()) {
            throw new InvalidClientException();
        }
        List<ApiClient> found = em.createNamedQuery(ApiClient.BY_CLIENT_ID, ApiClient.class)
                .setParameter("clientId", clientId)
                .getResultList();
        if (found.isEmpty()) {
            PasswordHasher.matches(secret, DUMMY_HASH);
            throw new InvalidClientException();
        }
        ApiClient client = found.get(0);
        Instant now = Instant.now();
        boolean matched = false;
        for (ApiClientSecret s : em.createNamedQuery(ApiClientSecret.OF_CLIENT, ApiClientSecret.class)
                .setParameter("clientId", client.getId())
                .getResultList()) {
            if (s.validAt(now) && PasswordHasher.matches(secret, s.getSecretHash())) {
                matched = true;
                break;
            }
        }
        if (!matched || !client.isActive()) {
            throw new InvalidClientException();
        }
        Agency agency = em.find(Agency.class, client.agencyId().value());
        if (agency == null || !agency.isActive()) {
            throw new InvalidClientException();
        }
        return new AuthenticatedClient(client.getId(), client.getClientId(), client.agencyId(), client.permissionSet());
    }
}
