package tw.gov.sms.account.application;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.OptionalLong;
import tw.gov.sms.account.domain.Account;
import tw.gov.sms.account.domain.Actor;
import tw.gov.sms.account.domain.LoginChallenge;
import tw.gov.sms.audit.domain.Outcome;
import tw.gov.sms.identity.OneTimeCodes;
import tw.gov.sms.identity.OtpAuthUri;
import tw.gov.sms.identity.PasswordHasher;
import tw.gov.sms.identity.PasswordPolicy;
import tw.gov.sms.identity.PasswordProblem;
import tw.gov.sms.identity.QrCode;
import tw.gov.sms.identity.RecoveryCodes;
import tw.gov.sms.identity.Totp;
import tw.gov.sms.shared.infrastructure.crypto.FieldCipher;
import tw.gov.sms.shared.infrastructure.mail.Mailer;

/**
 * A user's own credentials: changing the password (complexity, no reuse of the last three), the
 * one-time, time-limited reset link, and enrolling an authenticator app (QR code, recovery codes) or
 * choosing e-mail or SMS codes as the second factor.
 */
@Stateless
public class CredentialService {

    static final String ISSUER = "111 政府簡訊平台";

    @PersistenceContext(unitName = "sms")
    EntityManager em;

    @Inject
    Accounts accounts;

    @Inject
    AccountSettings settings;

    @Inject
    Audit audit;

    @Inject
    Mailer mailer;

    @Inject
    FieldCipher cipher;

    @Inject
    AllowList allowList;

    public record TotpEnrolment(String secret, String otpauthUri, String qrCodeDataUri) {}

    public void changePassword(Actor actor, String current, String proposed) {
        Account account = own(actor);
        Instant now = Instant.now();
        if (!PasswordHasher.matches(current == null ? "" : current, account.getPasswordHash())) {
            boolean locked = account.recordFailure(now, settings.maxFailedLogins(), settings.lock());
            audit.failed(actor, "PASSWORD_CHANGE", "account:" + account.getId(), "wrong current password");
            throw locked
                    ? LoginService.locked(account)
                    : AccountException.invalid("CURRENT_PASSWORD_WRONG", "目前密碼錯誤。", "The current password is wrong.");
        }
        setPassword(account, proposed, now);
        audit.success(actor, "PASSWORD_CHANGE", "account:" + account.getId(), null);
    }

    /** Always answers the same, whether or not the name exists, so it cannot be used to find accounts. */
    public void requestReset(String username, String source) {
        if (username == null || username.isBlank()) {
            return;
        }
        Instant now = Instant.now();
        accounts.byUsername(username.strip())
                .filter(Account::canLogIn)
                .ifPresentOrElse(
                        account -> {
                            mailResetLink(account, source, now);
                            audit.login(
                                    account,
                                    username,
                                    source,
                                    "PASSWORD_RESET_REQUESTED",
                                    Outcome.SUCCESS,
                                    "link mailed");
                        },
                        () -> audit.login(
                                null,
                                username,
                                source,
                                "PASSWORD_RESET_REQUESTED",
                                Outcome.FAILURE,
                                "unknown or inactive"));
    }

    /**
     * Mails a one-time, time-limited reset link to the account's own address, on an administrator's request
     * (the administrator never sees the link). The caller checks that the administrator may manage the account
     * and audits the request under the administrator's name.
     */
    public void sendResetLink(Account account, String source) {
        if (!account.canLogIn()) {
            throw new AccountException(
                    409,
                    "ACCOUNT_CANNOT_LOG_IN",
                    "此帳號已停用或刪除，無法重設密碼；請先啟用。",
                    "The account is disabled or deleted and cannot reset its password; enable it first.");
        }
        mailResetLink(account, source, Instant.now());
    }

