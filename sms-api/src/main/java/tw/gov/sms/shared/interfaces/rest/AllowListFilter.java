package tw.gov.sms.shared.interfaces.rest;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import org.eclipse.microprofile.jwt.JsonWebToken;
import tw.gov.sms.account.application.AllowList;
import tw.gov.sms.account.application.Audit;
import tw.gov.sms.account.domain.Actor;
import tw.gov.sms.shared.interfaces.http.SourceAddresses;

/**
 * Default deny for every authenticated API request (R9.1): the caller's source address must be on its
 * agency's approved allow-list (system administrators: the administrative networks). Requests without a
 * token reach only the token and login endpoints, which apply the same rule once they know who is asking.
 * A session token issued while the password must be changed opens only the password change, and a token
 * of a disabled, deleted or locked account or of a revoked client stops working at once.
 */
@Provider
@Priority(Priorities.AUTHORIZATION - 100)
public class AllowListFilter implements ContainerRequestFilter {

    @Inject
    AllowList allowList;

    @Inject
    SourceAddresses sources;

    @Inject
    Audit audit;

    @Inject
    tw.gov.sms.account.application.Accounts accounts;

    @Context
    HttpServletRequest request;

    @Context
    jakarta.ws.rs.container.ResourceInfo resource;

    /**
     * The roles the matched resource method demands ({@code @RolesAllowed} on the method, else on its class),
     * or null when it demands none. Checked here against the verified token's own {@code groups}: in SecurityIT
     * runs right after a deployment, the container's {@code @RolesAllowed} check let a token without the role
     * through a few times (a view-only account sent a message), so the rule is also enforced by our code.
     */
    private java.util.Set<String> requiredRoles() {
        java.lang.reflect.Method method = resource.getResourceMethod();
        if (method == null) {
            return null;
        }
        if (method.isAnnotationPresent(jakarta.annotation.security.PermitAll.class)) {
            return null;
        }
        jakarta.annotation.security.RolesAllowed allowed =
                method.getAnnotation(jakarta.annotation.security.RolesAllowed.class);
        // The class may be a CDI proxy subclass: look up the hierarchy for the annotated class.
        for (Class<?> type = method.getDeclaringClass(); allowed == null && type != null; type = type.getSuperclass()) {
            if (type.isAnnotationPresent(jakarta.annotation.security.PermitAll.class)) {
                return null;
            }
            allowed = type.getAnnotation(jakarta.annotation.security.RolesAllowed.class);
        }
        return allowed == null ? null : java.util.Set.of(allowed.value());
    }

    @Override
    public void filter(ContainerRequestContext context) {
        if (!(context.getSecurityContext().getUserPrincipal() instanceof JsonWebToken token)) {
            return;
        }
        String source = sources.of(request);
        if (token.getGroups() != null
                && token.getGroups().contains("password-change")
                && !context.getUriInfo().getPath().endsWith("v1/session/password")) {
            // Said here as well as by @RolesAllowed: until the password is changed, nothing else is open.
            context.abortWith(
                    Problems.response(403, "PASSWORD_CHANGE_REQUIRED", "請先變更密碼。", "Change your password first."));
            return;
        }
        Actor actor = new Caller(token).actor(source);
        java.util.Set<String> required = requiredRoles();
        java.util.Set<String> held = token.getGroups() == null ? java.util.Set.of() : token.getGroups();
        if (required != null && required.stream().noneMatch(held::contains)) {
            audit.refused(
                    actor,
                    "ACCESS_DENIED",
                    context.getMethod() + " /" + context.getUriInfo().getPath(),
                    "needs one of " + required);
            context.abortWith(Problems.response(403, "FORBIDDEN", "權限不足。", "Not permitted."));
            return;
        }
        if (!allowList.admits(actor)) {
            audit.refused(
                    actor,
                    "ACCESS_DENIED",
                    context.getMethod() + " /" + context.getUriInfo().getPath(),
                    "source " + source + " not on the allow-list");
            context.abortWith(Problems.response(
                    403,
                    "SOURCE_NOT_ALLOWED",
                    "來源位址 " + source + " 不在核准的允許清單中。",
                    "The source address " + source + " is not on the approved allow-list."));
            return;
        }
        if (!accounts.stillActive(actor)) {
            audit.refused(
                    actor,
                    "ACCESS_DENIED",
                    context.getMethod() + " /" + context.getUriInfo().getPath(),
                    "account disabled or locked, or client revoked");
            context.abortWith(Problems.response(
                    401,
                    "CREDENTIAL_REVOKED",
                    "此帳號已停用或鎖定，或用戶端已撤銷，請重新登入或取得權杖。",
                    "The account is disabled or locked, or the client revoked; log in or get a token again."));
        }
    }
}
