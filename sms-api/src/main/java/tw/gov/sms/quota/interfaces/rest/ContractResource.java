package tw.gov.sms.quota.interfaces.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import tw.gov.sms.account.application.AccountException;
import tw.gov.sms.account.domain.Actor;
import tw.gov.sms.account.domain.Role;
import tw.gov.sms.quota.application.BillingService;
import tw.gov.sms.quota.application.ContractService;
import tw.gov.sms.quota.application.MonthlyBills;
import tw.gov.sms.quota.application.QuotaService;
import tw.gov.sms.reporting.interfaces.rest.ReportDownloads;
import tw.gov.sms.shared.interfaces.http.SourceAddresses;
import tw.gov.sms.shared.interfaces.rest.ApiInputException;
import tw.gov.sms.shared.interfaces.rest.Caller;
import tw.gov.sms.shared.interfaces.rest.JsonInput;

/**
 * Contracts and orders (共契下單), contract lapse on request, and monthly bills: {@code /api/v1/contracts},
 * {@code /orders}, {@code /bills}. MODA and system administrators change; others read within their sight.
 */
@Path("v1")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({"user", "reports"})
public class ContractResource {

    @Inject
    ContractService contracts;

    @Inject
    BillingService billing;

    @Inject
    MonthlyBills monthlyBills;

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
    @Path("contracts")
    public String contracts() {
        JsonArrayBuilder out = Json.createArrayBuilder();
        contracts.contracts().forEach(c -> out.add(json(c)));
        return Json.createObjectBuilder().add("contracts", out).build().toString();
    }

    @POST
    @Path("contracts")
    public Response createContract(String body) {
        JsonObject in = JsonInput.object(body);
        QuotaService.Contract c = contracts.createContract(
                actor(),
                JsonInput.string(in, "code", true),
                JsonInput.string(in, "name", true),
                date(in, "startsOn"),
                date(in, "endsOn"),
                decimal(in, "unitPrice"));
        return Response.status(201).entity(json(c).build().toString()).build();
    }

    @POST
    @Path("contracts/lapse")
    public String lapse() {
        Actor actor = actor();
        if (!actor.has(Role.MODA_ADMIN) && !actor.has(Role.SYSTEM_ADMIN)) {
            throw AccountException.notPermitted("只有數位部或系統管理者可以執行。", "Only MODA or system administrators may do this.");
        }
        return Json.createObjectBuilder()
                .add("lapsedSegments", contracts.lapseEnded())
                .build()
                .toString();
    }

    @GET
    @Path("orders")
    public String orders(
            @QueryParam("agency") Long agency, @QueryParam("from") String from, @QueryParam("to") String to) {
        JsonArrayBuilder out = Json.createArrayBuilder();
        contracts
                .orders(actor(), agency, from == null ? null : parse("from", from), to == null ? null : parse("to", to))
                .forEach(o -> out.add(json(o)));
        return Json.createObjectBuilder().add("orders", out).build().toString();
    }

    @POST
    @Path("orders")
    public Response placeOrder(String body) {
        JsonObject in = JsonInput.object(body);
        Integer agency = JsonInput.integer(in, "agencyId");
        if (agency == null) {
            throw JsonInput.missing("agencyId");
        }
        JsonValue segments = in.get("segments");
        if (!(segments instanceof JsonNumber n) || !n.isIntegral()) {
            throw new ApiInputException(
                    "ORDER_QUANTITY_INVALID", "segments 須為正整數。", "segments must be a positive whole number.");
        }
        ContractService.Order o = contracts.placeOrder(
                actor(),
                JsonInput.string(in, "contract", false),
                agency,
                JsonInput.string(in, "orderNo", true),
                date(in, "orderedOn"),
                n.longValueExact(),
                decimal(in, "amount"));
        return Response.status(201).entity(json(o).build().toString()).build();
    }

