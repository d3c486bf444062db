package tw.gov.sms.account.application;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import tw.gov.sms.account.domain.Account;
import tw.gov.sms.account.domain.AccountGroup;
import tw.gov.sms.account.domain.Actor;
import tw.gov.sms.account.domain.Agency;
import tw.gov.sms.account.domain.AgencyId;
import tw.gov.sms.account.domain.Permission;
import tw.gov.sms.account.domain.Role;
import tw.gov.sms.identity.PasswordHasher;
import tw.gov.sms.shared.infrastructure.mail.Mailer;

/**
 * The organisation and the life of accounts (R6.1–R6.4): agencies and groups; accounts created,
 * modified, disabled, enabled, deleted; permissions granted. Who may do what:
 * <ul>
 *   <li>system administrators: everything;
 *   <li>MODA administrators: agencies, groups, and group administrators and users of any agency;
 *   <li>group administrators: users of their own group, and the permissions of their group's members;
 *   <li>users: nothing here.
 * </ul>
 * Every account starts with a generated password mailed to its owner, to be changed at first login;
 * every new account is announced by e-mail to the system administrators (R6.2).
 */
@Stateless
public class AccountAdministration {

    @Inject
    CredentialService credentials;

    @jakarta.annotation.Resource
    jakarta.ejb.SessionContext context;

    private static final Logger LOG = Logger.getLogger(AccountAdministration.class.getName());
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{2,63}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern MOBILE = Pattern.compile("09\\d{8}");
    private static final SecureRandom RANDOM = new SecureRandom();

    @PersistenceContext(unitName = "sms")
    EntityManager em;

    @Inject
    Audit audit;

    @Inject
    Mailer mailer;

    @Inject
    AccountSettings settings;

    public record AgencyView(long id, String code, String name, String displayName, String status) {}

    public record GroupView(long id, long agencyId, String name) {}

    // ---- agencies and groups -----------------------------------------------------------------

    public AgencyView createAgency(Actor actor, String code, String name, String displayName) {
        requireAdministrator(actor, "AGENCY_CREATE");
        if (code == null || !code.matches("[A-Z0-9-]{2,32}")) {
            throw AccountException.invalid(
                    "AGENCY_CODE_INVALID",
                    "機關代碼須為 2–32 個大寫英數字或連字號。",
                    "An agency code is 2–32 capital letters, digits or hyphens.");
        }
        if (!em.createNamedQuery(Agency.BY_CODE, Agency.class)
                .setParameter("code", code)
                .getResultList()
                .isEmpty()) {
            throw new AccountException(409, "AGENCY_EXISTS", "機關代碼已存在：" + code, "The agency code exists: " + code);
        }
        Agency agency;
        try {
            agency = new Agency(code, required(name, "name"), displayName);
        } catch (IllegalArgumentException e) {
            throw AccountException.invalid("AGENCY_DISPLAY_NAME_REQUIRED", "請填寫簡訊顯示名稱。", e.getMessage());
        }
        em.persist(agency);
        em.flush();
        audit.success(actor, "AGENCY_CREATE", "agency:" + agency.getId(), code);
        return new AgencyView(agency.getId(), code, agency.getName(), agency.getDisplayName(), agency.getStatus());
    }

    public GroupView createGroup(Actor actor, long agencyId, String name) {
        requireAdministrator(actor, "GROUP_CREATE");
        if (em.find(Agency.class, agencyId) == null) {
            throw AccountException.notFound("機關", "agency");
        }
        AccountGroup group = new AccountGroup(new AgencyId(agencyId), required(name, "name"));
        em.persist(group);
        em.flush();
        audit.success(actor, "GROUP_CREATE", "group:" + group.getId(), name);
        return new GroupView(group.getId(), agencyId, group.getName());
    }

    /**
     * The agencies an actor may pick from (to filter or to place an account): administrators all; a group
     * administrator their own; nobody else any. Names only, so reading them is not audited.
     */
    public List<AgencyView> agencies(Actor actor) {
        TypedQuery<Agency> q;
        if (actor.seesAllAgencies()) {
            q = em.createQuery("select a from Agency a order by a.name", Agency.class);
        } else if (actor.has(Role.GROUP_ADMIN)) {
            q = em.createQuery("select a from Agency a where a.id = :id", Agency.class)
                    .setParameter("id", actor.agencyValue());
        } else {
            return List.of();
        }
        return q.getResultStream()
                .map(a -> new AgencyView(a.getId(), a.getCode(), a.getName(), a.getDisplayName(), a.getStatus()))
                .toList();
    }

