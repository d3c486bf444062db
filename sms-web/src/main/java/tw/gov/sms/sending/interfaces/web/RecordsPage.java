package tw.gov.sms.sending.interfaces.web;

import jakarta.annotation.PostConstruct;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tw.gov.sms.account.application.AccountException;
import tw.gov.sms.account.domain.Actor;
import tw.gov.sms.account.interfaces.web.PortalSession;
import tw.gov.sms.quota.application.QuotaSettings;
import tw.gov.sms.routing.domain.Carrier;
import tw.gov.sms.sending.application.RecordSearchService;
import tw.gov.sms.sending.application.RecordSearchService.AgencyOption;
import tw.gov.sms.sending.application.RecordSearchService.Criteria;
import tw.gov.sms.sending.application.RecordSearchService.Row;
import tw.gov.sms.sending.domain.MessageState;
import tw.gov.sms.shared.interfaces.web.LocaleSwitch;

/**
 * The records search (issue 8 item 5, R5.2): sending records by number, period, state, job and, for
 * administrators, agency, within the person's sight. Numbers are masked; the "show number" button of a row
 * reveals that one number in place, and the service audits it.
 */
@Named
@ViewScoped
public class RecordsPage implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Rows per page. */
    static final int PAGE = 50;

    @Inject
    PortalSession session;

    @Inject
    RecordSearchService records;

    @Inject
    LocaleSwitch locale;

    private String number;
    private LocalDate from;
    private LocalDate to;
    private MessageState state;
    private Long job;
    private Long agency;
    private List<AgencyOption> agencies = List.of();

    private Criteria applied;
    private int offset;
    private boolean more;
    private boolean searched;
    private List<Row> rows = List.of();
    private final Map<Long, String> revealed = new HashMap<>();

    @PostConstruct
    void init() {
        from = QuotaSettings.today();
        to = from;
        agencies = records.agencies(actor());
    }

    public void search() {
        offset = 0;
        applied = new Criteria(number, from, to, state, job, session.isAdministrator() ? agency : null);
        load();
    }

    public void next() {
        if (applied != null && more) {
            offset += PAGE;
            load();
        }
    }

    public void previous() {
        if (applied != null && offset > 0) {
            offset = Math.max(0, offset - PAGE);
            load();
        }
    }

    private void load() {
        revealed.clear();
        try {
            RecordSearchService.Page page = records.search(actor(), applied, offset, PAGE);
            rows = page.rows();
            more = page.more();
            searched = true;
        } catch (AccountException e) {
            rows = List.of();
            more = false;
            searched = false;
            error(e);
        }
    }

    public void reveal(Row row) {
        try {
            revealed.put(row.messageId(), records.reveal(actor(), row.messageId(), row.acceptedAt()));
        } catch (AccountException e) {
            error(e);
        }
    }

    public boolean isRevealed(Row row) {
        return revealed.containsKey(row.messageId());
    }

    public String numberOf(Row row) {
        return revealed.getOrDefault(row.messageId(), row.maskedNumber());
    }

    /** The carrier's name in the session's language; the code itself if unknown, a dash if none yet. */
    public String carrierName(String code) {
        if (code == null || code.isEmpty()) {
            return "—";
        }
        try {
            Carrier carrier = Carrier.valueOf(code);
            return locale.isEnglish() ? carrier.nameEn() : carrier.nameZh();
        } catch (IllegalArgumentException e) {
            return code;
        }
    }

    private Actor actor() {
        return session.actor((HttpServletRequest)
                FacesContext.getCurrentInstance().getExternalContext().getRequest());
    }

    private void error(AccountException e) {
        String text = locale.isEnglish() ? e.messageEn() : e.messageZh();
        FacesContext.getCurrentInstance()
                .addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, text, text + " (" + e.code() + ")"));
    }

    public MessageState[] getStates() {
        return MessageState.values();
    }

    public List<AgencyOption> getAgencies() {
        return agencies;
    }

    public List<Row> getRows() {
        return rows;
    }

    public boolean isMore() {
        return more;
    }

    public boolean isSearched() {
        return searched;
    }

    public int getOffset() {
        return offset;
    }

    public int getFirst() {
        return rows.isEmpty() ? 0 : offset + 1;
    }

    public int getLast() {
        return offset + rows.size();
    }

    public String getNumber() {
        return number;
    }

    public void setNumber(String number) {
        this.number = number;
    }

    public LocalDate getFrom() {
        return from;
    }

    public void setFrom(LocalDate from) {
        this.from = from;
    }

    public LocalDate getTo() {
        return to;
    }

    public void setTo(LocalDate to) {
        this.to = to;
    }

    public MessageState getState() {
        return state;
    }

    public void setState(MessageState state) {
        this.state = state;
    }

    public Long getJob() {
        return job;
    }

    public void setJob(Long job) {
        this.job = job;
    }

    public Long getAgency() {
        return agency;
    }

    public void setAgency(Long agency) {
        this.agency = agency;
    }
}
