package tw.gov.sms.account.interfaces.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import tw.gov.sms.account.application.AllowList;
import tw.gov.sms.account.application.Audit;
import tw.gov.sms.account.application.AuthenticatedClient;
import tw.gov.sms.account.application.ClientAuthenticator;
import tw.gov.sms.account.application.TokenService;
import tw.gov.sms.account.domain.Actor;
import tw.gov.sms.shared.interfaces.http.SourceAddresses;
import tw.gov.sms.shared.interfaces.rest.ApiInputException;
import tw.gov.sms.shared.interfaces.rest.Problems;

/**
 * OAuth 2.0 client-credentials token endpoint (RFC 6749 §4.4). Credentials come as form fields
 * {@code client_id}/{@code client_secret} or as HTTP Basic; the answer is a short-lived bearer JWT. A client
 * is served only from an address on its agency's approved allow-list (R9.1).
 */
@Path("v1/oauth/token")
@RequestScoped
@PermitAll
public class TokenResource {

    @Inject
    ClientAuthenticator authenticator;

    @Inject
    TokenService tokens;

    @Inject
    AllowList allowList;

    @Inject
    Audit audit;

    @Inject
    SourceAddresses sources;

    @Context
    HttpServletRequest request;

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    public Response token(
            @FormParam("grant_type") String grantType,
            @FormParam("client_id") String clientId,
            @FormParam("client_secret") String clientSecret,
            @HeaderParam("Authorization") String authorization) {
        if (!"client_credentials".equals(grantType)) {
            throw new ApiInputException(
                    "UNSUPPORTED_GRANT_TYPE",
                    "grant_type 必須為 client_credentials。",
                    "grant_type must be client_credentials.");
        }
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            String[] pair = decodeBasic(authorization.substring(6).strip());
            clientId = pair[0];
            clientSecret = pair[1];
        }
        String source = sources.of(request);
        AuthenticatedClient client;
        try {
            client = authenticator.authenticate(clientId, clientSecret);
        } catch (tw.gov.sms.account.application.InvalidClientException e) {
            audit.loginFailure(clientId, source, "TOKEN_FAILED", "invalid client id or secret");
            throw e;
        }
        if (!allowList.admitsAgency(client.agency(), source)) {
            audit.refused(
                    Actor.apiClient(
                            client.clientDbId(), client.clientId(), client.agency(), client.permissions(), source),
                    "ACCESS_DENIED",
                    "POST /v1/oauth/token",
                    "source " + source + " not on the allow-list");
            return Problems.response(
                    403,
                    "SOURCE_NOT_ALLOWED",
                    "來源位址 " + source + " 不在核准的允許清單中。",
                    "The source address " + source + " is not on the approved allow-list.");
        }
        TokenService.IssuedToken token = tokens.issue(client);
        audit.success(
                Actor.apiClient(client.clientDbId(), client.clientId(), client.agency(), client.permissions(), source),
                "TOKEN_ISSUED",
                "api-client:" + client.clientDbId(),
                null);
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return Response.ok(Json.createObjectBuilder()
                        .add("access_token", token.accessToken())
                        .add("token_type", "Bearer")
                        .add("expires_in", token.expiresInSeconds())
                        .build()
                        .toString())
                .cacheControl(noStore)
                .build();
    }

    private static String[] decodeBasic(String encoded) {
        try {
            String decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon > 0) {
                return new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
            }
        } catch (IllegalArgumentException e) {
            // falls through to the error below
        }
        throw new ApiInputException(
                "MALFORMED_AUTHORIZATION", "Authorization 標頭格式錯誤。", "Malformed Basic Authorization header.");
    }
}
