package tw.gov.sms.account.application;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import tw.gov.sms.account.domain.Agency;
import tw.gov.sms.account.domain.ApiClient;
import tw.gov.sms.account.infrastructure.SecretHasher;

/** Checks an API client's id and secret (OAuth 2.0 client credentials). */
@Stateless
public class ClientAuthenticator {

    /** Hashed once so an unknown client id costs as much time as a wrong secret. */
    private static final String DUMMY_HASH = SecretHasher.hash("no such client");

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
            SecretHasher.matches(secret, DUMMY_HASH);
            throw new InvalidClientException();
        }
        ApiClient client = found.get(0);
        if (!SecretHasher.matches(secret, client.getSecretHash()) || !client.isActive()) {
            throw new InvalidClientException();
        }
        Agency agency = em.find(Agency.class, client.agencyId().value());
        if (agency == null || !agency.isActive()) {
            throw new InvalidClientException();
        }
        return new AuthenticatedClient(client.getId(), client.getClientId(), client.agencyId(), client.permissionSet());
    }
}