    /** The groups an actor may place accounts in: administrators all; a group administrator their own. */
    public List<GroupView> groups(Actor actor) {
        TypedQuery<AccountGroup> q;
        if (actor.seesAllAgencies()) {
            q = em.createQuery("select g from AccountGroup g order by g.id", AccountGroup.class);
        } else if (actor.has(Role.GROUP_ADMIN)) {
            q = em.createQuery("select g from AccountGroup g where g.id = :id", AccountGroup.class)
                    .setParameter("id", actor.groupId());
        } else {
            return List.of();
        }
        return q.getResultStream()
                .map(g -> new GroupView(g.getId(), g.agencyId().value(), g.getName()))
                .toList();
    }

    // ---- accounts ----------------------------------------------------------------------------

    public AccountView create(Actor actor, NewAccount request) {
        Role role = parseRole(request.role());
        Long agencyId = request.agencyId();
        Long groupId = request.groupId();
        if (actor.has(Role.GROUP_ADMIN)) {
            agencyId = actor.agency().value();
            if (groupId == null) {
                groupId = actor.groupId();
            }
        }
        if (role.inGroup()) {
            if (groupId == null) {
                throw AccountException.invalid(
                        "GROUP_REQUIRED", "使用者與群組管理者須指定群組。", "Users and group administrators need a group (groupId).");
            }
            AccountGroup group = em.find(AccountGroup.class, groupId);
            if (group == null) {
                throw AccountException.notFound("群組", "group");
            }
            agencyId = group.agencyId().value();
        } else {
            groupId = null;
            if (role == Role.MODA_ADMIN) {
                // A MODA administrator works from MODA's own agency and its allow-list.
                if (agencyId == null || em.find(Agency.class, agencyId) == null) {
                    throw AccountException.invalid(
                            "AGENCY_REQUIRED",
                            "數位部管理者須指定所屬機關（數位發展部）。",
                            "A MODA administrator needs its agency (agencyId of MODA).");
                }
            } else {
                agencyId = null;
            }
        }
        if (!mayCreate(actor, role, groupId)) {
            audit.refused(
                    actor, "ACCOUNT_CREATE", request.username(), "may not create " + role + " in group " + groupId);
            throw AccountException.notPermitted(
                    "您無權建立此角色或此群組的帳號。", "You may not create an account of this role or in this group.");
        }
        validateContact(request.username(), request.email(), request.mobile());
        if (em
                .createNamedQuery(Account.BY_USERNAME, Account.class)
                .setParameter("username", request.username())
                .getResultList()
                .stream()
                .findAny()
                .isPresent()) {
            throw new AccountException(
                    409,
                    "USERNAME_TAKEN",
                    "帳號名稱已被使用：" + request.username(),
                    "The username is taken: " + request.username());
        }
        Set<Permission> permissions = permissions(request.permissions());
        if (actor.has(Role.GROUP_ADMIN)
                && !Permission.parse(String.join(",", actor.permissions())).containsAll(permissions)) {
            audit.refused(actor, "ACCOUNT_CREATE", request.username(), "permissions beyond own");
            throw AccountException.notPermitted("不能授予超過您本身的權限。", "You cannot grant permissions you do not hold.");
        }
        String initial = initialPassword();
        Account account = new Account(
                request.username().strip(),
                required(request.displayName(), "displayName"),
                request.email().strip(),
                blankToNull(request.mobile()),
                role,
                agencyId == null ? null : new AgencyId(agencyId),
                groupId,
                permissions,
                PasswordHasher.hash(initial),
                actor.accountId(),
                Instant.now());
        em.persist(account);
        em.flush();
        audit.success(actor, "ACCOUNT_CREATE", "account:" + account.getId(), account.getUsername() + " as " + role);
        mailer.send(
                account.getEmail(),
                "111 簡訊平台帳號已建立 / Your 111 SMS platform account",
                account.getDisplayName() + " 您好：\n\n已為您建立帳號 " + account.getUsername() + "（" + role.zh() + "）。\n"
                        + "初始密碼：" + initial + "\n首次登入時須變更密碼，並以第二種驗證方式（預設為電子郵件驗證碼）完成登入。\n\n"
                        + "An account " + account.getUsername() + " (" + role.en() + ") was created for you.\n"
                        + "Initial password: " + initial + "\nChange it at first login; a second factor (by default an"
                        + " e-mailed code) completes every login.\n");
        notifySystemAdministrators(account, actor);
        return AccountView.of(account);
    }

