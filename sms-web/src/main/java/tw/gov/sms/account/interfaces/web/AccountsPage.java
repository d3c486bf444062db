package tw.gov.sms.account.interfaces.web;

import jakarta.annotation.PostConstruct;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.io.Serializable;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import tw.gov.sms.account.application.AccountAdministration;
import tw.gov.sms.account.application.AccountAdministration.AgencyView;
import tw.gov.sms.account.application.AccountAdministration.GroupView;
import tw.gov.sms.account.application.AccountException;
import tw.gov.sms.account.application.AccountView;
import tw.gov.sms.account.application.NewAccount;
import tw.gov.sms.account.domain.Actor;
import tw.gov.sms.account.domain.Permission;
import tw.gov.sms.account.domain.Role;
import tw.gov.sms.shared.interfaces.web.LocaleSwitch;
import tw.gov.sms.shared.interfaces.web.PageMessages;

/**
 * Accounts and permissions (R6.1–R6.4, R6.6): a group administrator lists the group's members, creates
 * users with permissions, changes their permissions, disables, enables and deletes them; MODA and system
 * administrators see every agency's accounts (filtered by agency, role and status), create agencies,
 * groups and group administrators. Every rule is {@code AccountAdministration}'s, the same as
 * {@code /api/v1/accounts}; this page only offers what the service would accept and shows its refusals.
 */
