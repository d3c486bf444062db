package tw.gov.sms.account.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/** A system of an agency that calls the REST API with client credentials. The secret is kept only hashed. */
@Entity
@Table(name = "api_client")
@NamedQuery(name = ApiClient.BY_CLIENT_ID, query = "select c from ApiClient c where c.clientId = :clientId")
public class ApiClient {

    public static final String BY_CLIENT_ID = "ApiClient.byClientId";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "agency_id", nullable = false)
    private Long agencyId;

    @Column(name = "client_id", nullable = false, unique = true, length = 64)
    private String clientId;

    @Column(name = "secret_hash", nullable = false, length = 200)
    private String secretHash;

    @Column(nullable = false, length = 200)
    private String name;

    @Column(nullable = false, length = 300)
    private String permissions;

    @Column(nullable = false, length = 16)
    private String status = "ACTIVE";

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt = OffsetDateTime.now();

    protected ApiClient() {}

    public ApiClient(AgencyId agency, String clientId, String secretHash, String name, Set<String> permissions) {
        this.agencyId = agency.value();
        this.clientId = clientId;
        this.secretHash = secretHash;
        this.name = name;
        this.permissions = String.join(",", permissions);
    }

    public boolean isActive() {
        return "ACTIVE".equals(status);
    }

    public Set<String> permissionSet() {
        return Arrays.stream(permissions.split(","))
                .map(String::strip)
                .filter(p -> !p.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    public Long getId() {
        return id;
    }

    public AgencyId agencyId() {
        return new AgencyId(agencyId);
    }

    public String getClientId() {
        return clientId;
    }

    public String getSecretHash() {
        return secretHash;
    }

    public String getName() {
        return name;
    }
}