    public AccountView find(Actor actor, long id) {
        return AccountView.of(visible(actor, id));
    }

    public List<AccountView> list(Actor actor) {
        TypedQuery<Account> q;
        if (actor.seesAllAgencies()) {
            q = em.createQuery("select a from Account a order by a.id", Account.class);
        } else if (actor.has(Role.GROUP_ADMIN)) {
            q = em.createQuery("select a from Account a where a.groupId = :g order by a.id", Account.class)
                    .setParameter("g", actor.groupId());
        } else if (actor.isUser()) {
            q = em.createQuery("select a from Account a where a.id = :id", Account.class)
                    .setParameter("id", actor.accountId());
        } else {
            throw AccountException.notPermitted("API 用戶端無法管理帳號。", "API clients do not manage accounts.");
        }
        audit.success(actor, "ACCOUNT_LIST", null, null);
        return q.getResultStream().map(AccountView::of).toList();
    }

    public AccountView grant(Actor actor, long id, Set<String> requested) {
        Account account = manageable(actor, id, "ACCOUNT_GRANT");
        Set<Permission> permissions = permissions(requested);
        if (actor.has(Role.GROUP_ADMIN)) {
            Set<Permission> own = Permission.parse(String.join(",", actor.permissions()));
            if (!own.containsAll(permissions)) {
                audit.refused(actor, "ACCOUNT_GRANT", "account:" + id, "beyond own permissions");
                throw AccountException.notPermitted("不能授予超過您本身的權限。", "You cannot grant permissions you do not hold.");
            }
        }
        String before = Permission.format(account.permissionSet());
        account.grant(permissions);
        audit.success(actor, "ACCOUNT_GRANT", "account:" + id, before + " -> " + Permission.format(permissions));
        return AccountView.of(account);
    }

    public AccountView update(Actor actor, long id, String displayName, String email, String mobile) {
        Account account = actor.isUser() && actor.accountId() == id
                ? visible(actor, id)
                : manageable(actor, id, "ACCOUNT_UPDATE");
        if (email != null && !email.isBlank() && !EMAIL.matcher(email.strip()).matches()) {
            throw AccountException.invalid("EMAIL_INVALID", "電子郵件格式錯誤。", "Not an e-mail address.");
        }
        if (mobile != null
                && !mobile.isBlank()
                && !MOBILE.matcher(mobile.strip()).matches()) {
            throw AccountException.invalid(
                    "MOBILE_INVALID", "手機號碼須為 09 開頭的 10 位數字。", "A mobile number is 10 digits starting with 09.");
        }
        String oldEmail = account.getEmail();
        String oldMobile = account.getMobile();
        account.updateContact(displayName, email, mobile);
        String changes = change("email", oldEmail, account.getEmail())
                + change("mobile", masked(oldMobile), masked(account.getMobile()));
        audit.success(actor, "ACCOUNT_UPDATE", "account:" + id, changes.isEmpty() ? null : changes.strip());
        if (!oldEmail.equals(account.getEmail()) && !(actor.isUser() && actor.accountId() == id)) {
            // The holder hears of it at the old address: whoever controls the address controls reset links.
            mailOrRefuse(
                    oldEmail,
                    "111 簡訊平台帳號電子郵件已變更 / 111 SMS platform account e-mail changed",
                    "您的帳號 " + account.getUsername() + " 的電子郵件已由管理者 " + actor.name() + " 變更為 "
                            + account.getEmail() + "。若非您所同意，請立即通知系統管理者。\n\n"
                            + "The e-mail address of your account " + account.getUsername()
                            + " was changed by the administrator " + actor.name() + " to " + account.getEmail()
                            + ". If you did not agree to this, tell the system administrators at once.\n");
        }
        return AccountView.of(account);
    }

    public AccountView disable(Actor actor, long id, String reason) {
        Account account = manageable(actor, id, "ACCOUNT_DISABLE");
        try {
            account.disable(reason == null || reason.isBlank() ? "disabled by " + actor.name() : reason);
        } catch (IllegalStateException e) {
            throw new AccountException(409, "ACCOUNT_DELETED", "帳號已刪除。", "The account is deleted.");
        }
        audit.success(actor, "ACCOUNT_DISABLE", "account:" + id, reason);
        return AccountView.of(account);
    }

