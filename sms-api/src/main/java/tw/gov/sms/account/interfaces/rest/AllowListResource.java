package tw.gov.sms.account.interfaces.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
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
import tw.gov.sms.account.application.AllowListService;
import tw.gov.sms.account.domain.Actor;
import tw.gov.sms.shared.interfaces.http.SourceAddresses;
import tw.gov.sms.shared.interfaces.rest.Caller;
import tw.gov.sms.shared.interfaces.rest.JsonInput;

/** The IP allow-list (R9.1): requests by group administrators, decisions by MODA administrators. */
@Path("v1/allowlist")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed("user")
public class AllowListResource {

    @Inject
    AllowListService service;

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
    public String list() {
        JsonArrayBuilder items = Json.createArrayBuilder();
        service.list(actor()).forEach(e -> items.add(AdminJson.entry(e)));
        return Json.createObjectBuilder().add("items", items).build().toString();
    }

    @POST
    public Response request(String body) {
        JsonObject in = JsonInput.object(body);
        var entry = service.request(
                actor(),
                AdminJson.longValue(in, "agencyId"),
                JsonInput.string(in, "cidr", true),
                JsonInput.string(in, "note", false));
        return Response.status(201).entity(AdminJson.entry(entry).toString()).build();
    }

    @POST
    @Path("{id}/approve")
    public String approve(@PathParam("id") long id, String body) {
        return AdminJson.entry(service.approve(actor(), id, note(body))).toString();
    }

    @POST
    @Path("{id}/reject")
    public String reject(@PathParam("id") long id, String body) {
        return AdminJson.entry(service.reject(actor(), id, note(body))).toString();
    }

    @POST
    @Path("{id}/revoke")
    public String revoke(@PathParam("id") long id, String body) {
        return AdminJson.entry(service.revoke(actor(), id, note(body))).toString();
    }

    private static String note(String body) {
        return body == null || body.isBlank() ? null : JsonInput.string(JsonInput.object(body), "note", false);
    }
}
