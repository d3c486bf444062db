package tw.gov.sms.contact.interfaces.web;

import jakarta.annotation.PostConstruct;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.Part;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import org.primefaces.model.DefaultStreamedContent;
import org.primefaces.model.StreamedContent;
import tw.gov.sms.account.application.AccountException;
import tw.gov.sms.account.domain.Actor;
import tw.gov.sms.account.interfaces.web.PortalSession;
import tw.gov.sms.contact.application.ContactService;
import tw.gov.sms.contact.application.ContactService.ContactInput;
import tw.gov.sms.contact.application.ContactService.GroupView;
import tw.gov.sms.shared.interfaces.web.LocaleSwitch;
import tw.gov.sms.shared.interfaces.web.PageMessages;

/**
 * Contacts and groups (issue 8 item 4, R3.1): the groups of one's account group, their members (numbers masked),
 * adding by typing or pasting, importing a file, removing, exporting, renaming and deleting. Every rule is in
 * {@link ContactService}; this bean only shows its answers.
 */
@Named
@ViewScoped
public class ContactsPage implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final String BUNDLE = "tw.gov.sms.web.contacts";
    private static final String FORM = "contacts"; // shown by the form's own list, next to what was done

    @Inject
    ContactService contacts;

    @Inject
    PortalSession session;

    @Inject
    LocaleSwitch locale;

    private List<GroupView> groups = List.of();
    private GroupView selected;
    private List<ContactService.ContactView> members = List.of();
    private long total;

    // Forms.
    private String newName;
    private String newDescription;
    private String editName;
    private String editDescription;
    private String pasted;
    private String search;
    private transient Part upload;

    @PostConstruct
    void start() {
        reloadGroups();
        String id = FacesContext.getCurrentInstance()
                .getExternalContext()
                .getRequestParameterMap()
                .get("group");
        if (id != null && id.matches("\\d{1,18}")) {
            open(Long.parseLong(id));
        }
    }

    public void create() {
        try {
            GroupView g = contacts.create(actor(), newName, newDescription);
            newName = null;
            newDescription = null;
            reloadGroups();
            open(g.id());
            info("created", g.name());
        } catch (AccountException e) {
            error(e);
        }
    }

    public void open(long id) {
        try {
            selected = contacts.group(actor(), id);
            editName = selected.name();
            editDescription = selected.description();
            search = null;
            loadMembers();
        } catch (AccountException e) {
            selected = null;
            error(e);
        }
    }

    public void update() {
        if (selected == null) {
            return; // a stale page: nothing chosen any more
        }
        try {
            selected = contacts.update(actor(), selected.id(), editName, editDescription);
            reloadGroups();
            info("updated", selected.name());
        } catch (AccountException e) {
            error(e);
        }
    }

    public void delete() {
        if (selected == null) {
            return; // a stale page: nothing chosen any more
        }
        try {
            String name = selected.name();
            contacts.delete(actor(), selected.id());
            selected = null;
            members = List.of();
            reloadGroups();
            info("deleted", name);
        } catch (AccountException e) {
            error(e);
        }
    }

    /** Adds the pasted lines: {@code number}, or {@code number,name} (comma, tab or full-width comma). */
    public void add() {
        if (selected == null) {
            return; // a stale page: nothing chosen any more
        }
        List<ContactInput> list = new ArrayList<>();
        if (pasted != null) {
            for (String line : pasted.split("\\R")) {
                if (line.isBlank()) {
                    continue;
                }
                String[] parts = line.strip().split("[,，\\t]", 2);
                list.add(new ContactInput(parts[0].strip(), parts.length > 1 ? parts[1].strip() : null, Map.of()));
            }
        }
        try {
            ContactService.AddResult r = contacts.add(actor(), selected.id(), list);
            pasted = null;
            afterAdd(r);
        } catch (AccountException e) {
            error(e);
        }
    }

    /** Imports the chosen file as soon as it is chosen; all or nothing. */
    public void importFile() {
        Part file = upload;
        upload = null;
        if (file == null || file.getSize() == 0 || selected == null) {
            return;
        }
        long limit = tw.gov.sms.files.FileLimits.defaults().maxFileBytes();
        if (file.getSize() > limit) {
            error(new AccountException(
                    413,
                    "FILE_TOO_LARGE",
                    "檔案超過 " + limit / 1_048_576 + " MB，未匯入。",
                    "The file is larger than " + limit / 1_048_576 + " MB; nothing was imported."));
            return;
        }
        Path temp = null;
        try {
            temp = Files.createTempFile("contacts-", ".upload");
            try (InputStream in = file.getInputStream()) {
                Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
            }
            String submitted = file.getSubmittedFileName() == null ? "" : file.getSubmittedFileName();
            String name = submitted.substring(submitted.replace('\\', '/').lastIndexOf('/') + 1);
            afterAdd(contacts.importFile(actor(), selected.id(), temp, name));
        } catch (AccountException e) {
            error(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // a temporary file
                }
            }
        }
    }

    public void remove(long contactId) {
        try {
            contacts.remove(actor(), selected.id(), contactId);
            selected = contacts.group(actor(), selected.id());
            reloadGroups();
            loadMembers();
            info("removed", null);
        } catch (AccountException e) {
            error(e);
        }
    }

    public void find() {
        loadMembers();
    }

    /** The group as a download: full numbers, audited by the service. */
    public StreamedContent export(String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            contacts.export(actor(), selected.id(), format, out);
        } catch (AccountException e) {
            error(e);
            return null;
        }
        boolean xlsx = "xlsx".equals(format);
        byte[] bytes = out.toByteArray();
        return DefaultStreamedContent.builder()
                .name("contacts-" + selected.id() + (xlsx ? ".xlsx" : ".csv"))
                .contentType(
                        xlsx
                                ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                                : "text/csv; charset=UTF-8")
                .contentLength((long) bytes.length)
                .stream(() -> new ByteArrayInputStream(bytes))
                .build();
    }

    // ---- helpers ----------------------------------------------------------------------------

    private void afterAdd(ContactService.AddResult r) {
        selected = contacts.group(actor(), selected.id());
        reloadGroups();
        loadMembers();
        String zh =
                MessageFormat.format(text("added", Locale.TRADITIONAL_CHINESE), r.added(), r.duplicates(), r.members());
        String en = MessageFormat.format(text("added", Locale.ENGLISH), r.added(), r.duplicates(), r.members());
        String shown = locale.isEnglish() ? en : zh;
        FacesContext.getCurrentInstance().addMessage(FORM, new FacesMessage(FacesMessage.SEVERITY_INFO, shown, shown));
    }

    private void loadMembers() {
        if (selected == null) {
            members = List.of();
            total = 0;
            return;
        }
        ContactService.MemberPage page = contacts.members(actor(), selected.id(), search, 0, 200);
        members = page.items();
        total = page.total();
    }

    private void reloadGroups() {
        groups = contacts.groups(actor());
    }

    private Actor actor() {
        return session.actor((HttpServletRequest)
                FacesContext.getCurrentInstance().getExternalContext().getRequest());
    }

    private void error(AccountException e) {
        PageMessages.error(FORM, e, locale.isEnglish());
    }

    private void info(String key, String name) {
        String text =
                MessageFormat.format(text(key, locale.isEnglish() ? Locale.ENGLISH : Locale.TRADITIONAL_CHINESE), name);
        FacesContext.getCurrentInstance().addMessage(FORM, new FacesMessage(FacesMessage.SEVERITY_INFO, text, text));
    }

    private static String text(String key, Locale locale) {
        return ResourceBundle.getBundle(
                        BUNDLE,
                        locale,
                        ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES))
                .getString("msg." + key);
    }

    // ---- what the page reads ----------------------------------------------------------------

    /** Whether the viewer may create groups (their own account group's). */
    public boolean isMayCreate() {
        Actor a = actor();
        return a.isUser()
                && a.agency() != null
                && a.groupId() != null
                && (a.has(tw.gov.sms.account.domain.Role.GROUP_ADMIN)
                        || a.hasPermission(tw.gov.sms.account.domain.Permission.CONTACTS));
    }

    public List<GroupView> getGroups() {
        return groups;
    }

    public GroupView getSelected() {
        return selected;
    }

    public List<ContactService.ContactView> getMembers() {
        return members;
    }

    public long getTotal() {
        return total;
    }

    public String getNewName() {
        return newName;
    }

    public void setNewName(String newName) {
        this.newName = newName;
    }

    public String getNewDescription() {
        return newDescription;
    }

    public void setNewDescription(String newDescription) {
        this.newDescription = newDescription;
    }

    public String getEditName() {
        return editName;
    }

    public void setEditName(String editName) {
        this.editName = editName;
    }

    public String getEditDescription() {
        return editDescription;
    }

    public void setEditDescription(String editDescription) {
        this.editDescription = editDescription;
    }

    public String getPasted() {
        return pasted;
    }

    public void setPasted(String pasted) {
        this.pasted = pasted;
    }

    public Part getUpload() {
        return null;
    }

    public void setUpload(Part upload) {
        this.upload = upload;
    }

    public String getSearch() {
        return search;
    }

    public void setSearch(String search) {
        this.search = search;
    }
}
