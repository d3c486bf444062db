package tw.gov.sms.audit.interfaces.web;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.io.BufferedWriter;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import org.primefaces.model.DefaultStreamedContent;
import org.primefaces.model.StreamedContent;
import tw.gov.sms.account.application.AccountAdministration;
import tw.gov.sms.account.application.AccountAdministration.AgencyView;
import tw.gov.sms.account.application.AccountException;
import tw.gov.sms.account.domain.Actor;
import tw.gov.sms.account.domain.Role;
import tw.gov.sms.account.interfaces.web.PortalSession;
import tw.gov.sms.audit.application.AuditAccess;
import tw.gov.sms.audit.domain.AuditEvent;
import tw.gov.sms.audit.domain.AuditQuery;
import tw.gov.sms.audit.domain.Outcome;
import tw.gov.sms.audit.domain.StoredEvent;
import tw.gov.sms.audit.infrastructure.jdbc.AuditLog;
import tw.gov.sms.reports.ReportFormat;
import tw.gov.sms.reports.ReportWriter;
import tw.gov.sms.shared.interfaces.web.LocaleSwitch;

/**
 * The audit trail search (R5.3, R9.2): by Taiwan dates, actor, action, outcome and target text, newest
 * first in pages, exported as csv (the archival form, with each event's hash) or xlsx, and, for system
 * administrators, the chain verification. What each person reads is {@code AuditAccess}'s decision
 * (everything for MODA and system administrators, the group's events for a group administrator, one's
 * own for a user); every search and export is itself audited there.
 */
