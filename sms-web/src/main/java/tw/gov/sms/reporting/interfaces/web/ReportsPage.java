package tw.gov.sms.reporting.interfaces.web;

import jakarta.faces.application.FacesMessage;
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
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import tw.gov.sms.account.application.AccountException;
import tw.gov.sms.account.domain.Actor;
import tw.gov.sms.account.interfaces.web.PortalSession;
import tw.gov.sms.reporting.application.ReportService;
import tw.gov.sms.reports.ReportFormat;
import tw.gov.sms.reports.ReportWriter;
import tw.gov.sms.shared.interfaces.web.LocaleSwitch;

/**
 * The reports of R7 and R11.5 on screen and as downloads (xlsx, csv, pdf): the account roster, sending
 * statistics, order statistics, sending records and the monthly operations report. Every figure comes from
 * {@code ReportService}, the same as the API's downloads, scoped to the person's sight in its SQL.
 */
@Named
@ViewScoped
public class ReportsPage implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final ZoneId TAIWAN = ZoneId.of("Asia/Taipei");

    @Inject
    ReportService reports;

    @Inject
    PortalSession session;

    @Inject
    LocaleSwitch locale;

    private String kind = "sending";
    private LocalDate from = LocalDate.now(TAIWAN).withDayOfMonth(1);
    private LocalDate to = LocalDate.now(TAIWAN);
    private String by = "agency";
    private String month = YearMonth.now(TAIWAN).toString();
    private Long job;
    private ScreenReport shown;

    public void show() {
        ScreenReport screen = new ScreenReport();
        if (write(screen)) {
            shown = screen;
        }
    }

    public void downloadXlsx() throws IOException {
        download(ReportFormat.XLSX);
    }

    public void downloadCsv() throws IOException {
        download(ReportFormat.CSV);
    }

    public void downloadPdf() throws IOException {
        download(ReportFormat.PDF);
    }

    /** Written to a temporary file first, so a refusal is a message on the page, never a broken download. */
    private void download(ReportFormat format) throws IOException {
        Path temp = Files.createTempFile("sms-portal-report-", "." + format.extension());
        try {
            boolean written;
            try (OutputStream out = Files.newOutputStream(temp);
                    ReportWriter writer = format.open(out, OffsetDateTime.now(TAIWAN))) {
                written = write(writer);
            }
            if (!written) {
                return;
            }
            FacesContext faces = FacesContext.getCurrentInstance();
            ExternalContext external = faces.getExternalContext();
            String name = kind + "-" + LocalDate.now(TAIWAN) + "." + format.extension();
            external.responseReset();
            external.setResponseContentType(format.contentType());
            external.setResponseHeader(
                    "Content-Disposition",
                    "attachment; filename=\"" + name + "\"; filename*=UTF-8''"
                            + URLEncoder.encode(name, StandardCharsets.UTF_8));
            Files.copy(temp, external.getResponseOutputStream());
            faces.responseComplete();
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private boolean write(ReportWriter writer) {
        Actor actor = session.actor((HttpServletRequest)
                FacesContext.getCurrentInstance().getExternalContext().getRequest());
        try {
            switch (kind) {
                case "accounts" -> reports.accounts(actor, writer);
                case "orders" -> reports.orders(actor, from, to, writer);
                case "records" -> reports.records(actor, from, to, job, writer);
                case "operations" -> reports.operations(actor, YearMonth.parse(month), writer);
                default -> reports.sending(actor, from, to, ReportService.Grouping.parse(by), writer);
            }
            return true;
        } catch (AccountException e) {
            String text = locale.isEnglish() ? e.messageEn() : e.messageZh();
            FacesContext.getCurrentInstance()
                    .addMessage(
                            null, new FacesMessage(FacesMessage.SEVERITY_ERROR, text, text + " (" + e.code() + ")"));
            return false;
        } catch (java.time.format.DateTimeParseException e) {
            String text = locale.isEnglish() ? "The month must be yyyy-MM." : "月份須為 yyyy-MM。";
            FacesContext.getCurrentInstance()
                    .addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, text, text));
            return false;
        }
    }

    public ScreenReport getShown() {
        return shown;
    }

    public String getKind() {
        return kind;
    }

    public void setKind(String kind) {
        this.kind = kind;
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

    public String getBy() {
        return by;
    }

    public void setBy(String by) {
        this.by = by;
    }

    public String getMonth() {
        return month;
    }

    public void setMonth(String month) {
        this.month = month;
    }

    public Long getJob() {
        return job;
    }

    public void setJob(Long job) {
        this.job = job;
    }
}
