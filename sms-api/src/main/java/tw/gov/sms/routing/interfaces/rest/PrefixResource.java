package tw.gov.sms.routing.interfaces.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import tw.gov.sms.account.domain.Actor;
import tw.gov.sms.routing.application.PrefixAdministration;
import tw.gov.sms.routing.application.RoutingIndexService;
import tw.gov.sms.shared.interfaces.http.SourceAddresses;
import tw.gov.sms.shared.interfaces.rest.Caller;
import tw.gov.sms.shared.interfaces.rest.JsonInput;

/** {@code GET /api/v1/routing/prefixes}, {@code PUT} and {@code DELETE /api/v1/routing/prefixes/{prefix}}. */
@Path("v1/routing/prefixes")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("user")
public class PrefixResource {

    @Inject
    PrefixAdministration prefixes;

    @Inject
    RoutingIndexService routing;

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
        prefixes.list(actor())
                .forEach(p -> items.add(
                        Json.createObjectBuilder().add("prefix", p.prefix()).add("carrier", p.carrier())));
        return Json.createObjectBuilder().add("items", items).build().toString();
    }

    @PUT
    @Path("{prefix}")
    @Consumes(MediaType.APPLICATION_JSON)
    public String put(@PathParam("prefix") String prefix, String body) {
        var p = prefixes.put(actor(), prefix, JsonInput.string(JsonInput.object(body), "carrier", true));
        routing.refresh(); // committed: this instance routes with the new table from the next message on
        return Json.createObjectBuilder()
                .add("prefix", p.prefix())
                .add("carrier", p.carrier())
                .build()
                .toString();
    }

    @DELETE
    @Path("{prefix}")
    public Response delete(@PathParam("prefix") String prefix) {
        prefixes.delete(actor(), prefix);
        routing.refresh();
        return Response.noContent().build();
    }
}
