package tw.gov.sms.notification.interfaces.web;

import jakarta.annotation.PostConstruct;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.io.Serializable;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tw.gov.sms.account.domain.Actor;
import tw.gov.sms.account.interfaces.web.PortalSession;
import tw.gov.sms.notification.application.NotificationService;
import tw.gov.sms.notification.domain.Notification;
import tw.gov.sms.notification.domain.NotificationText;
import tw.gov.sms.notification.domain.Preferences;
import tw.gov.sms.notification.domain.Stage;
import tw.gov.sms.notification.domain.StagePreference;
import tw.gov.sms.shared.interfaces.web.LocaleSwitch;

/**
 * The notification centre (R4, issue 8 item 6): the person's notices newest first, unread ones marked, each linking
 * to its job; "mark all read"; and the preferences form (per stage portal and e-mail, the failure threshold). The
 * texts come from {@link NotificationText}, the same words as the mail, in the session's language. Opening the
 * page does not mark anything read: the person does, one by one (opening the job) or all at once.
 */
@Named
@ViewScoped
public class NotificationsPage implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.of("Asia/Taipei"));
    /** Notices shown (the newest); older ones stay in the database. */
    static final int SHOWN = 100;

    /** One notice ready to show. */
    public record Row(long id, String stage, String title, String body, String time, boolean unread, Long jobId) {}

    /** One line of the preferences form; mutable for the checkboxes. */
    public static class StageRow implements Serializable {
        private static final long serialVersionUID = 1L;
        private final Stage stage;
        private boolean portal;
        private boolean email;

        StageRow(StagePreference p) {
            this.stage = p.stage();
            this.portal = p.portal();
            this.email = p.email();
        }

        public String getStage() {
            return stage.name();
        }

        public boolean isPortal() {
            return portal;
        }

        public void setPortal(boolean portal) {
            this.portal = portal;
        }

        public boolean isEmail() {
            return email;
        }

        public void setEmail(boolean email) {
            this.email = email;
        }

        StagePreference value() {
            return new StagePreference(stage, portal, email);
        }
    }

    @Inject
    PortalSession session;

    @Inject
    NotificationService service;

    @Inject
    LocaleSwitch locale;

    private List<Row> rows = List.of();
    private List<StageRow> stages = new ArrayList<>();
    private Integer threshold;
    private int defaultThreshold;

    @PostConstruct
    void load() {
        loadRows();
        Preferences p = service.preferences(actor());
        stages = new ArrayList<>();
        for (StagePreference s : p.inOrder()) {
            stages.add(new StageRow(s));
        }
        threshold = p.ownThreshold() ? p.thresholdPercent() : null;
        defaultThreshold = service.defaultThresholdPercent();
    }

    private void loadRows() {
        Locale l = locale.getLocale();
        rows = service.list(actor(), 0, SHOWN).stream().map(n -> row(n, l)).toList();
    }

    static Row row(Notification n, Locale l) {
        return new Row(
                n.id(),
                n.stage().name(),
                NotificationText.title(n, l),
                NotificationText.body(n, l),
                n.stageAt() == null ? "" : TIME.format(n.stageAt()),
                !n.isRead(),
                n.jobId());
    }

    /** Marks every notice read. */
    public void markAllRead() {
        int n = service.markAllRead(actor());
        info("notify.markedAll", n);
        loadRows();
    }

    /** Marks one notice read and opens its job. */
    public String open(long id, Long jobId) {
        service.markRead(actor(), id);
        if (jobId == null) {
            loadRows();
            return null;
        }
        return "/app/jobs.xhtml?faces-redirect=true&id=" + jobId;
    }

    /** Marks one notice read (for notices without a job). */
    public void markRead(long id) {
        service.markRead(actor(), id);
        loadRows();
    }

    public void save() {
        List<StagePreference> values = stages.stream().map(StageRow::value).toList();
        try {
            service.save(actor(), values, threshold);
        } catch (IllegalArgumentException e) {
            FacesContext faces = FacesContext.getCurrentInstance();
            String text = text("notify.thresholdRange");
            faces.addMessage("prefs:threshold", new FacesMessage(FacesMessage.SEVERITY_ERROR, text, text));
            faces.validationFailed();
            return;
        }
        info("notify.saved", null);
    }

    private void info(String key, Integer count) {
        String text = text(key);
        if (count != null) {
            text = text + " " + count;
        }
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, text, text));
    }

    private static String text(String key) {
        FacesContext faces = FacesContext.getCurrentInstance();
        return faces.getApplication().getResourceBundle(faces, "nt").getString(key);
    }

    private Actor actor() {
        return session.actor((HttpServletRequest)
                FacesContext.getCurrentInstance().getExternalContext().getRequest());
    }

    // ---- what the page reads ----------------------------------------------------------------

    public List<Row> getRows() {
        return rows;
    }

    public long getUnread() {
        return rows.stream().filter(Row::unread).count();
    }

    public List<StageRow> getStages() {
        return stages;
    }

    public Integer getThreshold() {
        return threshold;
    }

    public void setThreshold(Integer threshold) {
        this.threshold = threshold;
    }

    public int getDefaultThreshold() {
        return defaultThreshold;
    }
}
