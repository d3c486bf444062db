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

/**
 * Default deny for every authenticated API request (R9.1): the caller's source address must be on its
 * agency's approved allow-list (system administrators: the administrative networks). Requests without a
 * token reach only the token and login endpoints, which apply the same rule once they know who is asking.
 * A session token issued while the password must be changed opens only the password change.
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

    @Context
    HttpServletRequest request;

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
        }
    }
}