    private void mailResetLink(Account account, String source, Instant now) {
        String token = OneTimeCodes.token();
        Instant expires = now.plus(settings.resetLifetime());
        em.persist(new LoginChallenge(
                OneTimeCodes.sha256Hex(token),
                account.getId(),
                LoginChallenge.Purpose.RESET,
                null,
                null,
                source,
                now,
                expires));
        long minutes = settings.resetLifetime().toMinutes();
        mailer.send(
                account.getEmail(),
                "111 簡訊平台密碼重設 / 111 SMS platform password reset",
                "請於 " + minutes + " 分鐘內開啟以下連結重設密碼（僅能使用一次）：\n"
                        + settings.resetUrl() + "?token=" + token + "\n\n"
                        + "Open this link within " + minutes
                        + " minutes to set a new password (it works once):\n"
                        + settings.resetUrl() + "?token=" + token + "\n\n"
                        + "若非您本人申請，請忽略本信並通知系統管理者。 If you did not ask for this, ignore this"
                        + " mail and tell the system administrators.\n");
    }

    public void completeReset(String token, String proposed, String source) {
        Instant now = Instant.now();
        LoginChallenge link = token == null
                ? null
                : em.find(LoginChallenge.class, OneTimeCodes.sha256Hex(token), LockModeType.PESSIMISTIC_WRITE);
        if (link == null || link.getPurpose() != LoginChallenge.Purpose.RESET) {
            throw AccountException.invalid("RESET_LINK_INVALID", "密碼重設連結無效。", "The password reset link is not valid.");
        }
        Account account = em.find(Account.class, link.getAccountId(), LockModeType.PESSIMISTIC_WRITE);
        if (link.isUsed()) {
            audit.login(account, account.getUsername(), source, "PASSWORD_RESET", Outcome.DENIED, "link already used");
            throw AccountException.invalid(
                    "RESET_LINK_USED", "此密碼重設連結已使用過。", "This password reset link was already used.");
        }
        if (link.isExpired(now)) {
            audit.login(account, account.getUsername(), source, "PASSWORD_RESET", Outcome.DENIED, "link expired");
            throw AccountException.invalid(
                    "RESET_LINK_EXPIRED",
                    "此密碼重設連結已逾期，請重新申請。",
                    "This password reset link has expired; ask for a new one.");
        }
        if (!account.canLogIn()) {
            throw AccountException.invalid("RESET_LINK_INVALID", "密碼重設連結無效。", "The password reset link is not valid.");
        }
        if (!allowList.admitsAccount(account, source)) {
            audit.login(
                    account,
                    account.getUsername(),
                    source,
                    "ACCESS_DENIED",
                    Outcome.DENIED,
                    "reset from outside the allow-list");
            throw LoginService.sourceNotAllowed(source);
        }
        setPassword(account, proposed, now);
        link.use(now);
        em.createNativeQuery("update login_challenge set used_at = now() where account_id = ? and purpose = 'RESET'"
                        + " and used_at is null")
                .setParameter(1, account.getId())
                .executeUpdate();
        account.unlock();
        audit.login(account, account.getUsername(), source, "PASSWORD_RESET", Outcome.SUCCESS, null);
    }

    private void setPassword(Account account, String proposed, Instant now) {
        PasswordPolicy policy = settings.passwordPolicy();
        List<PasswordProblem> problems = policy.check(
                proposed == null ? "" : proposed,
                account.getUsername(),
                accounts.recentPasswordHashes(account, policy.historyDepth()));
        if (!problems.isEmpty()) {
            throw new AccountException(
                    400,
                    "PASSWORD_REJECTED",
                    "新密碼不符合密碼規則。",
                    "The new password breaks the password rules.",
                    problems.stream()
                            .map(p -> new AccountException.Detail(p.code(), p.zh(policy), p.en(policy)))
                            .toList());
        }
        accounts.rememberPassword(account, now);
        account.changePassword(PasswordHasher.hash(proposed), now);
    }