    public AccountView enable(Actor actor, long id) {
        Account account = manageable(actor, id, "ACCOUNT_ENABLE");
        try {
            account.enable(Instant.now());
        } catch (IllegalStateException e) {
            throw new AccountException(409, "ACCOUNT_DELETED", "帳號已刪除。", "The account is deleted.");
        }
        audit.success(actor, "ACCOUNT_ENABLE", "account:" + id, null);
        return AccountView.of(account);
    }

    /** A mail the change depends on: when it cannot go, nothing of the change stays. */
    private void mailOrRefuse(String to, String subject, String text) {
        try {
            mailer.send(to, subject, text);
        } catch (tw.gov.sms.shared.infrastructure.mail.MailFailedException e) {
            context.setRollbackOnly();
            throw mailFailed();
        }
    }

    private static AccountException mailFailed() {
        return new AccountException(
                502,
                "MAIL_FAILED",
                "郵件無法寄出，未做任何變更；請稍後再試。",
                "The mail could not be sent; nothing was changed. Try again later.");
    }

    private static String change(String what, String before, String after) {
        return java.util.Objects.equals(before, after) ? "" : " " + what + ": " + before + " -> " + after;
    }

    private static String masked(String mobile) {
        return mobile == null || mobile.length() < 10 ? mobile : mobile.substring(0, 4) + "***" + mobile.substring(7);
    }

    /** Mails the account a reset link (R6.1: an administrator helps a member who cannot log in). */
    public AccountView sendResetLink(Actor actor, long id) {
        Account account = manageable(actor, id, "PASSWORD_RESET_SENT");
        try {
            credentials.sendResetLink(account, actor.sourceAddress());
        } catch (jakarta.ejb.EJBException e) {
            if (e.getCause() instanceof tw.gov.sms.shared.infrastructure.mail.MailFailedException) {
                throw mailFailed(); // the transaction is already marked for rollback: no token is left behind
            }
            throw e;
        }
        audit.success(actor, "PASSWORD_RESET_SENT", "account:" + id, "link mailed to the account's own address");
        return AccountView.of(account);
    }

    public void delete(Actor actor, long id) {
        Account account = manageable(actor, id, "ACCOUNT_DELETE");
        account.delete();
        audit.success(actor, "ACCOUNT_DELETE", "account:" + id, account.getUsername());
    }

    // ---- rules -------------------------------------------------------------------------------

    private boolean mayCreate(Actor actor, Role role, Long groupId) {
        if (actor.has(Role.SYSTEM_ADMIN)) {
            return true;
        }
        if (actor.has(Role.MODA_ADMIN)) {
            return role.inGroup();
        }
        if (actor.has(Role.GROUP_ADMIN)) {
            return role == Role.USER && actor.groupId().equals(groupId);
        }
        return false;
    }

    /** An account the actor may see; anything else is "not found", so existence does not leak. */
    private Account visible(Actor actor, long id) {
        Account account = em.find(Account.class, id);
        if (account == null
                || !actor.isUser()
                || !actor.canSee(
                        account.getAgencyId() == null ? null : new AgencyId(account.getAgencyId()),
                        account.getGroupId(),
                        account.getId())) {
            if (account != null) {
                audit.refused(actor, "ACCOUNT_READ", "account:" + id, "outside visibility");
            }
            throw AccountException.notFound("帳號", "account");
        }
        return account;
    }

    /** An account the actor may change: administrators above it, or its own group administrator. */
    private Account manageable(Actor actor, long id, String action) {
        Account account = visible(actor, id);
        boolean allowed = actor.has(Role.SYSTEM_ADMIN)
                || (actor.has(Role.MODA_ADMIN) && account.getRole().inGroup())
                || (actor.has(Role.GROUP_ADMIN)
                        && account.getRole() == Role.USER
                        && actor.groupId().equals(account.getGroupId()));
        if (!allowed) {
            audit.refused(actor, action, "account:" + id, "role " + actor.roleName() + " over " + account.getRole());
            throw AccountException.notPermitted("您無權變更此帳號。", "You may not change this account.");
        }
        return account;
    }