@Named
@ViewScoped
public class AccountsPage implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.of("Asia/Taipei"));
    /** The form's client id: its messages show in {@code accounts:errors}. */
    private static final String FORM = "accounts";

    /** One row of the table, ready to show. */
    public record Row(
            long id,
            String username,
            String displayName,
            String email,
            String role,
            Long agencyId,
            Long groupId,
            Set<String> permissions,
            String status,
            boolean locked,
            String lastLoginAt,
            String createdAt,
            String mobile)
            implements Serializable {}

    /** A choice of a select: its value and its label. */
    public record Option(String value, String label) implements Serializable {}

    @Inject
    AccountAdministration administration;

    @Inject
    PortalSession session;

    @Inject
    LocaleSwitch locale;

    private List<Row> all = List.of();
    private List<AgencyView> agencies = List.of();
    private List<GroupView> groups = List.of();

    private Long agencyFilter;
    private String roleFilter;
    private String statusFilter;

    private String username;
    private String displayName;
    private String email;
    private String mobile;
    private String role = Role.USER.name();
    private Long groupId;
    private Long agencyId;
    private List<String> permissions = new ArrayList<>();
    private String editDisplayName;
    private String editEmail;
    private String editMobile;

    private Long editing;
    private List<String> editPermissions = new ArrayList<>();

    private String agencyCode;
    private String agencyName;
    private String agencyDisplayName;
    private Long groupAgencyId;
    private String groupName;

    @PostConstruct
    void load() {
        Actor actor = actor();
        try {
            all = administration.list(actor).stream().map(AccountsPage::row).toList();
            agencies = administration.agencies(actor);
            groups = administration.groups(actor);
        } catch (AccountException e) {
            all = List.of();
            error(e);
        }
    }

    // ---- actions -----------------------------------------------------------------------------

    public void create() {
        try {
            AccountView created = administration.create(
                    actor(),
                    new NewAccount(
                            strip(username),
                            strip(displayName),
                            strip(email),
                            strip(mobile),
                            role,
                            Role.MODA_ADMIN.name().equals(role) ? agencyId : null,
                            groupId,
                            new LinkedHashSet<>(permissions)));
            info("accounts.created", created.username());
            username = null;
            displayName = null;
            email = null;
            mobile = null;
            permissions = new ArrayList<>();
        } catch (AccountException e) {
            error(e);
        }
        load();
    }

    /** Opens the permission editor of one account, with its permissions as they are. */
    public void edit(long id) {
        all.stream().filter(r -> r.id() == id).findFirst().ifPresent(r -> {
            editing = id;
            editPermissions = new ArrayList<>(r.permissions());
            editDisplayName = r.displayName();
            editEmail = r.email();
            editMobile = r.mobile();
        });
    }

    public void cancelEdit() {
        editing = null;
        editPermissions = new ArrayList<>();
    }

    /** Saves the name, e-mail and mobile of the account being edited (an empty mobile removes it). */
    public void saveContact() {
        if (editing == null) {
            return;
        }
        try {
            AccountView changed = administration.update(
                    actor(),
                    editing,
                    strip(editDisplayName),
                    strip(editEmail),
                    editMobile == null ? "" : editMobile.strip());
            info("accounts.updated", changed.username());
        } catch (AccountException e) {
            error(e);
        }
        load();
    }

    /** Mails the account being edited a one-time password reset link (the administrator never sees it). */
    public void sendResetLink() {
        if (editing == null) {
            return;
        }
        try {
            info(
                    "accounts.resetSent",
                    administration.sendResetLink(actor(), editing).username());
        } catch (AccountException e) {
            error(e);
        }
        load();
    }

    public void savePermissions() {
        if (editing == null) {
            return;
        }
        try {
            AccountView changed = administration.grant(actor(), editing, new LinkedHashSet<>(editPermissions));
            info("accounts.granted", changed.username());
            cancelEdit();
        } catch (AccountException e) {
            error(e);
        }
        load();
    }

    public void disable(long id) {
        try {
            info("accounts.disabled", administration.disable(actor(), id, null).username());
        } catch (AccountException e) {
            error(e);
        }
        load();
    }

    public void enable(long id) {
        try {
            info("accounts.enabled", administration.enable(actor(), id).username());
        } catch (AccountException e) {
            error(e);
        }
        load();
    }

    public void delete(long id) {
        try {
            String name = all.stream()
                    .filter(r -> r.id() == id)
                    .map(Row::username)
                    .findFirst()
                    .orElse("#" + id);
            administration.delete(actor(), id);
            if (editing != null && editing == id) {
                cancelEdit();
            }
            info("accounts.deleted", name);
        } catch (AccountException e) {
            error(e);
        }
        load();
    }

    public void createAgency() {
        try {
            AgencyView a = administration.createAgency(
                    actor(), strip(agencyCode), strip(agencyName), strip(agencyDisplayName));
            info("accounts.agencyCreated", a.code() + " " + a.name());
            agencyCode = null;
            agencyName = null;
            agencyDisplayName = null;
        } catch (AccountException e) {
            error(e);
        }
        load();
    }

    public void createGroup() {
        try {
            if (groupAgencyId == null) {
                throw AccountException.invalid("AGENCY_REQUIRED", "請選擇機關。", "Choose an agency.");
            }
            GroupView g = administration.createGroup(actor(), groupAgencyId, strip(groupName));
            info("accounts.groupCreated", g.name() + " (#" + g.id() + ")");
            groupName = null;
        } catch (AccountException e) {
            error(e);
        }
        load();
    }

    // ---- what the page shows -----------------------------------------------------------------

    /** The accounts after the filters (agency, role, status) chosen on the page. */
    public List<Row> getAccounts() {
        return all.stream()
                .filter(r -> agencyFilter == null || agencyFilter.equals(r.agencyId()))
                .filter(r -> blank(roleFilter) || roleFilter.equals(r.role()))
                .filter(r -> blank(statusFilter) || statusFilter.equals(r.status()))
                .toList();
    }

    /** The permissions as labelled choices, in the session's language. */
    public List<Option> getPermissionOptions() {
        return Arrays.stream(Permission.values())
                .map(p -> new Option(p.code(), locale.isEnglish() ? p.en() : p.zh()))
                .toList();
    }

    /** An account's permissions as words, in the session's language. */
    public String permissionLabels(Set<String> codes) {
        return Arrays.stream(Permission.values())
                .filter(p -> codes.contains(p.code()))
                .map(p -> locale.isEnglish() ? p.en() : p.zh())
                .collect(Collectors.joining(locale.isEnglish() ? ", " : "、"));
    }

    /** The roles this person may create, as {@code AccountAdministration.create} allows them. */
    public List<String> getCreatableRoles() {
        return switch (session.getRole()) {
            case SYSTEM_ADMIN -> List.of("USER", "GROUP_ADMIN", "MODA_ADMIN", "SYSTEM_ADMIN");
            case MODA_ADMIN -> List.of("USER", "GROUP_ADMIN");
            case GROUP_ADMIN -> List.of("USER");
            default -> List.of();
        };
    }

    public List<String> getRoles() {
        return Arrays.stream(Role.values()).map(Role::name).toList();
    }

    public List<String> getStatuses() {
        return List.of("ACTIVE", "DISABLED", "DELETED");
    }

    /** Whether the create form shows (the roles that create accounts). */
    public boolean isCreator() {
        return !getCreatableRoles().isEmpty();
    }

    /** Whether this person may change this account, as {@code AccountAdministration} decides. */
    public boolean manages(Row r) {
        if ("DELETED".equals(r.status()) || r.id() == session.getAccountId()) {
            return false;
        }
        Role target = Role.valueOf(r.role());
        return switch (session.getRole()) {
            case SYSTEM_ADMIN -> true;
            case MODA_ADMIN -> target.inGroup();
            case GROUP_ADMIN -> target == Role.USER;
            default -> false;
        };
    }

    public boolean isEditing(Row r) {
        return editing != null && editing == r.id();
    }

    /** The account whose permissions are being edited, or null. */
    public Row getEdited() {
        return editing == null
                ? null
                : all.stream().filter(r -> r.id() == editing).findFirst().orElse(null);
    }

    public String groupName(Long id) {
        if (id == null) {
            return "";
        }
        return groups.stream()
                .filter(g -> g.id() == id)
                .map(g -> g.name() + " (#" + id + ")")
                .findFirst()
                .orElse("#" + id);
    }

    public String agencyName(Long id) {
        if (id == null) {
            return "";
        }
        return agencies.stream()
                .filter(a -> a.id() == id)
                .map(AgencyView::name)
                .findFirst()
                .orElse("#" + id);
    }

    // ---- helpers -----------------------------------------------------------------------------

    private static Row row(AccountView a) {
        return new Row(
                a.id(),
                a.username(),
                a.displayName(),
                a.email(),
                a.role(),
                a.agencyId(),
                a.groupId(),
                a.permissions(),
                a.status(),
                a.locked(),
                time(a.lastLoginAt()),
                time(a.createdAt()),
                a.mobile());
    }

    private static String time(Instant at) {
        return at == null ? "" : TIME.format(at);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String strip(String s) {
        return s == null ? null : s.strip();
    }

    private Actor actor() {
        return session.actor((HttpServletRequest)
                FacesContext.getCurrentInstance().getExternalContext().getRequest());
    }

    /** The refusal in the session's language, with its code, and each detail of an invalid form. */
    private void error(AccountException e) {
        PageMessages.error(FORM, e, locale.isEnglish());
    }

    private void info(String key, String what) {
        FacesContext faces = FacesContext.getCurrentInstance();
        String text = faces.getApplication().getResourceBundle(faces, "adm").getString(key) + " " + what;
        faces.addMessage(FORM, new FacesMessage(FacesMessage.SEVERITY_INFO, text, text));
    }

    // ---- form fields -------------------------------------------------------------------------

    public List<AgencyView> getAgencies() {
        return agencies;
    }

    public List<GroupView> getGroups() {
        return groups;
    }

    public Long getAgencyFilter() {
        return agencyFilter;
    }

    public void setAgencyFilter(Long agencyFilter) {
        this.agencyFilter = agencyFilter;
    }

    public String getRoleFilter() {
        return roleFilter;
    }

    public void setRoleFilter(String roleFilter) {
        this.roleFilter = roleFilter;
    }

    public String getStatusFilter() {
        return statusFilter;
    }

    public void setStatusFilter(String statusFilter) {
        this.statusFilter = statusFilter;
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getDisplayName() {
        return displayName;
    }

    public void setDisplayName(String displayName) {
        this.displayName = displayName;
    }

    public String getEmail() {
        return email;
    }

    public void setEmail(String email) {
        this.email = email;
    }

    public String getMobile() {
        return mobile;
    }

    public void setMobile(String mobile) {
        this.mobile = mobile;
    }

    public String getRole() {
        return role;
    }

    public void setRole(String role) {
        this.role = role;
    }

    public Long getGroupId() {
        return groupId;
    }

    public void setGroupId(Long groupId) {
        this.groupId = groupId;
    }

    public Long getAgencyId() {
        return agencyId;
    }

    public void setAgencyId(Long agencyId) {
        this.agencyId = agencyId;
    }

    public List<String> getPermissions() {
        return permissions;
    }

    public void setPermissions(List<String> permissions) {
        this.permissions = permissions == null ? new ArrayList<>() : new ArrayList<>(permissions);
    }

    public String getEditDisplayName() {
        return editDisplayName;
    }

    public void setEditDisplayName(String editDisplayName) {
        this.editDisplayName = editDisplayName;
    }

    public String getEditEmail() {
        return editEmail;
    }

    public void setEditEmail(String editEmail) {
        this.editEmail = editEmail;
    }

    public String getEditMobile() {
        return editMobile;
    }

    public void setEditMobile(String editMobile) {
        this.editMobile = editMobile;
    }

    public List<String> getEditPermissions() {
        return editPermissions;
    }

    public void setEditPermissions(List<String> editPermissions) {
        this.editPermissions = editPermissions == null ? new ArrayList<>() : new ArrayList<>(editPermissions);
    }

    public String getAgencyCode() {
        return agencyCode;
    }

    public void setAgencyCode(String agencyCode) {
        this.agencyCode = agencyCode;
    }

    public String getAgencyName() {
        return agencyName;
    }

    public void setAgencyName(String agencyName) {
        this.agencyName = agencyName;
    }

    public String getAgencyDisplayName() {
        return agencyDisplayName;
    }

    public void setAgencyDisplayName(String agencyDisplayName) {
        this.agencyDisplayName = agencyDisplayName;
    }

    public Long getGroupAgencyId() {
        return groupAgencyId;
    }

    public void setGroupAgencyId(Long groupAgencyId) {
        this.groupAgencyId = groupAgencyId;
    }

    public String getGroupName() {
        return groupName;
    }

    public void setGroupName(String groupName) {
        this.groupName = groupName;
    }
}
