package tw.gov.sms.audit.interfaces.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import tw.gov.sms.account.domain.Actor;
import tw.gov.sms.audit.application.AuditAccess;
import tw.gov.sms.audit.domain.AuditEvent;
import tw.gov.sms.audit.domain.AuditQuery;
import tw.gov.sms.audit.domain.StoredEvent;
import tw.gov.sms.audit.infrastructure.jdbc.AuditLog;
import tw.gov.sms.shared.interfaces.http.SourceAddresses;
import tw.gov.sms.shared.interfaces.rest.ApiInputException;
import tw.gov.sms.shared.interfaces.rest.Caller;

/** {@code GET /api/v1/audit} (search, newest first, keyset pages), {@code /audit/export} (CSV), {@code /audit/verify}. */
@Path("v1/audit")
@RequestScoped
@RolesAllowed("user")
public class AuditResource {

    @Inject
    AuditAccess access;

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
    @Produces(MediaType.APPLICATION_JSON)
    public String search(
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("action") String action,
            @QueryParam("agencyId") Long agencyId,
            @QueryParam("actorId") Long actorId,
            @QueryParam("actorName") String actorName,
            @QueryParam("before") Long before,
            @QueryParam("limit") Integer limit) {
        AuditQuery q = query(from, to, action, agencyId, actorId, actorName, before, limit == null ? 100 : limit);
        JsonArrayBuilder items = Json.createArrayBuilder();
        Long last = null;
        for (StoredEvent s : access.search(actor(), q)) {
            items.add(json(s));
            last = s.seq();
        }
        JsonObjectBuilder out = Json.createObjectBuilder().add("items", items);
        if (last != null) {
            out.add("next", last);
        }
        return out.build().toString();
    }

    @GET
    @Path("export")
    @Produces("text/csv")
    @RolesAllowed("export")
    public Response export(
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("action") String action,
            @QueryParam("agencyId") Long agencyId,
            @QueryParam("actorId") Long actorId) {
        Actor actor = actor();
        AuditQuery q = query(from, to, action, agencyId, actorId, null, null, AuditQuery.MAX_LIMIT);
        StreamingOutput body = out -> {
            var writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            writer.write('\uFEFF');
            access.export(actor, q, writer);
            writer.flush();
        };
        return Response.ok(body, "text/csv;charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"audit.csv\"")
                .build();
    }

    @GET
    @Path("verify")
    @Produces(MediaType.APPLICATION_JSON)
    public String verify() {
        AuditLog.Verification v = access.verify(actor());
        JsonObjectBuilder out =
                Json.createObjectBuilder().add("intact", v.intact()).add("eventsChecked", v.eventsChecked());
        if (v.firstBrokenSeq() != null) {
            out.add("firstBrokenSeq", v.firstBrokenSeq());
        }
        if (v.problem() != null) {
            out.add("problem", v.problem());
        }
        return out.build().toString();
    }

    private static AuditQuery query(
            String from,
            String to,
            String action,
            Long agencyId,
            Long actorId,
            String actorName,
            Long before,
            int limit) {
        try {
            return new AuditQuery(
                    instant(from, "from"),
                    instant(to, "to"),
                    action,
                    agencyId,
                    null,
                    actorId,
                    actorName,
                    before,
                    limit);
        } catch (IllegalArgumentException e) {
            throw new ApiInputException(
                    "AUDIT_QUERY_INVALID", "查詢條件有誤：" + e.getMessage(), "Invalid query: " + e.getMessage());
        }
    }

    private static Instant instant(String text, String field) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new ApiInputException(
                    "AUDIT_QUERY_INVALID",
                    field + " 須為 ISO-8601 時間，例如 2026-11-01T00:00:00Z。",
                    field + " must be an ISO-8601 instant, e.g. 2026-11-01T00:00:00Z.");
        }
    }

    private static jakarta.json.JsonObject json(StoredEvent s) {
        AuditEvent e = s.event();
        JsonObjectBuilder b = Json.createObjectBuilder()
                .add("seq", s.seq())
                .add("occurredAt", e.occurredAt().toString())
                .add("actorKind", e.actorKind().name())
                .add("actorName", e.actorName())
                .add("action", e.action())
                .add("outcome", e.outcome().name())
                .add("hash", s.hash());
        if (e.actorId() != null) b.add("actorId", e.actorId());
        if (e.role() != null) b.add("role", e.role());
        if (e.agencyId() != null) b.add("agencyId", e.agencyId());
        if (e.groupId() != null) b.add("groupId", e.groupId());
        if (e.target() != null) b.add("target", e.target());
        if (e.sourceAddress() != null) b.add("sourceAddress", e.sourceAddress());
        if (e.detail() != null) b.add("detail", e.detail());
        return b.build();
    }
}
