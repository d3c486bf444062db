package tw.gov.sms.account.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * One secret of an API client, stored only as a slow salted hash. A rotation adds a new secret and
 * gives the old ones an end ({@link #expireAt}); until then both work, so the agency can switch its
 * systems over without an outage. Revocation ends a secret at once.
 */
@Entity
@Table(name = "api_client_secret")
@NamedQuery(
        name = ApiClientSecret.OF_CLIENT,
        query = "select s from ApiClientSecret s where s.apiClientId = :clientId order by s.id desc")
public class ApiClientSecret {

    public static final String OF_CLIENT = "ApiClientSecret.ofClient";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "api_client_id", nullable = false)
    private Long apiClientId;

    @Column(name = "secret_hash", nullable = false, length = 200)
    private String secretHash;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    @Column(name = "expires_at")
    private OffsetDateTime expiresAt;

    @Column(name = "revoked_at")
    private OffsetDateTime revokedAt;

    protected ApiClientSecret() {}

    public ApiClientSecret(long apiClientId, String secretHash, Instant now) {
        this.apiClientId = apiClientId;
        this.secretHash = Objects.requireNonNull(secretHash);
        this.createdAt = now.atOffset(ZoneOffset.UTC);
    }

    public boolean validAt(Instant now) {
        return revokedAt == null && (expiresAt == null || expiresAt.toInstant().isAfter(now));
    }

    /** Ends this secret at {@code end} unless it already ends sooner. */
    public void expireAt(Instant end) {
        if (expiresAt == null || expiresAt.toInstant().isAfter(end)) {
            expiresAt = end.atOffset(ZoneOffset.UTC);
        }
    }

    public void revoke(Instant now) {
        if (revokedAt == null) {
            revokedAt = now.atOffset(ZoneOffset.UTC);
        }
    }

    public Long getId() {
        return id;
    }

    public String getSecretHash() {
        return secretHash;
    }

    public Instant getCreatedAt() {
        return createdAt.toInstant();
    }

    public Instant getExpiresAt() {
        return expiresAt == null ? null : expiresAt.toInstant();
    }

    public Instant getRevokedAt() {
        return revokedAt == null ? null : revokedAt.toInstant();
    }
}
