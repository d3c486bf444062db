package tw.gov.sms.sending.interfaces.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import tw.gov.sms.sending.application.Preview;
import tw.gov.sms.sending.application.PreviewService;
import tw.gov.sms.sending.application.RecipientInput;
import tw.gov.sms.sending.application.RecipientRejection;
import tw.gov.sms.sending.application.SubmissionRequest;
import tw.gov.sms.sending.application.SubmissionResult;
import tw.gov.sms.sending.application.SubmissionService;
import tw.gov.sms.sending.domain.Channel;
import tw.gov.sms.shared.interfaces.rest.ApiInputException;
import tw.gov.sms.shared.interfaces.rest.Caller;
import tw.gov.sms.shared.interfaces.rest.JsonInput;
import tw.gov.sms.shared.interfaces.rest.Problems;

/**
 * {@code POST /api/v1/messages}: one send job. Translates JSON into a {@link SubmissionRequest} and calls
 * the one submission service; answers {@code 202 Accepted} with the job id and a {@code Location} only
 * after the job and its recipients are committed.
 *
 * <p>Body: {@code {"recipients": ["0912345678", {"number": "0912…", "values": {"name": "王小明"}}],
 * "groups": [12], "text": "…", "scheduleAt": "2026-12-01T09:00:00+08:00", "validityMinutes": 1440, "test": false}}.
 * {@code groups} (contact group ids, R3.1) adds every member of those groups to the recipients; with groups,
 * {@code recipients} may be left out. A number given twice is sent once and reported as a duplicate.
 */
@Path("v1/messages")
@RequestScoped
@SecurityRequirement(name = "bearer")
public class MessageResource {

    @Inject
    SubmissionService submissions;

    @Inject
    PreviewService previews;

    @Inject
    tw.gov.sms.contact.application.ContactService contacts;

    @Context
    SecurityContext security;

    @Context
    UriInfo uri;

    @Context
    jakarta.servlet.http.HttpServletRequest httpRequest;

    @Inject
    tw.gov.sms.shared.interfaces.http.SourceAddresses sources;

    @Inject
    tw.gov.sms.account.application.Audit audit;

