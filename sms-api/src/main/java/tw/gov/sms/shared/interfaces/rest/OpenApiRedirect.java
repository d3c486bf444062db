package tw.gov.sms.shared.interfaces.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** {@code /api/openapi}: the promised address of the API document, served by Payara at {@code /openapi}. */
@Path("openapi")
@RequestScoped
@PermitAll
public class OpenApiRedirect {

    @GET
    @Operation(hidden = true)
    public Response openapi() {
        return Response.temporaryRedirect(URI.create("/openapi")).build();
    }
}
