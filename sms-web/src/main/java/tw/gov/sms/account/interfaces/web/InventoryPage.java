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
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Collectors;
import tw.gov.sms.account.application.AccountException;
import tw.gov.sms.account.application.InventoryService;
import tw.gov.sms.account.application.InventoryService.Campaign;
import tw.gov.sms.account.domain.Actor;
import tw.gov.sms.account.domain.Permission;
import tw.gov.sms.shared.interfaces.web.LocaleSwitch;
import tw.gov.sms.shared.interfaces.web.PageMessages;

/**
 * The account inventory (帳號盤點, R9.5): a MODA or system administrator opens a campaign with a deadline
 * (Taiwan time) and follows its progress; a group administrator confirms each member of the group, with
 * the permissions the campaign recorded, or revokes the account (disabled at once) before the deadline.
 * The rules are {@code InventoryService}'s, the same as {@code /api/v1/inventory}.
 */
@Named
@ViewScoped
public class InventoryPage implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final ZoneId TAIWAN = ZoneId.of("Asia/Taipei");
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(TAIWAN);
    private static final String FORM = "inventory";

    /** One account of the campaign, ready to show. */
    public record Row(
            long accountId,
            String username,
            String displayName,
            String role,
            Long groupId,
            String permissions,
            String decision,
            String decidedAt)
            implements Serializable {}

    @Inject
    InventoryService inventory;

    @Inject
    PortalSession session;

    @Inject
    LocaleSwitch locale;

    private List<Campaign> campaigns = List.of();
    private Long selected;
    private List<Row> items = List.of();
    private LocalDateTime deadline = LocalDate.now(TAIWAN).plusDays(14).atTime(LocalTime.of(17, 0));
    private String note;

    @PostConstruct
    void init() {
        load();
    }

    private void load() {
        Actor actor = actor();
        try {
            campaigns = inventory.campaigns(actor, 10);
            if (selected == null || campaigns.stream().noneMatch(c -> c.id() == selected)) {
                selected = campaigns.isEmpty() ? null : campaigns.get(0).id();
            }
            items = selected == null
                    ? List.of()
                    : inventory.items(actor, selected).stream()
                            .map(i -> new Row(
                                    i.accountId(),
                                    i.username(),
                                    i.displayName(),
                                    i.role(),
                                    i.groupId(),
                                    labels(i.permissions()),
                                    i.decision(),
                                    time(i.decidedAt())))
                            .toList();
        } catch (AccountException e) {
            items = List.of();
            error(e);
        }
    }

    /** Shows another campaign (the select of recent ones). */
    public void show() {
        load();
    }

    public void start() {
        try {
            if (deadline == null) {
                throw AccountException.invalid(
                        "INVENTORY_DEADLINE_INVALID", "請填寫盤點期限。", "Give the inventory deadline.");
            }
            Campaign c = inventory.start(
                    actor(), deadline.atZone(TAIWAN).toInstant(), note == null || note.isBlank() ? null : note.strip());
            selected = c.id();
            note = null;
            info("inventory.started", "#" + c.id());
        } catch (AccountException e) {
            error(e);
        }
        load();
    }

    public void close() {
        try {
            if (selected != null) {
                Campaign c = inventory.close(actor(), selected);
                info("inventory.closed", "#" + c.id());
            }
        } catch (AccountException e) {
            error(e);
        }
        load();
    }

    public void confirm(long accountId) {
        decide(accountId, true);
    }

    public void revoke(long accountId) {
        decide(accountId, false);
    }

    private void decide(long accountId, boolean confirm) {
        try {
            if (selected != null) {
                var item = inventory.decide(actor(), selected, accountId, confirm);
                info(confirm ? "inventory.confirmed" : "inventory.revoked", item.username());
            }
        } catch (AccountException e) {
            error(e);
        }
        load();
    }

    // ---- what the page shows -----------------------------------------------------------------

    public Campaign getCampaign() {
        if (selected == null) {
            return null;
        }
        return campaigns.stream().filter(c -> c.id() == selected).findFirst().orElse(null);
    }

    /** Whether a campaign is open (not closed); a new one cannot start meanwhile. */
    public boolean isAnyOpen() {
        return campaigns.stream().anyMatch(c -> c.closedAt() == null);
    }

    public boolean isOpen() {
        Campaign c = getCampaign();
        return c != null && c.closedAt() == null;
    }

    /** Whether the deadline of the open campaign has passed, so it may be closed now. */
    public boolean isDue() {
        Campaign c = getCampaign();
        return c != null && c.closedAt() == null && !Instant.now().isBefore(c.deadline());
    }

    /** Whether this person opens and closes campaigns (MODA and system administrators). */
    public boolean isOrganiser() {
        return session.isAdministrator();
    }

    public int getDecided() {
        Campaign c = getCampaign();
        return c == null ? 0 : c.items() - c.pending();
    }

    public String time(Instant at) {
        return at == null ? "" : TIME.format(at);
    }

    public String campaignLabel(Campaign c) {
        return "#" + c.id() + " " + time(c.startedAt()) + " – " + time(c.deadline());
    }

    private String labels(String stored) {
        return Permission.parse(stored).stream()
                .map(p -> locale.isEnglish() ? p.en() : p.zh())
                .collect(Collectors.joining(locale.isEnglish() ? ", " : "、"));
    }

    private Actor actor() {
        return session.actor((HttpServletRequest)
                FacesContext.getCurrentInstance().getExternalContext().getRequest());
    }

    private void error(AccountException e) {
        PageMessages.error(FORM, e, locale.isEnglish());
    }

    private void info(String key, String what) {
        FacesContext faces = FacesContext.getCurrentInstance();
        String text = faces.getApplication().getResourceBundle(faces, "adm").getString(key) + " " + what;
        faces.addMessage(FORM, new FacesMessage(FacesMessage.SEVERITY_INFO, text, text));
    }

    public List<Campaign> getCampaigns() {
        return campaigns;
    }

    public List<Row> getItems() {
        return items;
    }

    public Long getSelected() {
        return selected;
    }

    public void setSelected(Long selected) {
        this.selected = selected;
    }

    public LocalDateTime getDeadline() {
        return deadline;
    }

    public void setDeadline(LocalDateTime deadline) {
        this.deadline = deadline;
    }

    public String getNote() {
        return note;
    }

    public void setNote(String note) {
        this.note = note;
    }
}
