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
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import tw.gov.sms.account.application.ApiClientAdministration;
import tw.gov.sms.account.domain.Actor;
import tw.gov.sms.shared.interfaces.http.SourceAddresses;
import tw.gov.sms.shared.interfaces.rest.Caller;
import tw.gov.sms.shared.interfaces.rest.JsonInput;

/** An agency's API clients: create (secret shown once), rotate with an overlap, revoke. */
@Path("v1/clients")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed("user")
public class ApiClientResource {

    @Inject
    ApiClientAdministration administration;

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
        administration.list(actor()).forEach(c -> items.add(AdminJson.client(c)));
        return Json.createObjectBuilder().add("items", items).build().toString();
    }

    @POST
    public Response create(String body) {
        JsonObject in = JsonInput.object(body);
        var issued = administration.create(
                actor(),
                AdminJson.longValue(in, "agencyId"),
                JsonInput.string(in, "name", true),
                AdminJson.stringSet(in, "permissions"));
        return secret(201, issued);
    }

    @POST
    @Path("{id}/rotate")
    public Response rotate(@PathParam("id") long id, String body) {
        Integer overlap =
                body == null || body.isBlank() ? null : JsonInput.integer(JsonInput.object(body), "overlapHours");
        return secret(200, administration.rotate(actor(), id, overlap));
    }

    @POST
    @Path("{id}/revoke")
    public String revoke(@PathParam("id") long id) {
        return AdminJson.client(administration.revoke(actor(), id)).toString();
    }

    private static Response secret(int status, ApiClientAdministration.IssuedSecret issued) {
        JsonObjectBuilder b =
                Json.createObjectBuilder(AdminJson.client(issued.client())).add("clientSecret", issued.clientSecret());
        if (issued.previousSecretsEnd() != null) {
            b.add("previousSecretsEnd", issued.previousSecretsEnd().toString());
        }
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return Response.status(status)
                .entity(b.build().toString())
                .cacheControl(noStore)
                .build();
    }
}
