package tw.gov.sms.reporting.interfaces.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import tw.gov.sms.account.domain.Actor;
import tw.gov.sms.reporting.application.ReportService;
import tw.gov.sms.shared.interfaces.http.SourceAddresses;
import tw.gov.sms.shared.interfaces.rest.ApiInputException;
import tw.gov.sms.shared.interfaces.rest.Caller;

/**
 * The reports of R7 and R11.5 as JSON (for screens) or downloads ({@code format=xlsx|csv|pdf}), for
 * accounts and API clients with the reports permission, each scoped to what the caller may see.
 */
@Path("v1/reports")
@RequestScoped
@RolesAllowed({"reports", "MODA_ADMIN", "SYSTEM_ADMIN"})
public class ReportResource {

    @Inject
    ReportService reports;

    @Inject
    SourceAddresses sources;

    @Context
    HttpServletRequest request;

    @Context
    SecurityContext security;

    private Actor actor() {
        return Caller.of(security).actor(sources.of(request));
    }

    @GET
    @Path("accounts")
    public Response accounts(@QueryParam("format") String format) {
        Actor actor = actor();
        return ReportDownloads.respond(format, "帳號清冊-accounts", w -> reports.accounts(actor, w));
    }

    @GET
    @Path("sending")
    public Response sending(
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("by") String by,
            @QueryParam("format") String format) {
        Actor actor = actor();
        LocalDate f = date("from", from);
        LocalDate t = date("to", to);
        ReportService.Grouping grouping = ReportService.Grouping.parse(by);
        return ReportDownloads.respond(
                format, "簡訊發送統計表-sending-" + f + "-" + t, w -> reports.sending(actor, f, t, grouping, w));
    }

    @GET
    @Path("orders")
    public Response orders(
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("format") String format) {
        Actor actor = actor();
        LocalDate f = from == null ? null : date("from", from);
        LocalDate t = to == null ? null : date("to", to);
        return ReportDownloads.respond(format, "共契下單統計表-orders", w -> reports.orders(actor, f, t, w));
    }

    @GET
    @Path("records")
    public Response records(
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("job") Long job,
            @QueryParam("format") String format) {
        Actor actor = actor();
        LocalDate f = date("from", from);
        LocalDate t = date("to", to);
        return ReportDownloads.respond(
                format, "簡訊發送紀錄-records-" + f + "-" + t, w -> reports.records(actor, f, t, job, w));
    }

    @GET
    @Path("operations")
    public Response operations(@QueryParam("month") String month, @QueryParam("format") String format) {
        Actor actor = actor();
        YearMonth m = month(month);
        return ReportDownloads.respond(format, "維運月報-operations-" + m, w -> reports.operations(actor, m, w));
    }

    static LocalDate date(String field, String value) {
        try {
            return LocalDate.parse(value == null ? "" : value.strip());
        } catch (DateTimeParseException e) {
            throw new ApiInputException(
                    "REPORT_DATE_INVALID",
                    field + " 須為日期 yyyy-MM-dd，例如 2026-11-01。",
                    field + " must be a date yyyy-MM-dd, e.g. 2026-11-01.");
        }
    }

    static YearMonth month(String value) {
        try {
            return YearMonth.parse(value == null ? "" : value.strip());
        } catch (DateTimeParseException e) {
            throw new ApiInputException(
                    "REPORT_MONTH_INVALID", "month 須為 yyyy-MM，例如 2026-11。", "month must be yyyy-MM, e.g. 2026-11.");
        }
    }
}
