package tw.gov.sms.account.interfaces.rest;

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
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import tw.gov.sms.account.application.InventoryService;
import tw.gov.sms.account.domain.Actor;
import tw.gov.sms.shared.interfaces.http.SourceAddresses;
import tw.gov.sms.shared.interfaces.rest.ApiInputException;
import tw.gov.sms.shared.interfaces.rest.Caller;
import tw.gov.sms.shared.interfaces.rest.JsonInput;

/** The account inventory (帳號盤點, R9.5): open a campaign, list and decide its items, close it after the deadline. */
@Path("v1/inventory")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed("user")
public class InventoryResource {

    @Inject
    InventoryService inventory;

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
    public Response start(String body) {
        JsonObject in = JsonInput.object(body);
        String deadline = JsonInput.string(in, "deadline", true);
        Instant at;
        try {
            at = Instant.parse(deadline);
        } catch (DateTimeParseException e) {
            throw new ApiInputException(
                    "INVENTORY_DEADLINE_INVALID",
                    "deadline 須為 ISO-8601 時間，例如 2026-12-31T09:00:00Z。",
                    "deadline must be an ISO-8601 instant, e.g. 2026-12-31T09:00:00Z.");
        }
        return Response.status(201)
                .entity(json(inventory.start(actor(), at, JsonInput.string(in, "note", false)))
                        .toString())
                .build();
    }

    @GET
    @Path("{id}")
    public String campaign(@PathParam("id") long id) {
        Actor actor = actor();
        JsonArrayBuilder items = Json.createArrayBuilder();
        for (InventoryService.Item i : inventory.items(actor, id)) {
            JsonObjectBuilder o = Json.createObjectBuilder()
                    .add("accountId", i.accountId())
                    .add("username", i.username())
                    .add("displayName", i.displayName())
                    .add("role", i.role())
                    .add("permissions", i.permissions())
                    .add("decision", i.decision());
            if (i.groupId() != null) {
                o.add("groupId", i.groupId());
            }
            if (i.decidedAt() != null) {
                o.add("decidedAt", i.decidedAt().toString());
            }
            items.add(o);
        }
        return Json.createObjectBuilder(json(inventory.find(id)))
                .add("items", items)
                .build()
                .toString();
    }

    @POST
    @Path("{id}/items/{accountId}/confirm")
    public String confirm(@PathParam("id") long id, @PathParam("accountId") long accountId) {
        return Json.createObjectBuilder()
                .add("accountId", accountId)
                .add("decision", inventory.decide(actor(), id, accountId, true).decision())
                .build()
                .toString();
    }

    @POST
    @Path("{id}/items/{accountId}/revoke")
    public String revoke(@PathParam("id") long id, @PathParam("accountId") long accountId) {
        return Json.createObjectBuilder()
                .add("accountId", accountId)
                .add("decision", inventory.decide(actor(), id, accountId, false).decision())
                .build()
                .toString();
    }

    @POST
    @Path("{id}/close")
    public String close(@PathParam("id") long id) {
        return json(inventory.close(actor(), id)).toString();
    }

    private static JsonObject json(InventoryService.Campaign c) {
        JsonObjectBuilder b = Json.createObjectBuilder()
                .add("id", c.id())
                .add("startedAt", c.startedAt().toString())
                .add("deadline", c.deadline().toString())
                .add("accounts", c.items())
                .add("pending", c.pending());
        if (c.closedAt() != null) {
            b.add("closedAt", c.closedAt().toString());
        }
        return b.build();
    }
}
