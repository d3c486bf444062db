package tw.gov.sms.account.interfaces.web;

import jakarta.annotation.PostConstruct;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.io.Serializable;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tw.gov.sms.account.application.AccountException;
import tw.gov.sms.account.application.Accounts;
import tw.gov.sms.account.application.AllowListService;
import tw.gov.sms.account.domain.Account;
import tw.gov.sms.account.domain.Actor;
import tw.gov.sms.account.domain.Role;
import tw.gov.sms.shared.interfaces.web.LocaleSwitch;
import tw.gov.sms.shared.interfaces.web.PageMessages;

/**
 * The IP allow-list (R9.1): a group administrator requests an address or range for the agency, a MODA
 * administrator approves or rejects it, an administrator revokes an approved one. The rules are
 * {@code AllowListService}'s, the same as {@code /api/v1/allowlist}; this page only shows the buttons
 * the service would accept.
 */
@Named
@ViewScoped
public class AllowListPage implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.of("Asia/Taipei"));
    /** The form's client id: its messages show in {@code allow:errors}, not in the template's global list. */
    private static final String FORM = "allow";

    /** One row of the table: the entry, with names and times ready to show. */
    public record Row(
            long id,
            long agencyId,
            String cidr,
            String note,
            String state,
            String requestedBy,
            String requestedAt,
            String decidedBy,
            String decidedAt,
            String decisionNote) {}

    @Inject
    AllowListService service;

    @Inject
    Accounts accounts;

    @Inject
    PortalSession session;

    @Inject
    LocaleSwitch locale;

    private List<Row> entries = List.of();
    private String cidr;
    private String note;
    private String decisionNote;

    @PostConstruct
    void load() {
        try {
            Map<Long, String> names = new HashMap<>();
            entries = service.list(actor()).stream()
                    .map(e -> new Row(
                            e.id(),
                            e.agencyId(),
                            e.cidr(),
                            e.note(),
                            e.state(),
                            name(names, e.requestedBy()),
                            time(e.requestedAt()),
                            name(names, e.decidedBy()),
                            time(e.decidedAt()),
                            e.decisionNote()))
                    .toList();
        } catch (AccountException e) {
            entries = List.of();
            error(e);
        }
    }

    public void request() {
        try {
            var entry = service.request(actor(), null, cidr == null ? null : cidr.strip(), blankToNull(note));
            cidr = null;
            note = null;
            info("allow.requested", entry.cidr());
        } catch (AccountException e) {
            error(e);
        }
        load();
    }

    public void approve(long id) {
        decide(id, "approve");
    }

    public void reject(long id) {
        decide(id, "reject");
    }

    public void revoke(long id) {
        decide(id, "revoke");
    }

    private void decide(long id, String what) {
        try {
            Actor actor = actor();
            String text = blankToNull(decisionNote);
            var entry = switch (what) {
                case "approve" -> service.approve(actor, id, text);
                case "reject" -> service.reject(actor, id, text);
                default -> service.revoke(actor, id, text);
            };
            decisionNote = null;
            info("allow." + what + "d", entry.cidr());
        } catch (AccountException e) {
            error(e);
        }
        load();
    }

    /** Whether the logged-in account may request (group administrators, for their own agency). */
    public boolean isRequester() {
        return session.getRole() == Role.GROUP_ADMIN;
    }

    /** Whether the logged-in account may approve or reject (MODA administrators, as the service rules). */
    public boolean isDecider() {
        return session.getRole() == Role.MODA_ADMIN;
    }

    /** Whether the logged-in account may revoke an approved entry (MODA and system administrators). */
    public boolean isRevoker() {
        return session.isAdministrator();
    }

    private String name(Map<Long, String> names, Long accountId) {
        if (accountId == null) {
            return "";
        }
        return names.computeIfAbsent(
                accountId, id -> accounts.byId(id).map(Account::getDisplayName).orElse("#" + id));
    }

    private static String time(Instant at) {
        return at == null ? "" : TIME.format(at);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private Actor actor() {
        return session.actor((HttpServletRequest)
                FacesContext.getCurrentInstance().getExternalContext().getRequest());
    }

    private void error(AccountException e) {
        PageMessages.error(FORM, e, locale.isEnglish());
    }

    private void info(String key, String cidr) {
        FacesContext faces = FacesContext.getCurrentInstance();
        String text = faces.getApplication().getResourceBundle(faces, "adm").getString(key) + " " + cidr;
        faces.addMessage(FORM, new FacesMessage(FacesMessage.SEVERITY_INFO, text, text));
    }

    public List<Row> getEntries() {
        return entries;
    }

    public String getCidr() {
        return cidr;
    }

    public void setCidr(String cidr) {
        this.cidr = cidr;
    }

    public String getNote() {
        return note;
    }

    public void setNote(String note) {
        this.note = note;
    }

    public String getDecisionNote() {
        return decisionNote;
    }

    public void setDecisionNote(String decisionNote) {
        this.decisionNote = decisionNote;
    }
}