@Named
@ViewScoped
public class AuditPage implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final ZoneId TAIWAN = ZoneId.of("Asia/Taipei");
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(TAIWAN);
    private static final int PAGE = 50;
    private static final String FORM = "audit";
    private static final List<String> KNOWN_ACTIONS = List.of(
            "LOGIN",
            "LOGIN_FAILED",
            "ACCESS_DENIED",
            "PASSWORD_CHANGE",
            "PASSWORD_RESET",
            "MFA_CHANGE",
            "AGENCY_CREATE",
            "GROUP_CREATE",
            "ACCOUNT_CREATE",
            "ACCOUNT_UPDATE",
            "ACCOUNT_GRANT",
            "ACCOUNT_DISABLE",
            "ACCOUNT_ENABLE",
            "ACCOUNT_DELETE",
            "ALLOWLIST_REQUEST",
            "ALLOWLIST_APPROVE",
            "ALLOWLIST_REVOKE",
            "API_CLIENT_CREATE",
            "INVENTORY_START",
            "INVENTORY_CONFIRM",
            "INVENTORY_REVOKE",
            "INVENTORY_CLOSE",
            "SEND",
            "JOB_READ",
            "JOB_CANCEL",
            "RECORDS_SEARCH",
            "RECORD_NUMBER_SHOWN",
            "EXPORT",
            "AUDIT_READ",
            "AUDIT_EXPORT",
            "AUDIT_VERIFY");

    /** One event, ready to show. */
    public record Row(
            long seq,
            String time,
            String actorName,
            Long actorId,
            String role,
            Long agencyId,
            String action,
            String target,
            String sourceAddress,
            String outcome,
            String detail)
            implements Serializable {}

    /** What the chain verification found. */
    public record Verification(boolean intact, long eventsChecked, Long firstBrokenSeq, String problem)
            implements Serializable {}

    @Inject
    AuditAccess access;

    @Inject
    AccountAdministration administration;

    @Inject
    PortalSession session;

    @Inject
    LocaleSwitch locale;

    private LocalDate from = LocalDate.now(TAIWAN).minusDays(6);
    private LocalDate to = LocalDate.now(TAIWAN);
    private String actorName;
    private String action;
    private String outcome;
    private String target;
    private Long agency;

    private List<Row> rows = List.of();
    private boolean searched;
    private boolean more;
    /** The {@code beforeSeq} of the page shown (null: the newest) and of the pages before it. */
    private Long before;

    private final Deque<Long> newer = new ArrayDeque<>();
    private Verification verification;
    private List<AgencyView> agencies;

    // ---- search and paging -------------------------------------------------------------------

    public void search() {
        newer.clear();
        before = null;
        page();
    }

    /** Older events: the page after the last row shown. */
    public void next() {
        if (rows.isEmpty()) {
            return;
        }
        newer.push(before == null ? Long.MIN_VALUE : before);
        before = rows.get(rows.size() - 1).seq();
        page();
    }

    /** Newer events: back to the page before. */
    public void previous() {
        if (newer.isEmpty()) {
            return;
        }
        Long b = newer.pop();
        before = b == Long.MIN_VALUE ? null : b;
        page();
    }

    private void page() {
        try {
            AuditQuery q = query().withLimit(PAGE + 1).before(before);
            List<StoredEvent> found = access.search(actor(), q);
            more = found.size() > PAGE;
            List<Row> out = new ArrayList<>();
            for (StoredEvent s : found.subList(0, Math.min(PAGE, found.size()))) {
                out.add(row(s));
            }
            rows = out;
            searched = true;
        } catch (AccountException e) {
            rows = List.of();
            more = false;
            error(e);
        } catch (IllegalArgumentException e) {
            rows = List.of();
            more = false;
            message(text("audit.periodReversed"));
        }
    }

    // ---- export (p:fileDownload) -------------------------------------------------------------

    /** The matching events as csv: UTF-8 with BOM, oldest first, every event with its hash; null if refused. */
    public StreamedContent exportCsv() throws IOException {
        AuditQuery q = queryOrMessage();
        if (q == null) {
            return null;
        }
        Path temp = Files.createTempFile("sms-portal-audit-", ".csv");
        try (OutputStream file = Files.newOutputStream(temp);
                Writer out = new BufferedWriter(new OutputStreamWriter(file, StandardCharsets.UTF_8))) {
            out.write('\uFEFF');
            access.export(actor(), q, out);
        } catch (AccountException e) {
            Files.deleteIfExists(temp);
            error(e);
            return null;
        }
        return download(temp, "audit-" + LocalDate.now(TAIWAN) + ".csv", ReportFormat.CSV.contentType());
    }

    /** The matching events as an Excel workbook, newest first; null if refused. */
    public StreamedContent exportXlsx() throws IOException {
        AuditQuery q = queryOrMessage();
        if (q == null) {
            return null;
        }
        Path temp = Files.createTempFile("sms-portal-audit-", ".xlsx");
        try (OutputStream file = Files.newOutputStream(temp)) {
            try (ReportWriter writer = ReportFormat.XLSX.open(file, OffsetDateTime.now(TAIWAN))) {
                access.export(actor(), q, writer);
            }
        } catch (AccountException e) {
            Files.deleteIfExists(temp);
            error(e);
            return null;
        }
        return download(temp, "audit-" + LocalDate.now(TAIWAN) + ".xlsx", ReportFormat.XLSX.contentType());
    }

    /**
     * The file, written before anything is sent (so a refusal is a message on the page, never a broken
     * download), streamed once and then deleted.
     */
    private static StreamedContent download(Path temp, String name, String contentType) throws IOException {
        String path = temp.toString();
        return DefaultStreamedContent.builder()
                .name(name)
                .contentType(contentType)
                .contentLength(Files.size(temp))
                .stream(() -> openOnce(path))
                .build();
    }

    private static InputStream openOnce(String path) {
        Path file = Path.of(path);
        try {
            return new FilterInputStream(Files.newInputStream(file)) {
                @Override
                public void close() throws IOException {
                    try {
                        super.close();
                    } finally {
                        Files.deleteIfExists(file);
                    }
                }
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- chain verification ------------------------------------------------------------------

    public void verify() {
        try {
            AuditLog.Verification v = access.verify(actor());
            verification = new Verification(v.intact(), v.eventsChecked(), v.firstBrokenSeq(), v.problem());
        } catch (AccountException e) {
            verification = null;
            error(e);
        }
    }

    /** Whether the verify button shows: only system administrators verify, as {@code AuditAccess} rules. */
    public boolean isVerifier() {
        return session.getRole() == Role.SYSTEM_ADMIN;
    }

    // ---- what the page shows -----------------------------------------------------------------

    /** Administrators choose an agency; the list is loaded once, on first use. */
    public List<AgencyView> getAgencies() {
        if (agencies == null) {
            agencies = session.isAdministrator() ? administration.agencies(actor()) : List.of();
        }
        return agencies;
    }

    /** Suggestions for the action field (docs/security.md §6); any other code can be typed. */
    public List<String> getKnownActions() {
        return KNOWN_ACTIONS;
    }

    public List<String> getOutcomes() {
        return List.of(Outcome.SUCCESS.name(), Outcome.FAILURE.name(), Outcome.DENIED.name());
    }

    /** Whether export buttons show: exporting needs the {@code export} permission, as the service checks. */
    public boolean isExporter() {
        return session.may("export");
    }

    public boolean isNewerAvailable() {
        return !newer.isEmpty();
    }

    /** The criteria as the form holds them: Taiwan dates, the last day included. */
    private AuditQuery query() {
        Instant start = from == null ? null : from.atStartOfDay(TAIWAN).toInstant();
        Instant end = to == null ? null : to.plusDays(1).atStartOfDay(TAIWAN).toInstant();
        Outcome o = outcome == null || outcome.isBlank() ? null : Outcome.valueOf(outcome);
        String a = action == null || action.isBlank() ? null : action.strip().toUpperCase(Locale.ROOT);
        return new AuditQuery(start, end, a, agency, null, null, actorName, o, target, null, PAGE);
    }

    private AuditQuery queryOrMessage() {
        try {
            return query();
        } catch (IllegalArgumentException e) {
            message(text("audit.periodReversed"));
            return null;
        }
    }

    private static Row row(StoredEvent s) {
        AuditEvent e = s.event();
        return new Row(
                s.seq(),
                TIME.format(e.occurredAt()),
                e.actorName(),
                e.actorId(),
                e.role(),
                e.agencyId(),
                e.action(),
                e.target(),
                e.sourceAddress(),
                e.outcome().name(),
                e.detail());
    }

    private Actor actor() {
        return session.actor((HttpServletRequest)
                FacesContext.getCurrentInstance().getExternalContext().getRequest());
    }

    private void error(AccountException e) {
        String text = locale.isEnglish() ? e.messageEn() : e.messageZh();
        FacesContext.getCurrentInstance()
                .addMessage(FORM, new FacesMessage(FacesMessage.SEVERITY_ERROR, text, text + " (" + e.code() + ")"));
    }

    private void message(String text) {
        FacesContext.getCurrentInstance().addMessage(FORM, new FacesMessage(FacesMessage.SEVERITY_ERROR, text, text));
    }

    private static String text(String key) {
        FacesContext faces = FacesContext.getCurrentInstance();
        return faces.getApplication().getResourceBundle(faces, "adm").getString(key);
    }

    // ---- fields ------------------------------------------------------------------------------

    public List<Row> getRows() {
        return rows;
    }

    public boolean isSearched() {
        return searched;
    }

    public boolean isMore() {
        return more;
    }

    public Verification getVerification() {
        return verification;
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

    public String getActorName() {
        return actorName;
    }

    public void setActorName(String actorName) {
        this.actorName = actorName;
    }

    public String getAction() {
        return action;
    }

    public void setAction(String action) {
        this.action = action;
    }

    public String getOutcome() {
        return outcome;
    }

    public void setOutcome(String outcome) {
        this.outcome = outcome;
    }

    public String getTarget() {
        return target;
    }

    public void setTarget(String target) {
        this.target = target;
    }

    public Long getAgency() {
        return agency;
    }

    public void setAgency(Long agency) {
        this.agency = agency;
    }
}
