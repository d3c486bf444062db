package tw.gov.sms.reporting.interfaces.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import tw.gov.sms.account.domain.Actor;
import tw.gov.sms.reporting.application.IncidentService;
import tw.gov.sms.shared.interfaces.http.SourceAddresses;
import tw.gov.sms.shared.interfaces.rest.ApiInputException;
import tw.gov.sms.shared.interfaces.rest.Caller;
import tw.gov.sms.shared.interfaces.rest.JsonInput;

/** {@code /api/v1/incidents}: incidents recorded by administrators for the monthly operations report. */
@Path("v1/incidents")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed("user")
public class IncidentResource {

    @Inject
    IncidentService incidents;

    @Inject
    SourceAddresses sources;

    @Context
    HttpServletRequest request;

    @Context
    SecurityContext security;

    private Actor actor() {
        return Caller.of(security).actor(sources.of(request));
    }

    @POST
    public Response record(String body) {
        JsonObject in = JsonInput.object(body);
        String resolved = JsonInput.string(in, "resolvedAt", false);
        IncidentService.Incident i = incidents.record(
                actor(),
                time("occurredAt", JsonInput.string(in, "occurredAt", true)),
                resolved == null ? null : time("resolvedAt", resolved),
                JsonInput.string(in, "severity", true),
                JsonInput.string(in, "title", true),
                JsonInput.string(in, "description", true));
        return Response.status(201).entity(json(i).build().toString()).build();
    }

    @GET
    public String list(@QueryParam("month") String month) {
        YearMonth m = ReportResource.month(month);
        ZoneId taiwan = ZoneId.of("Asia/Taipei");
        JsonArrayBuilder out = Json.createArrayBuilder();
        incidents
                .between(
                        actor(),
                        m.atDay(1).atStartOfDay(taiwan).toOffsetDateTime(),
                        m.plusMonths(1).atDay(1).atStartOfDay(taiwan).toOffsetDateTime())
                .forEach(i -> out.add(json(i)));
        return Json.createObjectBuilder().add("incidents", out).build().toString();
    }

    private static JsonObjectBuilder json(IncidentService.Incident i) {
        JsonObjectBuilder o = Json.createObjectBuilder()
                .add("id", i.id())
                .add("occurredAt", i.occurredAt().toString())
                .add("severity", i.severity())
                .add("title", i.title())
                .add("description", i.description());
        if (i.resolvedAt() != null) {
            o.add("resolvedAt", i.resolvedAt().toString());
        }
        return o;
    }

    private static OffsetDateTime time(String field, String value) {
        try {
            return OffsetDateTime.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new ApiInputException(
                    "INCIDENT_TIME_INVALID",
                    field + " 須為含時區的 ISO-8601 時間，例如 2026-11-03T09:30:00+08:00。",
                    field + " must be an ISO-8601 time with offset, e.g. 2026-11-03T09:30:00+08:00.");
        }
    }
}
