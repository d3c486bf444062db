package tw.gov.sms.account.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * A login waiting for its second factor, or a password-reset link. Identified by the SHA-256 of an
 * opaque random id that only the user holds; a code sent by e-mail or SMS is kept hashed too. It is
 * used once, expires, and dies after {@code maxAttempts} wrong codes.
 */
@Entity
@Table(name = "login_challenge")
public class LoginChallenge {

    public enum Purpose {
        LOGIN,
        RESET
    }

    @Id
    @Column(name = "id_hash", length = 64)
    private String idHash;

    @Column(name = "account_id", nullable = false)
    private Long accountId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 8)
    private Purpose purpose;

    @Enumerated(EnumType.STRING)
    @Column(length = 8)
    private Account.MfaKind factor;

    @Column(name = "code_hash", length = 64)
    private String codeHash;

    @Column(nullable = false)
    private short attempts;

    @Column(length = 45)
    private String source;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    @Column(name = "expires_at", nullable = false)
    private OffsetDateTime expiresAt;

    @Column(name = "used_at")
    private OffsetDateTime usedAt;

    protected LoginChallenge() {}

    public LoginChallenge(
            String idHash,
            long accountId,
            Purpose purpose,
            Account.MfaKind factor,
            String codeHash,
            String source,
            Instant now,
            Instant expiresAt) {
        this.idHash = idHash;
        this.accountId = accountId;
        this.purpose = purpose;
        this.factor = factor;
        this.codeHash = codeHash;
        this.source = source;
        this.createdAt = now.atOffset(ZoneOffset.UTC);
        this.expiresAt = expiresAt.atOffset(ZoneOffset.UTC);
    }

    public boolean isOpen(Instant now, int maxAttempts) {
        return usedAt == null && expiresAt.toInstant().isAfter(now) && attempts < maxAttempts;
    }

    public boolean isExpired(Instant now) {
        return !expiresAt.toInstant().isAfter(now);
    }

    public boolean isUsed() {
        return usedAt != null;
    }

    public void recordWrongCode() {
        attempts++;
    }

    public void use(Instant now) {
        usedAt = now.atOffset(ZoneOffset.UTC);
    }

    public long getAccountId() {
        return accountId;
    }

    public Purpose getPurpose() {
        return purpose;
    }

    public String getSource() {
        return source;
    }

    public Account.MfaKind getFactor() {
        return factor;
    }

    public String getCodeHash() {
        return codeHash;
    }
}
