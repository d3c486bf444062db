package tw.gov.sms.sending.interfaces.web;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.component.UIComponent;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Serializable;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.regex.Pattern;
import org.primefaces.PrimeFaces;
import org.primefaces.component.datatable.DataTable;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;
import tw.gov.sms.account.application.AccountException;
import tw.gov.sms.account.domain.Actor;
import tw.gov.sms.account.domain.Permission;
import tw.gov.sms.account.interfaces.web.PortalSession;
import tw.gov.sms.reporting.application.ReportService;
import tw.gov.sms.reports.ReportFormat;
import tw.gov.sms.reports.ReportWriter;
import tw.gov.sms.routing.domain.Carrier;
import tw.gov.sms.sending.application.CarrierCount;
import tw.gov.sms.sending.application.JobCancellation;
import tw.gov.sms.sending.application.JobListService;
import tw.gov.sms.sending.application.JobListService.MessagePage;
import tw.gov.sms.sending.application.JobNotFoundException;
import tw.gov.sms.sending.application.JobQueryService;
import tw.gov.sms.sending.application.JobView;
import tw.gov.sms.sending.application.MessageLine;
import tw.gov.sms.sending.application.StateConflictException;
import tw.gov.sms.sending.domain.JobState;
import tw.gov.sms.sending.domain.MessageState;
import tw.gov.sms.shared.interfaces.web.LocaleSwitch;

/**
 * One job's page ({@code jobs.xhtml?id=N}, issue 8 item 3, R5.2): its counts per state and per carrier, the
 * times of its stages, each recipient's message (masked number, state, carrier, failure reason) filtered by
 * state or searched by the end of the masked number, the per-message records export (xlsx, csv), and the
 * cancellation of a scheduled job. While the job is accepted or sending the page asks for its progress every
 * five seconds and redraws only what changed.
 *
 * <p>A job outside the person's sight (R6.4) and a job that does not exist look the same: "not found".
 * Permissions are checked here as the REST layer does ({@code send} to cancel; {@code reports} and
 * {@code view} to export, as {@link ReportService#records} requires), since the services trust their callers.
 */
