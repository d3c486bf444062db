package tw.gov.sms.sending.interfaces.web;

import jakarta.annotation.PostConstruct;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.component.UIComponent;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.primefaces.component.datatable.DataTable;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;
import tw.gov.sms.account.domain.Actor;
import tw.gov.sms.account.domain.Permission;
import tw.gov.sms.account.interfaces.web.PortalSession;
import tw.gov.sms.sending.application.JobListService;
import tw.gov.sms.sending.application.JobListService.Filter;
import tw.gov.sms.sending.application.JobListService.JobRow;
import tw.gov.sms.sending.domain.JobState;

/**
 * The job list (issue 8 item 3, R5.2): the jobs within the person's sight (R6.4), newest first, filtered by
 * state and by the Taiwan days they were accepted, a page at a time. While a listed job is still accepted or
 * sending the page refreshes itself every five seconds and stops once none is.
 */
@Named
@ViewScoped
public class JobsPage implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Jobs per page. */
    static final int PAGE = 20;

    /** Client id of the list, reset to its first page when the filter changes. */
    private static final String LIST = "jobs:list";

    @Inject
    PortalSession session;

    @Inject
    JobListService jobs;

    private boolean allowed;
    private JobState state;
    private LocalDate from;
    private LocalDate to;
    private Filter applied = Filter.ALL;
    private boolean anyLive;
    private final Rows rows = new Rows();

    @PostConstruct
    void init() {
        Actor actor = actor();
        // The same permissions as GET /api/v1/jobs/{id}; the menu shows the page to the same people.
        allowed =
                actor.seesAllAgencies() || actor.hasPermission(Permission.VIEW) || actor.hasPermission(Permission.SEND);
    }

    /** Applies the filter fields and goes back to the first page. */
    public void apply() {
        FacesContext faces = FacesContext.getCurrentInstance();
        if (from != null && to != null && to.isBefore(from)) {
            String text = faces.getApplication().getResourceBundle(faces, "jb").getString("list.rangeReversed");
            faces.addMessage("jobs:to", new FacesMessage(FacesMessage.SEVERITY_ERROR, text, text));
            faces.validationFailed();
            return;
        }
        applied = new Filter(state, from, to);
        UIComponent list = faces.getViewRoot().findComponent(LIST);
        if (list instanceof DataTable table) {
            table.setFirst(0);
        }
    }

    /** Clears the filter: every job again, first page. */
    public void clear() {
        state = null;
        from = null;
        to = null;
        apply();
    }

    private Actor actor() {
        return session.actor((HttpServletRequest)
                FacesContext.getCurrentInstance().getExternalContext().getRequest());
    }

    // ---- what the page reads ----------------------------------------------------------------

    public boolean isAllowed() {
        return allowed;
    }

    /** Whether a job on the page just shown is accepted or sending, so the page keeps refreshing. */
    public boolean isAnyLive() {
        return anyLive;
    }

    public LazyDataModel<JobRow> getRows() {
        return rows;
    }

    public List<JobState> getStates() {
        return List.of(JobState.values());
    }

    public int getPageSize() {
        return PAGE;
    }

    public JobState getState() {
        return state;
    }

    public void setState(JobState state) {
        this.state = state;
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

    /** The list as the data table pages it: counted and loaded by {@link JobListService}, one page per request. */
    private final class Rows extends LazyDataModel<JobRow> {

        private static final long serialVersionUID = 1L;

        @Override
        public int count(Map<String, FilterMeta> filterBy) {
            return allowed ? jobs.count(actor(), applied) : 0;
        }

        @Override
        public List<JobRow> load(
                int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
            List<JobRow> page = allowed ? jobs.list(actor(), applied, first, pageSize) : List.of();
            anyLive = page.stream().anyMatch(JobRow::live);
            return page;
        }

        @Override
        public String getRowKey(JobRow row) {
            return String.valueOf(row.id());
        }

        @Override
        public JobRow getRowData(String rowKey) {
            List<JobRow> shown = getWrappedData();
            return shown == null
                    ? null
                    : shown.stream()
                            .filter(r -> getRowKey(r).equals(rowKey))
                            .findFirst()
                            .orElse(null);
        }
    }
}
