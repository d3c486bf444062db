package tw.gov.sms.account.interfaces.web;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Instant;
import tw.gov.sms.account.application.AccountSettings;
import tw.gov.sms.account.application.Accounts;
import tw.gov.sms.account.application.AllowList;
import tw.gov.sms.account.application.Audit;
import tw.gov.sms.account.domain.Actor;

/**
 * Every portal page after the login: the account must still be able to log in (not disabled, deleted or
 * locked since), the request must come from an address its agency's allow-list admits (R9.1;
 * administrators: the administrative networks), and the session may not outlive
 * {@code sms.account.session-max-hours}. Otherwise the session ends and the login page says why. While
 * a new password is due, only the password page opens.
 */
@WebFilter(urlPatterns = "/app/*")
public class PortalGuard extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Inject
    PortalSession session;

    @Inject
    Accounts accounts;

    @Inject
    AllowList allowList;

    @Inject
    AccountSettings settings;

    @Inject
    Audit audit;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!session.isLoggedIn()) {
            if (request.getUserPrincipal() != null) {
                end(request, response, "expired");
                return;
            }
            chain.doFilter(request, response); // the container sends it to the login page
            return;
        }
        Actor actor = session.actor(request);
        String reason = null;
        if (!accounts.stillActive(actor)) {
            reason = "revoked";
        } else if (!allowList.admits(actor)) {
            audit.refused(actor, "PORTAL_REQUEST", request.getRequestURI(), "source not on the allow-list");
            reason = "source";
        } else if (Instant.now().isAfter(session.getStartedAt().plus(settings.sessionMax()))) {
            reason = "expired";
        }
        if (reason != null) {
            end(request, response, reason);
            return;
        }
        if (session.isPasswordChangeRequired()
                && !request.getRequestURI().endsWith("/app/password.xhtml")
                && !request.getRequestURI().contains("/jakarta.faces.resource/")) {
            response.sendRedirect(request.getContextPath() + "/app/password.xhtml");
            return;
        }
        chain.doFilter(request, response);
    }

    private static void end(HttpServletRequest request, HttpServletResponse response, String reason)
            throws IOException, ServletException {
        request.logout();
        HttpSession http = request.getSession(false);
        if (http != null) {
            http.invalidate();
        }
        String target = request.getContextPath() + "/login.xhtml?ended=" + reason;
        if ("partial/ajax".equals(request.getHeader("Faces-Request"))) {
            response.setContentType("text/xml;charset=UTF-8");
            response.getWriter()
                    .write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><partial-response><redirect url=\"" + target
                            + "\"/></partial-response>");
            return;
        }
        response.sendRedirect(target);
    }
}
