package tw.gov.sms.account.application;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.OptionalLong;
import tw.gov.sms.account.domain.Account;
import tw.gov.sms.account.domain.Actor;
import tw.gov.sms.account.domain.AgencyId;
import tw.gov.sms.account.domain.LoginChallenge;
import tw.gov.sms.audit.domain.Outcome;
import tw.gov.sms.identity.OneTimeCodes;
import tw.gov.sms.identity.PasswordHasher;
import tw.gov.sms.identity.RecoveryCodes;
import tw.gov.sms.identity.Totp;
import tw.gov.sms.shared.infrastructure.crypto.FieldCipher;

/**
 * Login with two factors (R6.5) and the baseline's rules around it: password first, then a TOTP code,
 * an e-mailed code or an SMS code (or a TOTP recovery code); five failures in a row (password or code)
 * lock the account for fifteen minutes; an idle account is disabled; the source address must be on the
 * agency's allow-list (system administrators: the administrative networks). Every attempt is audited.
 *
 * <p>Failures answer the same for an unknown name and a wrong password, and cost the same time.
 */
@Stateless
public class LoginService {

    private static final String DUMMY_HASH = PasswordHasher.hash("no such account");

    @PersistenceContext(unitName = "sms")
    EntityManager em;

    @Inject
    AccountSettings settings;

    @Inject
    AllowList allowList;

    @Inject
    Audit audit;

    @Inject
    OneTimeCodeSender codes;

    @Inject
    FieldCipher cipher;

    @Inject
    Accounts accounts;

    public PasswordStep checkPassword(String username, String password, String source) {
        Instant now = Instant.now();
        if (recentFailuresFrom(source, now) >= settings.maxFailuresPerAddress()) {
            // Guessing across many names from one address: each name would only ever see its own lock.
            audit.login(
                    null,
                    username,
                    source,
                    "ACCESS_DENIED",
                    Outcome.DENIED,
                    "too many failed logins from this address");
            throw new AccountException(
                    429,
                    "TOO_MANY_ATTEMPTS",
                    "此來源位址登入失敗次數過多，請於 " + settings.lock().toMinutes() + " 分鐘後再試。",
                    "Too many failed logins from this address; try again in "
                            + settings.lock().toMinutes() + " minutes.");
        }
        Optional<Account> found = username == null || username.isBlank()
                ? Optional.empty()
                : accounts.byUsernameForUpdate(username.strip());
        if (found.isEmpty()) {
            PasswordHasher.matches(password == null ? "" : password, DUMMY_HASH);
            audit.login(null, username, source, "LOGIN_FAILED", Outcome.FAILURE, "unknown account");
            throw loginFailed();
        }
        Account account = found.get();
        if (!account.canLogIn()) {
            PasswordHasher.matches(password == null ? "" : password, DUMMY_HASH);
            audit.login(account, username, source, "LOGIN_FAILED", Outcome.DENIED, "account " + account.getStatus());
            throw loginFailed();
        }
        if (account.isLocked(now)) {
            audit.login(account, username, source, "LOGIN_FAILED", Outcome.DENIED, "locked");
            throw locked(account);
        }
        if (!admitted(account, source)) {
            audit.login(account, username, source, "ACCESS_DENIED", Outcome.DENIED, "source not on the allow-list");
            throw sourceNotAllowed(source);
        }
        if (!PasswordHasher.matches(password == null ? "" : password, account.getPasswordHash())) {
            boolean nowLocked = account.recordFailure(now, settings.maxFailedLogins(), settings.lock());
            audit.login(
                    account,
                    username,
                    source,
                    "LOGIN_FAILED",
                    Outcome.FAILURE,
                    nowLocked ? "wrong password; account locked" : "wrong password");
            throw nowLocked ? locked(account) : loginFailed();
        }
        if (now.isAfter(account.getLastActiveAt().plus(settings.idleLimit()))) {
            account.disable("idle for more than " + settings.idleLimit().toDays() + " days");
            audit.login(
                    account,
                    username,
                    source,
                    "ACCOUNT_DISABLED_IDLE",
                    Outcome.DENIED,
                    "idle since " + account.getLastActiveAt());
            throw new AccountException(
                    403,
                    "ACCOUNT_IDLE_DISABLED",
                    "帳號已逾 " + settings.idleLimit().toDays() + " 天未使用而停用，請洽群組管理者。",
                    "The account was idle for more than " + settings.idleLimit().toDays()
                            + " days and is disabled; ask your group administrator.");
        }
        String handle = OneTimeCodes.token();
        Instant expires = now.plus(settings.codeLifetime());
        String code = null;
        String sentTo = null;
        Account.MfaKind factor = account.getMfaKind();
        if (factor == Account.MfaKind.EMAIL) {
            code = OneTimeCodes.numeric();
            codes.byEmail(account, code);
            sentTo = maskEmail(account.getEmail());
        } else if (factor == Account.MfaKind.SMS) {
            code = OneTimeCodes.numeric();
            codes.bySms(account, smsAgency(account), code);
            sentTo = maskMobile(account.getMobile());
        }
        em.persist(new LoginChallenge(
                OneTimeCodes.sha256Hex(handle),
                account.getId(),
                LoginChallenge.Purpose.LOGIN,
                factor,
                code == null ? null : OneTimeCodes.sha256Hex(code),
                source,
                now,
                expires));
        audit.login(account, username, source, "LOGIN_PASSWORD_OK", Outcome.SUCCESS, "second factor " + factor);
        return new PasswordStep(handle, factor.name(), sentTo, expires);
    }

