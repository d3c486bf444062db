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

/**
 * A system of an agency that calls the REST API with client credentials. Its secrets ({@link
 * ApiClientSecret}) are kept only hashed; several can be valid at once while a rotation overlaps.
 */
@Entity
@Table(name = "api_client")
@NamedQuery(name = ApiClient.BY_CLIENT_ID, query = "select c from ApiClient c where c.clientId = :clientId")
@NamedQuery(name = ApiClient.BY_AGENCY, query = "select c from ApiClient c where c.agencyId = :agencyId order by c.id")
public class ApiClient {

    public static final String BY_CLIENT_ID = "ApiClient.byClientId";
    public static final String BY_AGENCY = "ApiClient.byAgency";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "agency_id", nullable = false)
    private Long agencyId;

    @Column(name = "client_id", nullable = false, unique = true, length = 64)
    private String clientId;

    @Column(nullable = false, length = 200)
    private String name;

    @Column(nullable = false, length = 300)
    private String permissions;

    @Column(nullable = false, length = 16)
    private String status = "ACTIVE";

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt = OffsetDateTime.now();

    @Column(name = "revoked_at")
    private OffsetDateTime revokedAt;

    protected ApiClient() {}

    public ApiClient(AgencyId agency, String clientId, String name, Set<String> permissions) {
        this.agencyId = agency.value();
        this.clientId = clientId;
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

    /** Revocation is final: every secret of the client stops working at once. */
    public void revoke(java.time.Instant now) {
        status = "REVOKED";
        revokedAt = now.atOffset(java.time.ZoneOffset.UTC);
    }

    public void grant(Set<String> newPermissions) {
        this.permissions = String.join(",", new java.util.TreeSet<>(newPermissions));
    }

    public String getStatus() {
        return status;
    }

    public OffsetDateTime getCreatedAt() {
        return createdAt;
    }

    public String getName() {
        return name;
    }
}
