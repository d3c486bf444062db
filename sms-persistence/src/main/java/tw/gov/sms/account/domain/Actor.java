package tw.gov.sms.account.domain;

import java.util.Objects;
import java.util.Set;

/**
 * Who is acting, as every application service sees it: a portal account with its role, or an agency's
 * API client, or the platform itself. It decides visibility (R6.4) for any record that names an
 * agency, a group and an account, so every query and every check applies the same rule:
 * system and MODA administrators see everything, a group administrator the group, a user their own
 * records, an API client its agency's.
 */
public record Actor(
        Kind kind,
        Long accountId,
        String name,
        Role role,
        AgencyId agency,
        Long groupId,
        Set<String> permissions,
        String sourceAddress) {

    public enum Kind {
        USER,
        API_CLIENT,
        SYSTEM
    }

    public Actor {
        Objects.requireNonNull(kind);
        permissions = permissions == null ? Set.of() : Set.copyOf(permissions);
        if (kind == Kind.USER && (accountId == null || role == null)) {
            throw new IllegalArgumentException("a user actor needs an account and a role");
        }
        if (kind == Kind.API_CLIENT && agency == null) {
            throw new IllegalArgumentException("an API client acts for an agency");
        }
    }

    public static Actor system(String what) {
        return new Actor(Kind.SYSTEM, null, what, null, null, null, Set.of(), null);
    }

    public static Actor apiClient(
            long clientDbId, String clientId, AgencyId agency, Set<String> permissions, String source) {
        return new Actor(Kind.API_CLIENT, clientDbId, clientId, null, agency, null, permissions, source);
    }

    public boolean isUser() {
        return kind == Kind.USER;
    }

    public boolean has(Role r) {
        return kind == Kind.USER && role == r;
    }

    public boolean hasPermission(Permission p) {
        return permissions.contains(p.code());
    }

    public boolean seesAllAgencies() {
        return kind == Kind.SYSTEM || (kind == Kind.USER && role.seesAllAgencies());
    }

    /** Whether a record of this agency, group and account is within this actor's sight. */
    public boolean canSee(AgencyId recordAgency, Long recordGroup, Long recordAccount) {
        if (seesAllAgencies()) {
            return true;
        }
        if (kind == Kind.API_CLIENT) {
            return agency.equals(recordAgency);
        }
        return switch (role) {
            case GROUP_ADMIN -> agency.equals(recordAgency) && groupId != null && groupId.equals(recordGroup);
            case USER -> accountId.equals(recordAccount);
            default -> false;
        };
    }

    /** The audit role word: the account's role, or API_CLIENT / SYSTEM. */
    public String roleName() {
        return switch (kind) {
            case USER -> role.name();
            case API_CLIENT -> "API_CLIENT";
            case SYSTEM -> "SYSTEM";
        };
    }

    public Long agencyValue() {
        return agency == null ? null : agency.value();
    }
}