    /** The second factor: a code of the kind the challenge names, or a TOTP recovery code. */
    public SessionGrant checkSecondFactor(String handle, String code, String source) {
        Instant now = Instant.now();
        LoginChallenge challenge = handle == null
                ? null
                : em.find(LoginChallenge.class, OneTimeCodes.sha256Hex(handle), LockModeType.PESSIMISTIC_WRITE);
        if (challenge == null
                || challenge.getPurpose() != LoginChallenge.Purpose.LOGIN
                || !challenge.isOpen(now, settings.codeAttempts())) {
            throw new AccountException(
                    401,
                    "LOGIN_CHALLENGE_EXPIRED",
                    "登入驗證已逾時或已使用，請重新登入。",
                    "This login has expired or was used; log in again.");
        }
        Account account = em.find(Account.class, challenge.getAccountId(), LockModeType.PESSIMISTIC_WRITE);
        if (!java.util.Objects.equals(challenge.getSource(), source)) {
            challenge.use(now);
            audit.login(
                    account,
                    account.getUsername(),
                    source,
                    "LOGIN_FAILED",
                    Outcome.DENIED,
                    "second factor from another address than the password (" + challenge.getSource() + ")");
            throw new AccountException(
                    401,
                    "LOGIN_CHALLENGE_EXPIRED",
                    "登入驗證已逾時或已使用，請重新登入。",
                    "This login has expired or was used; log in again.");
        }
        if (!account.canLogIn() || account.isLocked(now)) {
            challenge.use(now);
            audit.login(account, account.getUsername(), source, "LOGIN_FAILED", Outcome.DENIED, "locked or disabled");
            throw account.isLocked(now) ? locked(account) : loginFailed();
        }
        String accepted = accept(account, challenge, code == null ? "" : code.strip(), now);
        if (accepted == null) {
            challenge.recordWrongCode();
            boolean nowLocked = account.recordFailure(now, settings.maxFailedLogins(), settings.lock());
            if (nowLocked) {
                challenge.use(now);
            }
            audit.login(
                    account,
                    account.getUsername(),
                    source,
                    "LOGIN_FAILED",
                    Outcome.FAILURE,
                    "wrong " + challenge.getFactor() + " code" + (nowLocked ? "; account locked" : ""));
            throw nowLocked
                    ? locked(account)
                    : new AccountException(
                            401, "SECOND_FACTOR_FAILED", "驗證碼錯誤或已使用過。", "The code is wrong or was already used.");
        }
        challenge.use(now);
        account.recordLogin(now);
        audit.login(account, account.getUsername(), source, "LOGIN", Outcome.SUCCESS, "second factor " + accepted);
        return new SessionGrant(accounts.actorOf(account, source), mustChange(account, now), now);
    }

    /** First login, an administrator's reset, or a password older than the maximum age. */
    private boolean mustChange(Account account, Instant now) {
        return account.isMustChangePassword()
                || now.isAfter(account.getPasswordChangedAt().plus(settings.passwordMaxAge()));
    }

