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
}
