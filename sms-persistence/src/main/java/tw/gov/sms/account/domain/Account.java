package tw.gov.sms.account.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A portal account of a person (no shared accounts). It carries the login rules of the security
 * baseline that depend only on its own state: the failure counter and lock, the forced change of an
 * initial or reset password, disabling and deletion. Password strength and history are checked by the
 * service before {@link #changePassword} is called; the account keeps only hashes.
 */
@Entity
@Table(name = "account")
@NamedQuery(name = Account.BY_USERNAME, query = "select a from Account a where lower(a.username) = lower(:username)")
public class Account {

    public static final String BY_USERNAME = "Account.byUsername";

    public enum Status {
        ACTIVE,
        DISABLED,
        DELETED
    }

    public enum MfaKind {
        TOTP,
        EMAIL,
        SMS
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, length = 64)
    private String username;

    @Column(name = "display_name", nullable = false, length = 100)
    private String displayName;

    @Column(nullable = false, length = 254)
    private String email;

    @Column(length = 10)
    private String mobile;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private Role role;

    @Column(name = "agency_id")
    private Long agencyId;

    @Column(name = "group_id")
    private Long groupId;

    @Column(nullable = false, length = 300)
    private String permissions = "";

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 12)
    private Status status = Status.ACTIVE;

    @Column(name = "disabled_reason", length = 200)
    private String disabledReason;

    @Column(name = "password_hash", nullable = false, length = 200)
    private String passwordHash;

    @Column(name = "password_changed_at", nullable = false)
    private OffsetDateTime passwordChangedAt;

    @Column(name = "must_change_password", nullable = false)
    private boolean mustChangePassword = true;

    @Column(name = "failed_logins", nullable = false)
    private short failedLogins;

    @Column(name = "locked_until")
    private OffsetDateTime lockedUntil;

    @Column(name = "last_login_at")
    private OffsetDateTime lastLoginAt;

    @Column(name = "last_active_at", nullable = false)
    private OffsetDateTime lastActiveAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "mfa_kind", nullable = false, length = 8)
    private MfaKind mfaKind = MfaKind.EMAIL;

    @Column(name = "totp_secret_cipher")
    private byte[] totpSecretCipher;

    @Column(name = "totp_key_version")
    private Short totpKeyVersion;

    @Column(name = "totp_last_step", nullable = false)
    private long totpLastStep;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    @Column(name = "created_by")
    private Long createdBy;

    protected Account() {}

    /** A new account with an initial password that must be changed at first login. */
    public Account(
            String username,
            String displayName,
            String email,
            String mobile,
            Role role,
            AgencyId agency,
            Long groupId,
            Set<Permission> permissions,
            String initialPasswordHash,
            Long createdBy,
            Instant now) {
        this.username = Objects.requireNonNull(username);
        this.displayName = Objects.requireNonNull(displayName);
        this.email = Objects.requireNonNull(email);
        this.mobile = mobile;
        this.role = Objects.requireNonNull(role);
        this.agencyId = agency == null ? null : agency.value();
        this.groupId = groupId;
        if (role.inGroup() && (agency == null || groupId == null)) {
            throw new IllegalArgumentException(role + " needs an agency and a group");
        }
        if (!role.inGroup() && groupId != null) {
            throw new IllegalArgumentException(role + " belongs to no group");
        }
        this.permissions = Permission.format(permissions);
        this.passwordHash = Objects.requireNonNull(initialPasswordHash);
        this.createdBy = createdBy;
        OffsetDateTime at = at(now);
        this.createdAt = at;
        this.passwordChangedAt = at;
        this.lastActiveAt = at;
    }

    // ---- login rules -------------------------------------------------------------------------

    public boolean isLocked(Instant now) {
        return lockedUntil != null && lockedUntil.toInstant().isAfter(now);
    }

    public Optional<Instant> lockedUntil() {
        return Optional.ofNullable(lockedUntil).map(OffsetDateTime::toInstant);
    }

    /** A wrong password or code: after {@code maxFailures} in a row the account locks for {@code lock}. */
    public boolean recordFailure(Instant now, int maxFailures, Duration lock) {
        failedLogins++;
        if (failedLogins >= maxFailures) {
            lockedUntil = at(now.plus(lock));
            failedLogins = 0;
            return true;
        }
        return false;
    }

    /** Both factors passed. */
    public void recordLogin(Instant now) {
        failedLogins = 0;
        lockedUntil = null;
        lastLoginAt = at(now);
        lastActiveAt = lastLoginAt;
    }

    public void unlock() {
        failedLogins = 0;
        lockedUntil = null;
    }

    public void changePassword(String newHash, Instant now) {
        this.passwordHash = Objects.requireNonNull(newHash);
        this.passwordChangedAt = at(now);
        this.mustChangePassword = false;
    }

    /** An administrator set a new initial password, or a reset link was used by someone else's request. */
    public void resetPassword(String initialHash, Instant now) {
        this.passwordHash = Objects.requireNonNull(initialHash);
        this.passwordChangedAt = at(now);
        this.mustChangePassword = true;
        unlock();
    }

    public boolean canLogIn() {
        return status == Status.ACTIVE;
    }

    public void disable(String reason) {
        if (status == Status.DELETED) {
            throw new IllegalStateException("a deleted account cannot be disabled");
        }
        status = Status.DISABLED;
        disabledReason = reason;
    }

    public void enable(Instant now) {
        if (status == Status.DELETED) {
            throw new IllegalStateException("a deleted account cannot be enabled");
        }
        status = Status.ACTIVE;
        disabledReason = null;
        lastActiveAt = at(now);
        unlock();
    }

    /** Deletion keeps the row (jobs and audit events name it) but frees nothing and admits no one. */
    public void delete() {
        status = Status.DELETED;
        disabledReason = "deleted";
    }

    // ---- second factor -----------------------------------------------------------------------

    /**
     * Keeps a new authenticator seed until a code from it is confirmed; the factor in use does not change
     * until then. Re-enrolling replaces the seed of an earlier authenticator.
     */
    public void stageTotp(byte[] secretCipher, short keyVersion) {
        this.totpSecretCipher = secretCipher;
        this.totpKeyVersion = keyVersion;
        this.totpLastStep = 0;
    }

    /** A code of the staged seed was right: TOTP becomes the second factor. */
    public void confirmTotp(long step) {
        if (totpSecretCipher == null) {
            throw new IllegalStateException("no authenticator is being enrolled");
        }
        acceptTotpStep(step);
        this.mfaKind = MfaKind.TOTP;
    }

    public void useCodeBy(MfaKind kind) {
        if (kind == MfaKind.TOTP) {
            throw new IllegalArgumentException("TOTP is chosen by enrolling an authenticator");
        }
        if (kind == MfaKind.SMS && mobile == null) {
            throw new IllegalArgumentException("SMS codes need a mobile number");
        }
        this.mfaKind = kind;
        this.totpSecretCipher = null;
        this.totpKeyVersion = null;
    }

    /** Records the TOTP time step just accepted, so the same code is never accepted again. */
    public void acceptTotpStep(long step) {
        if (step <= totpLastStep) {
            throw new IllegalStateException("TOTP step " + step + " is not after " + totpLastStep);
        }
        totpLastStep = step;
    }

    // ---- administration ----------------------------------------------------------------------

    public void grant(Set<Permission> newPermissions) {
        this.permissions = Permission.format(newPermissions);
    }

    public void updateContact(String displayName, String email, String mobile) {
        if (displayName != null && !displayName.isBlank()) {
            this.displayName = displayName.strip();
        }
        if (email != null && !email.isBlank()) {
            this.email = email.strip();
        }
        if (mobile != null) {
            this.mobile = mobile.isBlank() ? null : mobile.strip();
        }
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    // ---- reading -----------------------------------------------------------------------------

    public Long getId() {
        return id;
    }

    public AccountId accountId() {
        return new AccountId(id);
    }

    public String getUsername() {
        return username;
    }

    public String getDisplayName() {
        return displayName;
    }

    public String getEmail() {
        return email;
    }

    public String getMobile() {
        return mobile;
    }

    public Role getRole() {
        return role;
    }

    public Long getAgencyId() {
        return agencyId;
    }

    public Long getGroupId() {
        return groupId;
    }

    public Set<Permission> permissionSet() {
        Set<Permission> set = Permission.parse(permissions);
        return set.isEmpty() ? EnumSet.noneOf(Permission.class) : EnumSet.copyOf(set);
    }

    public Status getStatus() {
        return status;
    }

    public String getDisabledReason() {
        return disabledReason;
    }

    public String getPasswordHash() {
        return passwordHash;
    }

    public Instant getPasswordChangedAt() {
        return passwordChangedAt.toInstant();
    }

    public boolean isMustChangePassword() {
        return mustChangePassword;
    }

    public Optional<Instant> getLastLoginAt() {
        return Optional.ofNullable(lastLoginAt).map(OffsetDateTime::toInstant);
    }

    public Instant getLastActiveAt() {
        return lastActiveAt.toInstant();
    }

    public MfaKind getMfaKind() {
        return mfaKind;
    }

    public byte[] getTotpSecretCipher() {
        return totpSecretCipher;
    }

    public Short getTotpKeyVersion() {
        return totpKeyVersion;
    }

    public long getTotpLastStep() {
        return totpLastStep;
    }

    public Instant getCreatedAt() {
        return createdAt.toInstant();
    }
}
