package tw.gov.sms.account.interfaces.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import tw.gov.sms.account.application.AccountAdministration;
import tw.gov.sms.account.application.NewAccount;
import tw.gov.sms.account.domain.Actor;
import tw.gov.sms.shared.interfaces.http.SourceAddresses;
import tw.gov.sms.shared.interfaces.rest.Caller;
import tw.gov.sms.shared.interfaces.rest.JsonInput;

/**
 * Agencies, groups and accounts (R6.1–R6.4) for logged-in people. Which role may do what is decided in
 * {@link AccountAdministration}, never here; this resource only translates.
 */
@Path("v1")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed("user")
public class AccountResource {

    @Inject
    AccountAdministration administration;

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
    @Path("agencies")
    public Response createAgency(String body) {
        JsonObject in = JsonInput.object(body);
        var a = administration.createAgency(
                actor(),
                JsonInput.string(in, "code", true),
                JsonInput.string(in, "name", true),
                JsonInput.string(in, "displayName", true));
        return Response.status(201)
                .entity(Json.createObjectBuilder()
                        .add("id", a.id())
                        .add("code", a.code())
                        .add("name", a.name())
                        .add("displayName", a.displayName())
                        .add("status", a.status())
                        .build()
                        .toString())
                .build();
    }

    /** The agencies within reach: administrators all, a group administrator their own, others none. */
    @GET
    @Path("agencies")
    public String agencies() {
        jakarta.json.JsonArrayBuilder items = Json.createArrayBuilder();
        administration
                .agencies(actor())
                .forEach(a -> items.add(Json.createObjectBuilder()
                        .add("id", a.id())
                        .add("code", a.code())
                        .add("name", a.name())
                        .add("displayName", a.displayName())
                        .add("status", a.status())));
        return Json.createObjectBuilder().add("items", items).build().toString();
    }

    /** The account groups within reach (administrators all, a group administrator their own), by agency. */
    @GET
    @Path("groups")
    public String groups() {
        jakarta.json.JsonArrayBuilder items = Json.createArrayBuilder();
        administration
                .groups(actor())
                .forEach(g -> items.add(Json.createObjectBuilder()
                        .add("id", g.id())
                        .add("agencyId", g.agencyId())
                        .add("name", g.name())));
        return Json.createObjectBuilder().add("items", items).build().toString();
    }

    @POST
    @Path("agencies/{id}/groups")
    public Response createGroup(@PathParam("id") long agencyId, String body) {
        JsonObject in = JsonInput.object(body);
        var g = administration.createGroup(actor(), agencyId, JsonInput.string(in, "name", true));
        return Response.status(201)
                .entity(Json.createObjectBuilder()
                        .add("id", g.id())
                        .add("agencyId", g.agencyId())
                        .add("name", g.name())
                        .build()
                        .toString())
                .build();
    }

    @GET
    @Path("accounts")
    public String list() {
        JsonArrayBuilder items = Json.createArrayBuilder();
        administration.list(actor()).forEach(a -> items.add(AdminJson.account(a)));
        return Json.createObjectBuilder().add("items", items).build().toString();
    }

    @POST
    @Path("accounts")
    public Response create(String body) {
        JsonObject in = JsonInput.object(body);
        var created = administration.create(
                actor(),
                new NewAccount(
                        JsonInput.string(in, "username", true),
                        JsonInput.string(in, "displayName", true),
                        JsonInput.string(in, "email", true),
                        JsonInput.string(in, "mobile", false),
                        JsonInput.string(in, "role", true),
                        AdminJson.longValue(in, "agencyId"),
                        AdminJson.longValue(in, "groupId"),
                        AdminJson.stringSet(in, "permissions")));
        return Response.status(201)
                .entity(AdminJson.account(created).toString())
                .build();
    }

    @GET
    @Path("accounts/{id}")
    public String find(@PathParam("id") long id) {
        return AdminJson.account(administration.find(actor(), id)).toString();
    }

    @PATCH
    @Path("accounts/{id}")
    public String update(@PathParam("id") long id, String body) {
        JsonObject in = JsonInput.object(body);
        return AdminJson.account(administration.update(
                        actor(),
                        id,
                        JsonInput.string(in, "displayName", false),
                        JsonInput.string(in, "email", false),
                        JsonInput.string(in, "mobile", false)))
                .toString();
    }

    @PUT
    @Path("accounts/{id}/permissions")
    public String grant(@PathParam("id") long id, String body) {
        JsonObject in = JsonInput.object(body);
        var permissions = AdminJson.stringSet(in, "permissions");
        if (permissions == null) {
            throw JsonInput.missing("permissions");
        }
        return AdminJson.account(administration.grant(actor(), id, permissions)).toString();
    }

    @POST
    @Path("accounts/{id}/disable")
    public String disable(@PathParam("id") long id, String body) {
        String reason =
                body == null || body.isBlank() ? null : JsonInput.string(JsonInput.object(body), "reason", false);
        return AdminJson.account(administration.disable(actor(), id, reason)).toString();
    }

    @POST
    @Path("accounts/{id}/enable")
    public String enable(@PathParam("id") long id) {
        return AdminJson.account(administration.enable(actor(), id)).toString();
    }

    /** Mails the account a one-time reset link; the administrator never sees it. */
    @POST
    @Path("accounts/{id}/reset")
    public String sendResetLink(@PathParam("id") long id) {
        return AdminJson.account(administration.sendResetLink(actor(), id)).toString();
    }

    @DELETE
    @Path("accounts/{id}")
    public Response delete(@PathParam("id") long id) {
        administration.delete(actor(), id);
        return Response.noContent().build();
    }
}