    @POST
    @RolesAllowed("send")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response send(String body, @HeaderParam("Idempotency-Key") String idempotencyKey) {
        JsonObject json = JsonInput.object(body);
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 100)) {
            throw new ApiInputException(
                    "IDEMPOTENCY_KEY_INVALID",
                    "Idempotency-Key 必須為 1 至 100 個字元。",
                    "Idempotency-Key must be 1 to 100 characters.");
        }
        Caller caller = Caller.of(security);
        if (json.containsKey("scheduleAt") && !json.isNull("scheduleAt") && !security.isUserInRole("schedule")) {
            throw tw.gov.sms.account.application.AccountException.notPermitted(
                    "預約發送需要 schedule 權限。", "Scheduling needs the schedule permission.");
        }
        if (caller.isUser() && !caller.jwt().containsClaim("agency_id")) {
            throw new jakarta.ws.rs.ForbiddenException("an account without an agency cannot send");
        }
        var actor = caller.isUser() ? caller.actor(sources.of(httpRequest)) : null;
        List<Long> groups = tw.gov.sms.contact.interfaces.rest.ContactResource.groupIds(json);
        List<RecipientInput> recipients = groups.isEmpty() || json.containsKey("recipients")
                ? new ArrayList<>(recipients(json))
                : new ArrayList<>();
        if (!groups.isEmpty()) {
            recipients.addAll(contacts.recipients(caller.actor(sources.of(httpRequest)), groups));
        }
        SubmissionRequest request = new SubmissionRequest(
                caller.agency(),
                caller.isUser() ? null : caller.clientDbId(),
                Channel.API,
                recipients,
                JsonInput.string(json, "text", true),
                dateTime(json, "scheduleAt"),
                JsonInput.integer(json, "validityMinutes"),
                JsonInput.bool(json, "test"),
                idempotencyKey,
                actor == null ? null : actor.accountId(),
                actor == null ? null : actor.groupId());
        SubmissionResult result = submissions.submit(request, caller.actor(sources.of(httpRequest)));
        return Response.status(result.replayed() ? Response.Status.OK : Response.Status.ACCEPTED)
                .location(uri.getBaseUriBuilder().path("v1/jobs/{id}").build(result.jobId()))
                .entity(toJson(result).toString())
                .build();
    }

    /**
     * {@code POST /api/v1/messages/preview}: the same body as a send; answers the text exactly as each
     * recipient will see it (prefix included), its encoding, segments with their boundaries, and every
     * problem found. Sends and stores nothing. Recipients are optional (then the template is previewed).
     */
    @POST
    @Path("preview")
    @RolesAllowed({"send", "view"})
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public String preview(String body) {
        JsonObject json = JsonInput.object(body);
        List<RecipientInput> recipients = json.containsKey("recipients") ? recipients(json) : List.of();
        Preview preview =
                previews.preview(Caller.of(security).agency(), recipients, JsonInput.string(json, "text", true));
        JsonArrayBuilder items = Json.createArrayBuilder();
        for (Preview.Item item : preview.items()) {
            JsonObjectBuilder o = Json.createObjectBuilder();
            if (item.index() != null) {
                o.add("index", item.index());
            }
            if (item.recipient() != null) {
                o.add("recipient", item.recipient());
            }
            if (item.fullText() != null) {
                o.add("fullText", item.fullText())
                        .add("encoding", item.encoding())
                        .add("units", item.units());
            }
            JsonArrayBuilder segments = Json.createArrayBuilder();
            item.segments()
                    .forEach(s -> segments.add(Json.createObjectBuilder()
                            .add("index", s.index())
                            .add("start", s.start())
                            .add("text", s.text())
                            .add("units", s.units())));
            items.add(o.add("segmentCount", item.segments().size())
                    .add("segments", segments)
                    .add("problems", Problems.toJson(item.problems()))
                    .add(
                            "sendable",
                            item.fullText() != null && item.problems().stream().noneMatch(p -> p.isError())));
        }
        return Json.createObjectBuilder()
                .add("problems", Problems.toJson(preview.problems()))
                .add("recipients", preview.recipientsGiven())
                .add("truncated", preview.truncated())
                .add("items", items)
                .build()
                .toString();
    }

    static List<RecipientInput> recipients(JsonObject json) {
        JsonValue value = json.get("recipients");
        if (value == null || value == JsonValue.NULL) {
            throw JsonInput.missing("recipients");
        }
        if (!(value instanceof JsonArray array)) {
            throw JsonInput.wrongType("recipients", "陣列", "an array");
        }
        List<RecipientInput> out = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            JsonValue item = array.get(i);
            String field = "recipients[" + i + "]";
            if (item instanceof JsonString s) {
                out.add(new RecipientInput(s.getString(), Map.of()));
            } else if (item instanceof JsonObject o) {
                out.add(new RecipientInput(
                        JsonInput.string(o, "number", true), JsonInput.stringMap(o, "values", field)));
            } else {
                throw JsonInput.wrongType(field, "字串或物件", "a string or an object");
            }
        }
        return out;
    }

    private static OffsetDateTime dateTime(JsonObject json, String field) {
        String text = JsonInput.string(json, field, false);
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text);
        } catch (DateTimeParseException e) {
            throw new ApiInputException(
                    "FIELD_WRONG_TYPE",
                    "欄位「" + field + "」必須是含時區的 ISO-8601 時間，例如 2026-12-01T09:00:00+08:00。",
                    "Field '" + field + "' must be an ISO-8601 date-time with offset, e.g. 2026-12-01T09:00:00+08:00.");
        }
    }

    private static JsonObject toJson(SubmissionResult result) {
        JsonArrayBuilder rejections = Json.createArrayBuilder();
        for (RecipientRejection r : result.rejections()) {
            rejections.add(Json.createObjectBuilder()
                    .add("index", r.index())
                    .add("number", r.number() == null ? "" : r.number())
                    .add("problems", Problems.toJson(r.problems())));
        }
        JsonArrayBuilder duplicates = Json.createArrayBuilder();
        result.duplicates().forEach(duplicates::add);
        return Json.createObjectBuilder()
                .add("jobId", result.jobId())
                .add("state", result.state().name())
                .add("accepted", result.accepted())
                .add("segments", result.segments())
                .add("rejected", result.rejections().size())
                .add("rejections", rejections)
                .add("duplicates", duplicates)
                .add("warnings", Problems.toJson(result.warnings()))
                .add("replayed", result.replayed())
                .build();
    }
}
