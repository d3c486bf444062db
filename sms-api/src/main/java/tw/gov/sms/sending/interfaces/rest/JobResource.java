package tw.gov.sms.sending.interfaces.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.time.OffsetDateTime;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import tw.gov.sms.sending.application.JobCancellation;
import tw.gov.sms.sending.application.JobQueryService;
import tw.gov.sms.sending.application.JobView;
import tw.gov.sms.sending.application.MessageLine;
import tw.gov.sms.sending.domain.MessageState;
import tw.gov.sms.shared.interfaces.rest.ApiInputException;
import tw.gov.sms.shared.interfaces.rest.Caller;

/**
 * {@code GET /api/v1/jobs/{id}} and {@code /messages}: a job's progress and each recipient's fate;
 * {@code POST …/cancel} cancels a scheduled job before it starts.
 */
@Path("v1/jobs/{id}")
@RequestScoped
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
public class JobResource {

    @Inject
    JobQueryService jobs;

    @Inject
    JobCancellation cancellation;

    @Inject
    tw.gov.sms.account.application.Audit audit;

    @Context
    SecurityContext security;

    @Context
    jakarta.servlet.http.HttpServletRequest request;

    @Inject
    tw.gov.sms.shared.interfaces.http.SourceAddresses sources;

    private tw.gov.sms.account.domain.Actor actor() {
        return Caller.of(security).actor(sources.of(request));
    }

    @GET
    @RolesAllowed({"view", "send"})
    public String job(@PathParam("id") long id) {
        JobView job = jobs.find(id, actor());
        JsonObjectBuilder counts = Json.createObjectBuilder();
        job.messagesByState().forEach((state, n) -> counts.add(state.name(), n));
        JsonObjectBuilder b = Json.createObjectBuilder()
                .add("id", job.id())
                .add("channel", job.channel())
                .add("state", job.state().name())
                .add("test", job.test())
                .add("senderId", job.senderId())
                .add("recipients", job.recipients())
                .add("rejected", job.rejected())
                .add("segments", job.segments())
                .add("deliveredSegments", job.deliveredSegments())
                .add("messagesByState", counts);
        put(b, "acceptedAt", job.acceptedAt());
        put(b, "scheduledAt", job.scheduledAt());
        put(b, "releasedAt", job.releasedAt());
        put(b, "handedOverAt", job.handedOverAt());
        put(b, "lastReceiptAt", job.lastReceiptAt());
        put(b, "completedAt", job.completedAt());
        put(b, "validityUntil", job.validityUntil());
        return b.build().toString();
    }

    @GET
    @Path("messages")
    @RolesAllowed({"view", "send"})
    public String messages(
            @PathParam("id") long id,
            @QueryParam("state") String state,
            @QueryParam("offset") @DefaultValue("0") int offset,
            @QueryParam("limit") @DefaultValue("100") int limit) {
        if (offset < 0 || limit < 1 || limit > 1000) {
            throw new ApiInputException(
                    "PAGING_INVALID", "offset 不可為負數，limit 須介於 1 與 1000。", "offset must be >= 0 and limit 1..1000.");
        }
        MessageState filter = parseState(state);
        JsonArrayBuilder items = Json.createArrayBuilder();
        for (MessageLine m : jobs.messages(id, actor(), filter, offset, limit)) {
            JsonArrayBuilder carrierIds = Json.createArrayBuilder();
            m.carrierMessageIds().forEach(carrierIds::add);
            JsonObjectBuilder o = Json.createObjectBuilder()
                    .add("id", m.id())
                    .add("index", m.index())
                    .add("recipient", m.recipient())
                    .add("state", m.state().name())
                    .add("segments", m.segments())
                    .add("deliveredSegments", m.deliveredSegments())
                    .add("attempts", m.attempts())
                    .add("carrierMessageIds", carrierIds);
            putText(o, "carrier", m.carrier());
            putText(o, "routeReason", m.routeReason());
            put(o, "queuedAt", m.queuedAt());
            put(o, "submittedAt", m.submittedAt());
            put(o, "finalAt", m.finalAt());
            putText(o, "errorCode", m.errorCode());
            putText(o, "errorDetail", m.errorDetail());
            items.add(o);
        }
        return Json.createObjectBuilder()
                .add("jobId", id)
                .add("offset", offset)
                .add("limit", limit)
                .add("items", items)
                .build()
                .toString();
    }

    /** Cancels a scheduled job until it starts; its messages become {@code CANCELLED}. */
    @POST
    @Path("cancel")
    @RolesAllowed("send")
    public String cancel(@PathParam("id") long id) {
        var actor = actor();
        int cancelled = cancellation.cancel(actor, jobs.visibleJob(id, actor).agencyId(), id);
        return Json.createObjectBuilder()
                .add("jobId", id)
                .add("state", "CANCELLED")
                .add("cancelledMessages", cancelled)
                .build()
                .toString();
    }

    private static MessageState parseState(String state) {
        if (state == null || state.isBlank()) {
            return null;
        }
        try {
            return MessageState.valueOf(state.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ApiInputException(
                    "STATE_UNKNOWN", "未知的訊息狀態：" + state + "。", "Unknown message state: " + state + ".");
        }
    }

    private static void put(JsonObjectBuilder b, String name, OffsetDateTime t) {
        if (t != null) {
            b.add(name, t.toString());
        }
    }

    private static void putText(JsonObjectBuilder b, String name, String v) {
        if (v != null) {
            b.add(name, v);
        }
    }
}