    private long recentFailuresFrom(String source, Instant now) {
        if (source == null) {
            return 0;
        }
        Number n = (Number) em.createNativeQuery("select count(*) from audit_event where action = 'LOGIN_FAILED'"
                        + " and source_address = ? and occurred_at > ?")
                .setParameter(1, source)
                .setParameter(2, java.sql.Timestamp.from(now.minus(settings.lock())))
                .getSingleResult();
        return n.longValue();
    }

    /** Which factor matched, or null. A TOTP code is accepted once (its time step is remembered). */
    private String accept(Account account, LoginChallenge challenge, String code, Instant now) {
        if (challenge.getFactor() == Account.MfaKind.TOTP) {
            byte[] secret = Base64.getDecoder()
                    .decode(cipher.decrypt(account.getTotpSecretCipher(), FieldCipher.Purpose.TOTP_SEED));
            OptionalLong step = Totp.DEFAULT.verify(secret, code, now, account.getTotpLastStep());
            if (step.isPresent()) {
                account.acceptTotpStep(step.getAsLong());
                return "TOTP";
            }
            if (code.length() > 8 && useRecoveryCode(account, code, now)) {
                return "RECOVERY_CODE";
            }
            return null;
        }
        return challenge.getCodeHash() != null
                        && OneTimeCodes.constantTimeEquals(challenge.getCodeHash(), OneTimeCodes.sha256Hex(code))
                ? challenge.getFactor().name()
                : null;
    }

    private boolean useRecoveryCode(Account account, String code, Instant now) {
        int used = em.createNativeQuery("update recovery_code set used_at = ? where account_id = ? and code_hash = ?"
                        + " and used_at is null")
                .setParameter(1, java.sql.Timestamp.from(now))
                .setParameter(2, account.getId())
                .setParameter(3, RecoveryCodes.hash(code))
                .executeUpdate();
        return used == 1;
    }

    /** Extends a live session (idle timeout), never past its absolute limit, and only for an active account. */
    public SessionGrant refresh(Actor actor, Instant startedAt, String source) {
        Instant now = Instant.now();
        Account account = em.find(Account.class, actor.accountId());
        if (account == null
                || !account.canLogIn()
                || account.isLocked(now)
                || now.isAfter(startedAt.plus(settings.sessionMax()))) {
            throw new AccountException(401, "SESSION_ENDED", "工作階段已結束，請重新登入。", "The session has ended; log in again.");
        }
        if (!admitted(account, source)) {
            throw sourceNotAllowed(source);
        }
        return new SessionGrant(accounts.actorOf(account, source), mustChange(account, now), startedAt);
    }

    private boolean admitted(Account account, String source) {
        return allowList.admitsAccount(account, source);
    }

    private AgencyId smsAgency(Account account) {
        if (account.getAgencyId() != null) {
            return new AgencyId(account.getAgencyId());
        }
        throw new AccountException(
                409,
                "SMS_CODE_UNAVAILABLE",
                "此帳號不屬於任何機關，無法以簡訊傳送驗證碼，請改用驗證器 App 或電子郵件。",
                "This account belongs to no agency, so no SMS code can be sent; use an authenticator app or e-mail.");
    }

    static AccountException loginFailed() {
        return new AccountException(401, "LOGIN_FAILED", "帳號或密碼錯誤。", "Wrong username or password.");
    }

    static AccountException locked(Account account) {
        String until = account.lockedUntil().map(Instant::toString).orElse("");
        return new AccountException(
                423,
                "ACCOUNT_LOCKED",
                "登入失敗次數過多，帳號已鎖定至 " + until + "。",
                "Too many failed logins; the account is locked until " + until + ".");
    }

    static AccountException sourceNotAllowed(String source) {
        return new AccountException(
                403,
                "SOURCE_NOT_ALLOWED",
                "來源位址 " + source + " 不在核准的允許清單中。",
                "The source address " + source + " is not on the approved allow-list.");
    }

    static String maskEmail(String email) {
        int at = email.indexOf('@');
        return at <= 1 ? "***" + email.substring(Math.max(at, 0)) : email.charAt(0) + "***" + email.substring(at);
    }

    static String maskMobile(String mobile) {
        return mobile == null || mobile.length() < 7 ? "***" : mobile.substring(0, 4) + "***" + mobile.substring(7);
    }
}