    public TotpEnrolment beginTotp(Actor actor) {
        Account account = own(actor);
        if (account.getMfaKind() == Account.MfaKind.TOTP) {
            // The seed in use must keep working until a new one is confirmed; re-enrol via e-mail codes.
            throw new AccountException(
                    409,
                    "TOTP_ALREADY_ENROLLED",
                    "已設定驗證器 App；如需更換，請先改用電子郵件驗證碼再重新設定。",
                    "An authenticator is enrolled; to replace it, switch to e-mail codes first, then enrol again.");
        }
        byte[] secret = Totp.newSecret();
        account.stageTotp(
                cipher.encrypt(Base64.getEncoder().encodeToString(secret), FieldCipher.Purpose.TOTP_SEED),
                (short) cipher.activeVersion());
        String uri = OtpAuthUri.of(ISSUER, account.getUsername(), secret);
        audit.success(actor, "TOTP_ENROL_START", "account:" + account.getId(), null);
        return new TotpEnrolment(
                tw.gov.sms.identity.Base32.encode(secret),
                uri,
                QrCode.dataUri(uri, "驗證器 App 設定 QR code / authenticator set-up QR code"));
    }

    /** The first code from the new authenticator switches the factor to TOTP and yields recovery codes, shown once. */
    public List<String> confirmTotp(Actor actor, String code) {
        Account account = own(actor);
        if (account.getTotpSecretCipher() == null) {
            throw new AccountException(
                    409, "TOTP_NOT_ENROLLING", "請先開始設定驗證器 App。", "Start the authenticator set-up first.");
        }
        byte[] secret = Base64.getDecoder()
                .decode(cipher.decrypt(account.getTotpSecretCipher(), FieldCipher.Purpose.TOTP_SEED)
                        .getBytes(StandardCharsets.US_ASCII));
        OptionalLong step =
                Totp.DEFAULT.verify(secret, code == null ? "" : code.strip(), Instant.now(), account.getTotpLastStep());
        if (step.isEmpty()) {
            audit.failed(actor, "TOTP_ENROL", "account:" + account.getId(), "wrong code");
            throw AccountException.invalid(
                    "TOTP_CODE_WRONG", "驗證碼錯誤，請確認手機時間正確。", "Wrong code; check the phone's clock.");
        }
        account.confirmTotp(step.getAsLong());
        em.createNativeQuery("delete from recovery_code where account_id = ?")
                .setParameter(1, account.getId())
                .executeUpdate();
        List<String> recovery = RecoveryCodes.generate();
        for (String r : recovery) {
            em.createNativeQuery("insert into recovery_code (account_id, code_hash) values (?, ?)")
                    .setParameter(1, account.getId())
                    .setParameter(2, RecoveryCodes.hash(r))
                    .executeUpdate();
        }
        audit.success(actor, "TOTP_ENROL", "account:" + account.getId(), "recovery codes issued");
        return recovery;
    }

    public void useCodesBy(Actor actor, Account.MfaKind kind) {
        Account account = own(actor);
        if (kind == Account.MfaKind.SMS && account.getAgencyId() == null) {
            throw AccountException.invalid(
                    "MFA_KIND_UNAVAILABLE", "不屬於機關的帳號無法以簡訊接收驗證碼。", "An account of no agency cannot receive SMS codes.");
        }
        try {
            account.useCodeBy(kind);
        } catch (IllegalArgumentException e) {
            throw AccountException.invalid(
                    "MFA_KIND_UNAVAILABLE", "無法使用此驗證方式（簡訊需先登錄手機號碼；驗證器 App 請用設定流程）。", e.getMessage());
        }
        audit.success(actor, "MFA_CHANGE", "account:" + account.getId(), kind.name());
    }

    private Account own(Actor actor) {
        if (!actor.isUser()) {
            throw AccountException.notPermitted("僅限登入的使用者。", "Only a logged-in user may do this.");
        }
        return em.find(Account.class, actor.accountId(), LockModeType.PESSIMISTIC_WRITE);
    }

    static Timestamp ts(Instant i) {
        return Timestamp.from(i);
    }
}
