package tw.gov.sms.sending.interfaces.rest;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import tw.gov.sms.identity.IpRange;
import tw.gov.sms.intake.application.SftpKeys;
import tw.gov.sms.shared.interfaces.http.SourceAddresses;

/**
 * {@code GET /api/v1/internal/sftp/authorized-keys/{user}}: what the SFTP server's
 * {@code AuthorizedKeysCommand} fetches at each login, as {@code authorized_keys} lines limited to the
 * agency's approved ranges. Answered only to the SFTP servers' addresses
 * ({@code sms.sftp.key-lookup-networks}); anyone else gets 403 and learns nothing.
 */
@Path("v1/internal/sftp/authorized-keys")
@RequestScoped
@PermitAll
public class SftpAuthorizedKeysResource {

    private static final Logger LOG = Logger.getLogger(SftpAuthorizedKeysResource.class.getName());

    @Inject
    SftpKeys keys;

    @Inject
    SourceAddresses sources;

    @Inject
    @ConfigProperty(name = "sms.sftp.key-lookup-networks", defaultValue = "127.0.0.1/32,::1/128")
    String networks;

    @Context
    HttpServletRequest request;

    private List<IpRange> allowed = List.of();

    @PostConstruct
    void read() {
        allowed = List.of(networks.split("[,\\s]+")).stream()
                .filter(w -> !w.isBlank())
                .map(IpRange::parse)
                .toList();
    }

    @GET
    @Path("{user}")
    @Produces("text/plain")
    public Response authorizedKeys(@PathParam("user") String user) {
        String source = sources.of(request);
        if (allowed.stream().noneMatch(r -> r.contains(source))) {
            LOG.warning("authorized-keys lookup for " + user + " refused from " + source);
            return Response.status(403).type("text/plain").entity("").build();
        }
        return Response.ok(keys.authorizedKeys(user), "text/plain;charset=UTF-8")
                .build();
    }
}
