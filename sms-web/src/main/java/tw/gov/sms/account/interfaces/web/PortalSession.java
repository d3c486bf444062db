package tw.gov.sms.account.interfaces.web;

import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.context.SessionScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.io.Serializable;
import java.time.Instant;
import java.util.Optional;
import tw.gov.sms.account.application.Accounts;
import tw.gov.sms.account.domain.Account;
import tw.gov.sms.account.domain.Actor;
import tw.gov.sms.account.domain.Role;
import tw.gov.sms.shared.interfaces.http.SourceAddresses;

/**
 * Who is logged in to this portal session. Only ids are kept: the actor (role, group, permissions) is
 * read again on every request, so a change by an administrator applies at once and a disabled account
 * stops at its next click.
 */
@Named
@SessionScoped
public class PortalSession implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    Accounts accounts;

    @Inject
    SourceAddresses sources;

    @Inject
    RequestAccount current;

    private Long accountId;
    private String displayName;
    private Role role;
    private Instant startedAt;
    private boolean passwordChangeRequired;

    void start(Actor actor, String displayName, Instant startedAt, boolean passwordChangeRequired) {
        this.accountId = actor.accountId();
        this.displayName = displayName;
        this.role = actor.role();
        this.startedAt = startedAt;
        this.passwordChangeRequired = passwordChangeRequired;
    }

    void passwordChanged() {
        this.passwordChangeRequired = false;
    }

    public boolean isLoggedIn() {
        return accountId != null;
    }

    /** The actor of this request, from the account as it is now and the request's source address. */
    public Actor actor(HttpServletRequest request) {
        Account account = account().orElseThrow(() -> new IllegalStateException("no account"));
        return accounts.actorOf(account, sources.of(request));
    }

    /** Whether the logged-in account holds a permission now (e.g. {@code send}). */
    public boolean may(String permission) {
        if (!isLoggedIn()) {
            return false;
        }
        return account()
                .map(a -> a.permissionSet().stream().anyMatch(p -> p.code().equals(permission)))
                .orElse(false);
    }

    /** The account as it is now: read once per request (see {@link RequestAccount}), directly outside one. */
    private Optional<Account> account() {
        try {
            return current.of(accountId, accounts::byId);
        } catch (ContextNotActiveException e) {
            return accounts.byId(accountId);
        }
    }

    public Long getAccountId() {
        return accountId;
    }

    public String getDisplayName() {
        return displayName;
    }

    public Role getRole() {
        return role;
    }

    public Instant getStartedAt() {
        return startedAt;
    }

    public boolean isPasswordChangeRequired() {
        return passwordChangeRequired;
    }

    public boolean isAdministrator() {
        return role == Role.MODA_ADMIN || role == Role.SYSTEM_ADMIN;
    }

    /** System administrators alone run the platform's operations pages (carrier links, prefixes, portability). */
    public boolean isSystemAdministrator() {
        return role == Role.SYSTEM_ADMIN;
    }

    public boolean isGroupAdministrator() {
        return role == Role.GROUP_ADMIN;
    }
}