@Named
@ViewScoped
public class JobPage implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Messages per page. */
    static final int PAGE = 50;

    private static final ZoneId TAIWAN = ZoneId.of("Asia/Taipei");
    private static final Pattern SUFFIX = Pattern.compile("[0-9*]{1,10}");

    /** What a refresh redraws when the job changed (client ids in this page's form). */
    private static final String[] LIVE_PARTS = {
        "job:summary", "job:progress", "job:counts", "job:carriers", "job:times", "job:actions", "job:messages"
    };

    @Inject
    PortalSession session;

    @Inject
    LocaleSwitch locale;

    @Inject
    JobQueryService queries;

    @Inject
    JobListService jobs;

    @Inject
    JobCancellation cancellation;

    @Inject
    ReportService reports;

    /** The {@code id} request parameter as given; {@code null} on the list. */
    private String id;

    private long jobId;
    private boolean loaded;
    private boolean allowed;
    private boolean notFound;
    private boolean mayCancel;
    private boolean mayExport;
    private JobView view;
    private List<CarrierCount> carrierCounts = List.of();

    private MessageState stateFilter;
    private String search;
    private MessageState shownState;
    private String shownSearch;
    private final Messages messages = new Messages();

    /** The view action: reads the job once, when the page opens. */
    public void load() {
        if (!isDetail() || loaded) {
            return;
        }
        loaded = true;
        Actor actor = actor();
        allowed =
                actor.seesAllAgencies() || actor.hasPermission(Permission.VIEW) || actor.hasPermission(Permission.SEND);
        if (!allowed) {
            return;
        }
        mayCancel = actor.hasPermission(Permission.SEND);
        mayExport = actor.seesAllAgencies()
                || (actor.hasPermission(Permission.REPORTS) && actor.hasPermission(Permission.VIEW));
        Long parsed = parseId(id);
        if (parsed == null) {
            notFound = true;
            return;
        }
        jobId = parsed;
        try {
            view = queries.find(jobId, actor);
            carrierCounts = view.byCarrier();
        } catch (JobNotFoundException e) {
            lost();
        }
    }

    /** The poll: reads the job's progress and redraws the page's live parts if anything changed. */
    public void refresh() {
        if (view == null) {
            return;
        }
        Actor actor = actor();
        try {
            JobView now = jobs.progress(jobId, actor);
            if (now.equals(view)) {
                return;
            }
            view = now;
            carrierCounts = view.byCarrier();
            PrimeFaces.current().ajax().update(LIVE_PARTS);
        } catch (JobNotFoundException e) {
            lost();
            PrimeFaces.current().ajax().update("job");
        }
    }

    /** Applies the state filter and the number search to the recipients' table, from its first page. */
    public void filter() {
        FacesContext faces = FacesContext.getCurrentInstance();
        String wanted = search == null ? "" : search.replace(" ", "");
        if (!wanted.isEmpty() && !SUFFIX.matcher(wanted).matches()) {
            String text = text("messages.searchInvalid");
            faces.addMessage("job:search", new FacesMessage(FacesMessage.SEVERITY_ERROR, text, text));
            faces.validationFailed();
            return;
        }
        shownState = stateFilter;
        shownSearch = wanted.isEmpty() ? null : wanted;
        UIComponent table = faces.getViewRoot().findComponent("job:messages");
        if (table instanceof DataTable data) {
            data.setFirst(0);
        }
        // The lazy model keeps the row count of its last load; a filter that matches nothing must show the
        // table's empty message, not an empty body.
        messages.setRowCount(messages.count(java.util.Map.of()));
    }

    /** Cancels the job while it is scheduled (the page asked for a confirmation first). */
    public void cancel() {
        if (view == null || !mayCancel) {
            return;
        }
        Actor actor = actor();
        try {
            try {
                int cancelled = cancellation.cancel(
                        actor, queries.visibleJob(jobId, actor).agencyId(), jobId);
                say(FacesMessage.SEVERITY_INFO, MessageFormat.format(text("job.cancelled"), cancelled));
            } catch (StateConflictException e) {
                // Released (or cancelled) meanwhile: say why and show the job as it is now.
                say(
                        FacesMessage.SEVERITY_ERROR,
                        locale.isEnglish()
                                ? e.problem().messageEn()
                                : e.problem().messageZh());
            }
            view = jobs.progress(jobId, actor);
            carrierCounts = view.byCarrier();
        } catch (JobNotFoundException e) {
            lost();
        }
    }

    public void exportXlsx() throws IOException {
        export(ReportFormat.XLSX);
    }

    public void exportCsv() throws IOException {
        export(ReportFormat.CSV);
    }

    /**
     * Streams the job's per-message records ({@link ReportService#records}, the job's Taiwan day of acceptance)
     * as a download. The report is written to a temporary file first, so a refusal becomes a message on the
     * page rather than a broken download.
     */
    private void export(ReportFormat format) throws IOException {
        if (view == null || !mayExport) {
            return;
        }
        FacesContext faces = FacesContext.getCurrentInstance();
        LocalDate day = view.acceptedAt().atZoneSameInstant(TAIWAN).toLocalDate();
        Path temp = Files.createTempFile("sms-job-" + jobId + "-", "." + format.extension());
        try {
            try (OutputStream out = Files.newOutputStream(temp);
                    ReportWriter writer = format.open(out, OffsetDateTime.now())) {
                reports.records(actor(), day, day, jobId, writer);
            } catch (AccountException e) {
                say(FacesMessage.SEVERITY_ERROR, locale.isEnglish() ? e.messageEn() : e.messageZh());
                return;
            }
            String name = "簡訊發送紀錄-job-" + jobId + "." + format.extension();
            ExternalContext external = faces.getExternalContext();
            external.responseReset();
            external.setResponseContentType(format.contentType());
            external.setResponseHeader(
                    "Content-Disposition",
                    "attachment; filename=\"records-job-" + jobId + "." + format.extension() + "\"; filename*=UTF-8''"
                            + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20"));
            long size = Files.size(temp);
            if (size <= Integer.MAX_VALUE) {
                external.setResponseContentLength((int) size);
            }
            try (OutputStream out = external.getResponseOutputStream()) {
                Files.copy(temp, out);
            }
            faces.responseComplete();
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** The job vanished from sight (or never was in it): show "not found" and nothing of it. */
    private void lost() {
        notFound = true;
        view = null;
        carrierCounts = List.of();
    }

    private Actor actor() {
        return session.actor((HttpServletRequest)
                FacesContext.getCurrentInstance().getExternalContext().getRequest());
    }

    private static Long parseId(String text) {
        if (text == null || !text.strip().matches("[1-9][0-9]{0,17}")) {
            return null;
        }
        return Long.valueOf(text.strip());
    }

    private static String text(String key) {
        FacesContext faces = FacesContext.getCurrentInstance();
        ResourceBundle bundle = faces.getApplication().getResourceBundle(faces, "jb");
        return bundle.getString(key);
    }

    private static void say(FacesMessage.Severity severity, String text) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(severity, text, text));
    }

    // ---- what the page reads ----------------------------------------------------------------

    /** Whether the page shows one job ({@code ?id=} given) rather than the list. */
    public boolean isDetail() {
        return id != null;
    }

    public boolean isAllowed() {
        return allowed;
    }

    /** The page's heading and title: the job's number once it is shown. */
    public String getHeading() {
        return view == null
                ? text("job.headingUnknown")
                : MessageFormat.format(text("job.heading"), String.valueOf(view.id()));
    }

    public boolean isNotFound() {
        return notFound;
    }

    public JobView getView() {
        return view;
    }

    /** Whether the job may still change on its own, so the page keeps polling. */
    public boolean isLive() {
        return view != null && JobListService.isLive(view.state());
    }

    public boolean isCancellable() {
        return view != null && mayCancel && view.state() == JobState.SCHEDULED;
    }

    public boolean isExportable() {
        return view != null && mayExport;
    }

    /** A count of messages in one state. */
    public record StateCount(MessageState state, int messages) {}

    /** Every message state in its life order, with the job's count (zero included, so the list never jumps). */
    public List<StateCount> getStateCounts() {
        List<StateCount> out = new ArrayList<>();
        for (MessageState s : MessageState.values()) {
            out.add(new StateCount(s, countOf(s)));
        }
        return out;
    }

    public int getDelivered() {
        return countOf(MessageState.DELIVERED);
    }

    /** Messages in a final state (delivered or not). */
    public int getFinished() {
        int n = 0;
        for (MessageState s : MessageState.values()) {
            if (s.isFinal()) {
                n += countOf(s);
            }
        }
        return n;
    }

    private int countOf(MessageState state) {
        if (view == null) {
            return 0;
        }
        Integer n = view.messagesByState().get(state);
        return n == null ? 0 : n;
    }

    /** One carrier's line of the per-carrier table: counts aligned with {@link #getCarrierStates()}. */
    public record CarrierRow(String carrier, List<Integer> counts, int total) {}

    /** The states that occur in the per-carrier table, in life order. */
    public List<MessageState> getCarrierStates() {
        Set<MessageState> present = EnumSet.noneOf(MessageState.class);
        carrierCounts.forEach(c -> present.add(c.state()));
        return new ArrayList<>(present);
    }

    public List<CarrierRow> getCarrierRows() {
        List<MessageState> states = getCarrierStates();
        Map<String, int[]> byCarrier = new LinkedHashMap<>();
        for (CarrierCount c : carrierCounts) {
            int[] counts = byCarrier.computeIfAbsent(Objects.toString(c.carrier(), ""), k -> new int[states.size()]);
            counts[states.indexOf(c.state())] += c.messages();
        }
        List<CarrierRow> rows = new ArrayList<>();
        byCarrier.forEach((carrier, counts) -> {
            List<Integer> list = new ArrayList<>();
            int total = 0;
            for (int n : counts) {
                list.add(n);
                total += n;
            }
            rows.add(new CarrierRow(carrier, list, total));
        });
        return rows;
    }

    /** The carrier's name in the session's language; "not yet routed" for none. */
    public String carrierName(String code) {
        if (code == null || code.isEmpty()) {
            return text("carrier.none");
        }
        try {
            Carrier carrier = Carrier.valueOf(code);
            return locale.isEnglish() ? carrier.nameEn() : carrier.nameZh();
        } catch (IllegalArgumentException e) {
            return code;
        }
    }

    /** A stage of the job and when it happened ({@code null}: not yet, or not applicable). */
    public record Moment(String key, OffsetDateTime at) {}

    public List<Moment> getTimes() {
        if (view == null) {
            return List.of();
        }
        List<Moment> out = new ArrayList<>();
        out.add(new Moment("accepted", view.acceptedAt()));
        if (view.scheduledAt() != null) {
            out.add(new Moment("scheduled", view.scheduledAt()));
        }
        out.add(new Moment("released", view.releasedAt()));
        out.add(new Moment("handedOver", view.handedOverAt()));
        out.add(new Moment("lastReceipt", view.lastReceiptAt()));
        out.add(new Moment("completed", view.completedAt()));
        out.add(new Moment("validityUntil", view.validityUntil()));
        return out;
    }

    public LazyDataModel<MessageLine> getMessages() {
        return messages;
    }

    public List<MessageState> getMessageStates() {
        return List.of(MessageState.values());
    }

    public int getPageSize() {
        return PAGE;
    }

    /** Whether the recipients' table is narrowed by a state or a number search. */
    public boolean isFiltered() {
        return shownState != null || shownSearch != null;
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public MessageState getStateFilter() {
        return stateFilter;
    }

    public void setStateFilter(MessageState stateFilter) {
        this.stateFilter = stateFilter;
    }

    public String getSearch() {
        return search;
    }

    public void setSearch(String search) {
        this.search = search;
    }

    /**
     * The recipients' table as the data table pages it. Without a number search the count comes from the
     * job's counts and a page from {@link JobQueryService#messages}; a search ({@link JobListService#search})
     * scans the job once per page shown, so its total is kept for the count of the next request.
     */
    private final class Messages extends LazyDataModel<MessageLine> {

        private static final long serialVersionUID = 1L;

        /** What the last search was for (filter, job state) and what it found; only a cache, so transient. */
        private transient Object searchedFor;

        private transient int searchedFirst = -1;
        private transient MessagePage searched;

        @Override
        public int count(Map<String, FilterMeta> filterBy) {
            if (view == null) {
                return 0;
            }
            if (shownSearch == null) {
                if (shownState != null) {
                    return countOf(shownState);
                }
                return view.messagesByState().values().stream()
                        .mapToInt(Integer::intValue)
                        .sum();
            }
            try {
                if (!searchKey().equals(searchedFor)) {
                    // A new search (the table is on its first page then): run it now, load() reuses it.
                    search(0, PAGE);
                }
            } catch (JobNotFoundException e) {
                lost();
                return 0;
            }
            return searched == null ? 0 : searched.total();
        }

        @Override
        public List<MessageLine> load(
                int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
            if (view == null) {
                return List.of();
            }
            try {
                if (shownSearch == null) {
                    return queries.messages(jobId, actor(), shownState, first, pageSize);
                }
                if (searched == null || !searchKey().equals(searchedFor) || searchedFirst != first) {
                    search(first, pageSize);
                    setRowCount(searched.total());
                }
                List<MessageLine> items = searched.items();
                searchedFirst = -1; // the next request searches afresh, counts may have moved
                return items;
            } catch (JobNotFoundException e) {
                lost();
                return List.of();
            }
        }

        private void search(int first, int pageSize) {
            searched = jobs.search(jobId, actor(), shownState, shownSearch, first, pageSize);
            searchedFor = searchKey();
            searchedFirst = first;
        }

        private Object searchKey() {
            return List.of(Objects.toString(shownState), shownSearch, view.messagesByState());
        }

        @Override
        public String getRowKey(MessageLine line) {
            return String.valueOf(line.id());
        }

        @Override
        public MessageLine getRowData(String rowKey) {
            List<MessageLine> shown = getWrappedData();
            return shown == null
                    ? null
                    : shown.stream()
                            .filter(m -> getRowKey(m).equals(rowKey))
                            .findFirst()
                            .orElse(null);
        }
    }
}
