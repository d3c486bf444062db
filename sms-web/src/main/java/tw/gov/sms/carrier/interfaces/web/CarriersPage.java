package tw.gov.sms.carrier.interfaces.web;

import jakarta.annotation.PostConstruct;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.io.Serializable;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import tw.gov.sms.account.application.AccountException;
import tw.gov.sms.account.interfaces.web.PortalSession;
import tw.gov.sms.carrier.application.CarrierLinkMonitor;
import tw.gov.sms.shared.interfaces.web.LocaleSwitch;
import tw.gov.sms.shared.interfaces.web.PageMessages;

/**
 * The carrier links page (issue 8 item 7): each carrier's binds, window, rate and errors as this instance
 * sees them now. The page refreshes itself every {@link #INTERVAL_SECONDS} seconds until the viewer pauses
 * it; the time of the last reading is always shown.
 */
@Named
@ViewScoped
public class CarriersPage implements Serializable {

    private static final long serialVersionUID = 1L;
    static final int INTERVAL_SECONDS = 5;
    private static final String FORM = "carriers";
    private static final ZoneId TAIWAN = ZoneId.of("Asia/Taipei");
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss").withZone(TAIWAN);
    private static final DateTimeFormatter SINCE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @Inject
    CarrierLinkMonitor monitor;

    @Inject
    PortalSession session;

    @Inject
    LocaleSwitch locale;

    /** Read again after a passivation; the page re-reads it every few seconds anyway. */
    private transient CarrierLinkMonitor.Snapshot snapshot;

    private boolean paused;
    private boolean refused;

    @PostConstruct
    void load() {
        refresh();
    }

    /** The poll's listener: a fresh reading of every link. */
    public void refresh() {
        try {
            snapshot = monitor.snapshot(session.actor((HttpServletRequest)
                    FacesContext.getCurrentInstance().getExternalContext().getRequest()));
            refused = false;
        } catch (AccountException e) {
            snapshot = null;
            refused = true;
            PageMessages.error(FORM, e, locale.isEnglish());
        }
    }

    /** Pauses or resumes the automatic refresh; resuming reads the links at once. */
    public void togglePause() {
        paused = !paused;
        if (!paused) {
            refresh();
        }
    }

    public List<CarrierLinkMonitor.LinkView> getLinks() {
        if (snapshot == null && !refused) {
            refresh();
        }
        return snapshot == null ? List.of() : snapshot.links();
    }

    public String getInstance() {
        return snapshot == null ? "" : snapshot.instance();
    }

    /** The time of the reading shown, Taiwan time. */
    public String getUpdatedAt() {
        return snapshot == null ? "" : TIME.format(snapshot.at());
    }

    public String since(OffsetDateTime at) {
        return at == null ? "" : SINCE.format(at.atZoneSameInstant(TAIWAN));
    }

    public boolean isPaused() {
        return paused;
    }

    public boolean isRefused() {
        return refused;
    }

    public int getInterval() {
        return INTERVAL_SECONDS;
    }
}
