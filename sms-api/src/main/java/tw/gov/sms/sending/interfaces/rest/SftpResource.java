package tw.gov.sms.sending.interfaces.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import tw.gov.sms.intake.infrastructure.SftpAccounts;
import tw.gov.sms.intake.infrastructure.SftpServerSettings;
import tw.gov.sms.shared.interfaces.rest.Caller;

/**
 * {@code GET /api/v1/sftp}: the caller's agency's SFTP account as the platform uses it (docs/sftp.md):
 * user name, server, folders, and the platform's public key, which the SFTP server's operator installs
 * so the platform can log in.
 */
@Path("v1/sftp")
@RequestScoped
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
public class SftpResource {

    @Inject
    SftpAccounts accounts;

    @Inject
    SftpServerSettings server;

    @Context
    SecurityContext security;

    @Context
    jakarta.servlet.http.HttpServletRequest request;

    @Inject
    tw.gov.sms.shared.interfaces.http.SourceAddresses sources;

    @Inject
    tw.gov.sms.intake.application.SftpKeys sftpKeys;

    @GET
    @RolesAllowed({"send", "view"})
    public String account() {
        SftpAccounts.Account a = accounts.of(Caller.of(security).agencySystem())
                .orElseThrow(() -> new NotFoundException("no SFTP account"));
        return Json.createObjectBuilder()
                .add("username", a.username())
                .add("host", server.host())
                .add("port", server.port())
                .add("platformPublicKey", a.publicKey())
                .add(
                        "folders",
                        Json.createArrayBuilder()
                                .add("inbox")
                                .add("processed")
                                .add("rejected")
                                .add("outbox"))
                .build()
                .toString();
    }

    /**
     * The agency's own SSH public keys for uploading (docs/sftp.md): listed, added (one OpenSSH line,
     * {@code {"publicKey": "ssh-ed25519 AAAA… name"}}), revoked. The SFTP server admits each key only from
     * the agency's approved allow-list ranges. For the agency's systems and its group administrators.
     */
    @GET
    @Path("keys")
    @RolesAllowed({"send", "user"})
    public String keys(@jakarta.ws.rs.QueryParam("agencyId") Long agencyId) {
        var items = Json.createArrayBuilder();
        sftpKeys.list(actor(), agencyId).forEach(k -> items.add(key(k)));
        return Json.createObjectBuilder().add("items", items).build().toString();
    }

    @jakarta.ws.rs.POST
    @Path("keys")
    @RolesAllowed({"send", "user"})
    @jakarta.ws.rs.Consumes(MediaType.APPLICATION_JSON)
    public jakarta.ws.rs.core.Response addKey(String body) {
        var in = tw.gov.sms.shared.interfaces.rest.JsonInput.object(body);
        var k = sftpKeys.add(
                actor(),
                in.containsKey("agencyId") ? in.getJsonNumber("agencyId").longValue() : null,
                tw.gov.sms.shared.interfaces.rest.JsonInput.string(in, "publicKey", true));
        return jakarta.ws.rs.core.Response.status(201).entity(key(k).toString()).build();
    }

    @jakarta.ws.rs.DELETE
    @Path("keys/{id}")
    @RolesAllowed({"send", "user"})
    public jakarta.ws.rs.core.Response revokeKey(@jakarta.ws.rs.PathParam("id") long id) {
        sftpKeys.revoke(actor(), id);
        return jakarta.ws.rs.core.Response.noContent().build();
    }

    private static jakarta.json.JsonObject key(tw.gov.sms.intake.application.SftpKeys.KeyView k) {
        var b = Json.createObjectBuilder()
                .add("id", k.id())
                .add("type", k.type())
                .add("fingerprint", k.fingerprint())
                .add("addedAt", k.addedAt().toString())
                .add("addedBy", k.addedBy());
        if (k.comment() != null) {
            b.add("comment", k.comment());
        }
        return b.build();
    }

    private tw.gov.sms.account.domain.Actor actor() {
        return Caller.of(security).actor(sources.of(request));
    }
}
