package tw.gov.sms.notification.interfaces.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.util.logging.Level;
import java.util.logging.Logger;
import tw.gov.sms.account.interfaces.web.PortalSession;
import tw.gov.sms.notification.application.NotificationService;

/**
 * The unread count beside the menu's notifications entry, read once per request (one indexed count). A failure
 * to count shows no badge rather than breaking the page.
 */
@Named
@RequestScoped
public class NotificationBadge {

    private static final Logger LOG = Logger.getLogger(NotificationBadge.class.getName());

    @Inject
    PortalSession session;

    @Inject
    NotificationService notifications;

    private Long unread;

    public long getUnread() {
        if (unread == null) {
            unread = 0L;
            if (session.isLoggedIn()) {
                try {
                    unread = notifications.unread(session.actor((HttpServletRequest) FacesContext.getCurrentInstance()
                            .getExternalContext()
                            .getRequest()));
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "counting unread notifications failed", e);
                }
            }
        }
        return unread;
    }
}
