package tw.gov.sms.routing.interfaces.web;

import jakarta.annotation.PostConstruct;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import tw.gov.sms.account.application.AccountException;
import tw.gov.sms.account.domain.Actor;
import tw.gov.sms.account.interfaces.web.PortalSession;
import tw.gov.sms.routing.application.NpImportAdministration;
import tw.gov.sms.shared.interfaces.web.LocaleSwitch;
import tw.gov.sms.shared.interfaces.web.PageMessages;

/**
 * Number-portability imports (issue 8 item 7, R1.2): the recorded imports with state, counts and first
 * errors, the routing index this instance uses (size, version, when and how fast it was loaded), and the
 * upload of a snapshot or delta file into the inbox, where the {@code np-import} job takes it within
 * seconds. Whether a file is a snapshot or a delta is read from its header by the job, as for any drop.
 */
@Named
@ViewScoped
public class PortabilityPage implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final String FORM = "portability";
    private static final ZoneId TAIWAN = ZoneId.of("Asia/Taipei");
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(TAIWAN);

    @Inject
    NpImportAdministration imports;

    @Inject
    PortalSession session;

    @Inject
    LocaleSwitch locale;

    private transient List<NpImportAdministration.ImportView> list;
    private transient NpImportAdministration.IndexView index;
    private transient Part file;
    private boolean readable;

    @PostConstruct
    void load() {
        try {
            Actor actor = actor();
            index = imports.index(actor);
            list = imports.list(actor, 50);
            readable = true;
        } catch (AccountException e) {
            index = null;
            list = List.of();
            readable = false;
            PageMessages.error(FORM, e, locale.isEnglish());
        }
    }

    /** Puts the chosen file into the inbox; the list shows its import once the job has run. */
    public void upload() {
        if (file == null || file.getSize() == 0) {
            PageMessages.info(FORM, "sys", "np.noFile", null);
            return;
        }
        try (InputStream in = file.getInputStream()) {
            String name = imports.upload(actor(), file.getSubmittedFileName(), in);
            PageMessages.info(FORM, "sys", "np.uploaded", name);
        } catch (AccountException e) {
            PageMessages.error(FORM, e, locale.isEnglish());
        } catch (IOException e) {
            throw new IllegalStateException("reading the uploaded file failed", e);
        } finally {
            try {
                file.delete();
            } catch (IOException ignored) {
                // The container removes its temporary file at the end of the request anyway.
            }
            file = null;
        }
        load();
    }

    /** Reads the list and the index again (an import runs in the background). */
    public void refresh() {
        load();
    }

    public List<NpImportAdministration.ImportView> getImports() {
        if (list == null) {
            load();
        }
        return list;
    }

    public NpImportAdministration.IndexView getIndex() {
        if (index == null && readable) {
            load();
        }
        return index;
    }

    public boolean isReadable() {
        return readable;
    }

    /** Whether the upload shows: system administrators (MODA administrators read only, as the service). */
    public boolean isUploader() {
        return session.isSystemAdministrator();
    }

    public String time(Object at) {
        if (at instanceof OffsetDateTime t) {
            return TIME.format(t);
        }
        if (at instanceof Instant t) {
            return TIME.format(t);
        }
        return "";
    }

    public String joined(List<String> names) {
        return String.join(", ", names);
    }

    private Actor actor() {
        return session.actor((HttpServletRequest)
                FacesContext.getCurrentInstance().getExternalContext().getRequest());
    }

    public Part getFile() {
        return file;
    }

    public void setFile(Part file) {
        this.file = file;
    }
}
