package tw.gov.sms.account.interfaces.web;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.AutoApplySession;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.authentication.mechanism.http.LoginToContinue;
import jakarta.security.enterprise.credential.Credential;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Jakarta Security for the portal: a protected page without a login goes to the login page (and back to
 * the page after it); the login page presents a {@link LoginTicketCredential}, which the project's own
 * {@link PortalIdentityStore} validates; the container then keeps the login in the HTTP session, whose
 * idle timeout is the session timeout (15 minutes, web.xml). {@link PortalGuard} bounds it further.
 *
 * <p>An enabled alternative: in the EAR, Payara also offers the REST API's MP-JWT mechanism to this module
 * (a producer), and Soteria's lookup by type would otherwise be ambiguous (soteria#200, payara#5195).
 */
@ApplicationScoped
@Alternative
@Priority(Interceptor.Priority.APPLICATION)
@AutoApplySession
@LoginToContinue(loginPage = "/login.xhtml", useForwardToLogin = false, errorPage = "")
public class PortalAuthenticationMechanism implements HttpAuthenticationMechanism {

    /**
     * Called directly rather than through the container's {@code IdentityStoreHandler}: in an EAR, Soteria
     * builds that handler's store list from whichever module's bean manager it meets first, which may not
     * see this module's store (the login then fails with NOT_VALIDATED; soteria#200).
     */
    @Inject
    PortalIdentityStore identityStore;

    @Override
    public AuthenticationStatus validateRequest(
            HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        Credential credential = context.getAuthParameters().getCredential();
        if (credential != null) {
            return context.notifyContainerAboutLogin(identityStore.validate(credential));
        }
        return context.doNothing();
    }
}