    private void requireAdministrator(Actor actor, String action) {
        if (!actor.has(Role.MODA_ADMIN) && !actor.has(Role.SYSTEM_ADMIN)) {
            audit.refused(actor, action, null, "role " + actor.roleName());
            throw AccountException.notPermitted("只有數位部或系統管理者可以執行。", "Only MODA or system administrators may do this.");
        }
    }

    private void notifySystemAdministrators(Account created, Actor by) {
        Set<String> to = new LinkedHashSet<>(settings.notifyAddresses());
        em.createQuery("select a.email from Account a where a.role = :r and a.status = :s", String.class)
                .setParameter("r", Role.SYSTEM_ADMIN)
                .setParameter("s", Account.Status.ACTIVE)
                .getResultStream()
                .forEach(to::add);
        for (String address : to) {
            try {
                mailer.send(
                        address,
                        "111 簡訊平台新帳號通知 / New account on the 111 SMS platform",
                        "新帳號 New account: " + created.getUsername() + "（" + created.getDisplayName() + "）\n"
                                + "角色 Role: " + created.getRole().zh() + " / "
                                + created.getRole().en() + "\n"
                                + "機關 Agency id: " + created.getAgencyId() + "  群組 Group id: " + created.getGroupId()
                                + "\n"
                                + "建立者 Created by: " + by.name() + " (" + by.roleName() + ")\n");
            } catch (RuntimeException e) {
                // The account exists; a lost notice must be visible, not fatal.
                LOG.log(Level.SEVERE, "could not notify " + address + " of new account " + created.getUsername(), e);
                audit.failed(by, "ACCOUNT_NOTICE", "account:" + created.getId(), "mail to " + address + " failed");
            }
        }
    }

    private static void validateContact(String username, String email, String mobile) {
        List<AccountException.Detail> problems = new ArrayList<>();
        if (username == null || !USERNAME.matcher(username.strip()).matches()) {
            problems.add(new AccountException.Detail(
                    "USERNAME_INVALID",
                    "帳號名稱須為 3–64 個英數字、點、底線或連字號。",
                    "A username is 3–64 letters, digits, dots, underscores or hyphens."));
        }
        if (email == null || !EMAIL.matcher(email.strip()).matches()) {
            problems.add(new AccountException.Detail("EMAIL_INVALID", "電子郵件格式錯誤。", "Not an e-mail address."));
        }
        if (mobile != null
                && !mobile.isBlank()
                && !MOBILE.matcher(mobile.strip()).matches()) {
            problems.add(new AccountException.Detail(
                    "MOBILE_INVALID", "手機號碼須為 09 開頭的 10 位數字。", "A mobile number is 10 digits starting with 09."));
        }
        if (!problems.isEmpty()) {
            throw new AccountException(
                    400, "ACCOUNT_INVALID", "帳號資料有誤。", "The account details are not valid.", problems);
        }
    }

    private static Role parseRole(String role) {
        try {
            return Role.valueOf(role == null ? "" : role.strip());
        } catch (IllegalArgumentException e) {
            throw AccountException.invalid(
                    "ROLE_INVALID",
                    "角色須為 USER、GROUP_ADMIN、MODA_ADMIN 或 SYSTEM_ADMIN。",
                    "role is USER, GROUP_ADMIN, MODA_ADMIN or SYSTEM_ADMIN.");
        }
    }

    private static Set<Permission> permissions(Set<String> codes) {
        Set<Permission> set = EnumSet.noneOf(Permission.class);
        for (String code : codes == null ? Set.<String>of() : codes) {
            set.add(Permission.ofCode(code)
                    .orElseThrow(() -> AccountException.invalid(
                            "PERMISSION_INVALID", "未知的權限：" + code, "Unknown permission: " + code)));
        }
        return set;
    }

    private static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw AccountException.invalid("FIELD_REQUIRED", "缺少必填欄位：" + field, "Missing required field: " + field);
        }
        return value.strip();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** 16 characters from all four classes, so it meets any policy an agency sets up to that length. */
    static String initialPassword() {
        String[] classes = {"ABCDEFGHJKLMNPQRSTUVWXYZ", "abcdefghijkmnpqrstuvwxyz", "23456789", "!#%+=?@"};
        List<Character> chars = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            String from = classes[i % classes.length];
            chars.add(from.charAt(RANDOM.nextInt(from.length())));
        }
        java.util.Collections.shuffle(chars, RANDOM);
        StringBuilder b = new StringBuilder();
        chars.forEach(b::append);
        return b.toString();
    }
}