    /** Runs the monthly-bill batch job for a month now (administrators) and waits for it (up to 5 minutes). */
    @POST
    @Path("bills/{month}/run")
    public String runBills(@PathParam("month") String month) throws InterruptedException {
        Actor actor = actor();
        if (!actor.has(Role.MODA_ADMIN) && !actor.has(Role.SYSTEM_ADMIN)) {
            throw AccountException.notPermitted("只有數位部或系統管理者可以執行。", "Only MODA or system administrators may do this.");
        }
        YearMonth m = month(month);
        if (m.isAfter(YearMonth.now(java.time.ZoneId.of("Asia/Taipei")))) {
            throw new ApiInputException(
                    "BILL_MONTH_IN_FUTURE", "不能為尚未開始的月份出帳。", "A month that has not begun cannot be billed.");
        }
        var status = monthlyBills.runAndWait(m, Duration.ofMinutes(5));
        return Json.createObjectBuilder()
                .add("month", m.toString())
                .add("status", status.name())
                .build()
                .toString();
    }

    @GET
    @Path("bills")
    public String bills(@QueryParam("month") String month) {
        JsonArrayBuilder out = Json.createArrayBuilder();
        for (BillingService.Bill b : billing.bills(actor(), month(month))) {
            JsonArrayBuilder lines = Json.createArrayBuilder();
            b.lines()
                    .forEach(l -> lines.add(Json.createObjectBuilder()
                            .add("contract", l.contractCode())
                            .add("unitPrice", l.unitPrice())
                            .add("deliveredSegments", l.deliveredSegments())
                            .add("exactAmount", l.exactAmount())));
            out.add(Json.createObjectBuilder()
                    .add("agencyId", b.agencyId())
                    .add("agencyName", b.agencyName())
                    .add("month", b.month().toString())
                    .add("deliveredSegments", b.deliveredSegments())
                    .add("exactAmount", b.exactAmount())
                    .add("fee", b.fee())
                    .add("lines", lines)
                    .add("figuresSha256", b.figuresSha256())
                    .add("closed", b.closed())
                    .add("generatedAt", b.generatedAt().toString())
                    .add("runs", b.runs()));
        }
        return Json.createObjectBuilder().add("bills", out).build().toString();
    }

    @GET
    @Path("bills/{agency}/{month}")
    @Produces({"application/json", "*/*"})
    public Response bill(
            @PathParam("agency") long agency, @PathParam("month") String month, @QueryParam("format") String format) {
        Actor actor = actor();
        YearMonth m = month(month);
        return ReportDownloads.respond(
                format == null ? "xlsx" : format,
                "帳單-bill-" + agency + "-" + m,
                w -> billing.write(actor, agency, m, w));
    }

    private static JsonObjectBuilder json(QuotaService.Contract c) {
        return Json.createObjectBuilder()
                .add("id", c.id())
                .add("code", c.code())
                .add("name", c.name())
                .add("startsOn", c.startsOn().toString())
                .add("endsOn", c.endsOn().toString())
                .add("unitPrice", c.unitPrice())
                .add("lapsed", c.lapsed());
    }

    private static JsonObjectBuilder json(ContractService.Order o) {
        return Json.createObjectBuilder()
                .add("id", o.id())
                .add("contract", o.contractCode())
                .add("agencyId", o.agencyId())
                .add("agencyName", o.agencyName())
                .add("orderNo", o.orderNo())
                .add("orderedOn", o.orderedOn().toString())
                .add("segments", o.segments())
                .add("amount", o.amount());
    }

    private static LocalDate date(JsonObject in, String field) {
        return parse(field, JsonInput.string(in, field, true));
    }

    private static LocalDate parse(String field, String value) {
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new ApiInputException(
                    "DATE_INVALID",
                    field + " 須為日期 yyyy-MM-dd，例如 2026-01-01。",
                    field + " must be a date yyyy-MM-dd, e.g. 2026-01-01.");
        }
    }

    private static BigDecimal decimal(JsonObject in, String field) {
        JsonValue v = in.get(field);
        if (v instanceof JsonNumber n) {
            return n.bigDecimalValue();
        }
        if (v != null && v.getValueType() == JsonValue.ValueType.STRING) {
            try {
                return new BigDecimal(in.getString(field).strip());
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw new ApiInputException(
                "NUMBER_INVALID", field + " 須為數字，例如 0.35。", field + " must be a number, e.g. 0.35.");
    }

    private static YearMonth month(String value) {
        try {
            return YearMonth.parse(value == null ? "" : value.strip());
        } catch (DateTimeParseException e) {
            throw new ApiInputException(
                    "REPORT_MONTH_INVALID", "month 須為 yyyy-MM，例如 2026-11。", "month must be yyyy-MM, e.g. 2026-11.");
        }
    }
}
