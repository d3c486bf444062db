package tw.gov.sms.account.interfaces.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import tw.gov.sms.account.application.AccountSettings;
import tw.gov.sms.account.application.CredentialService;
import tw.gov.sms.account.application.LoginService;
import tw.gov.sms.account.application.PasswordStep;
import tw.gov.sms.account.application.SessionGrant;
import tw.gov.sms.account.application.TokenService;
import tw.gov.sms.account.domain.Account;
import tw.gov.sms.shared.interfaces.http.SourceAddresses;
import tw.gov.sms.shared.interfaces.rest.ApiInputException;
import tw.gov.sms.shared.interfaces.rest.Caller;
import tw.gov.sms.shared.interfaces.rest.JsonInput;

/**
 * A person's session, for the portal and for scripts run by people (R6.5): password, then the second
 * factor, then a short-lived session token whose lifetime is the idle timeout and which {@code refresh}
 * extends up to the absolute limit. Also the user's own credentials: password change (the only thing a
 * token allows while the password must be changed), reset links, authenticator enrolment, factor choice.
 */
@Path("v1/session")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SessionResource {

    @Inject
    LoginService logins;

    @Inject
    CredentialService credentials;

    @Inject
    TokenService tokens;

    @Inject
    AccountSettings settings;

    @Inject
    SourceAddresses sources;

    @Context
    HttpServletRequest request;

    @Context
    SecurityContext security;

    @POST
    @PermitAll
    public Response login(String body) {
        JsonObject in = JsonInput.object(body);
        PasswordStep step = logins.checkPassword(
                JsonInput.string(in, "username", true), JsonInput.string(in, "password", true), sources.of(request));
        var out = Json.createObjectBuilder()
                .add("challenge", step.challenge())
                .add("secondFactor", step.factor())
                .add("expiresAt", step.expiresAt().toString());
        if (step.sentTo() != null) {
            out.add("sentTo", step.sentTo());
        }
        return noStore(out.build().toString());
    }

    @POST
    @Path("verify")
    @PermitAll
    public Response verify(String body) {
        JsonObject in = JsonInput.object(body);
        SessionGrant grant = logins.checkSecondFactor(
                JsonInput.string(in, "challenge", true), JsonInput.string(in, "code", true), sources.of(request));
        return token(grant);
    }

    @POST
    @Path("refresh")
    @RolesAllowed("user")
    public Response refresh() {
        Caller caller = Caller.of(security);
        String source = sources.of(request);
        return token(logins.refresh(caller.actor(source), caller.sessionStart(), source));
    }

    @POST
    @Path("password")
    @RolesAllowed({"user", "password-change"})
    public Response changePassword(String body) {
        JsonObject in = JsonInput.object(body);
        Caller caller = Caller.of(security);
        String source = sources.of(request);
        credentials.changePassword(
                caller.actor(source),
                JsonInput.string(in, "currentPassword", true),
                JsonInput.string(in, "newPassword", true));
        return token(logins.refresh(caller.actor(source), caller.sessionStart(), source));
    }

    @POST
    @Path("reset")
    @PermitAll
    public Response requestReset(String body) {
        JsonObject in = JsonInput.object(body);
        credentials.requestReset(JsonInput.string(in, "username", true), sources.of(request));
        return Response.accepted(Json.createObjectBuilder()
                        .add("messageZh", "若帳號存在且啟用中，重設連結已寄至其電子郵件。")
                        .add("messageEn", "If the account exists and is active, a reset link was mailed to it.")
                        .build()
                        .toString())
                .build();
    }

    @POST
    @Path("reset/complete")
    @PermitAll
    public Response completeReset(String body) {
        JsonObject in = JsonInput.object(body);
        credentials.completeReset(
                JsonInput.string(in, "token", true), JsonInput.string(in, "newPassword", true), sources.of(request));
        return Response.noContent().build();
    }

    @POST
    @Path("totp")
    @RolesAllowed("user")
    public Response beginTotp() {
        CredentialService.TotpEnrolment e =
                credentials.beginTotp(Caller.of(security).actor(sources.of(request)));
        return noStore(Json.createObjectBuilder()
                .add("secret", e.secret())
                .add("otpauthUri", e.otpauthUri())
                .add("qrCode", e.qrCodeDataUri())
                .build()
                .toString());
    }

    @POST
    @Path("totp/confirm")
    @RolesAllowed("user")
    public Response confirmTotp(String body) {
        JsonObject in = JsonInput.object(body);
        List<String> codes = credentials.confirmTotp(
                Caller.of(security).actor(sources.of(request)), JsonInput.string(in, "code", true));
        JsonArrayBuilder array = Json.createArrayBuilder();
        codes.forEach(array::add);
        return noStore(
                Json.createObjectBuilder().add("recoveryCodes", array).build().toString());
    }

    @PUT
    @Path("mfa")
    @RolesAllowed("user")
    public Response chooseFactor(String body) {
        JsonObject in = JsonInput.object(body);
        String kind = JsonInput.string(in, "kind", true);
        if (!"EMAIL".equals(kind) && !"SMS".equals(kind)) {
            throw new ApiInputException(
                    "MFA_KIND_INVALID",
                    "kind 須為 EMAIL 或 SMS（驗證器 App 請用 /session/totp）。",
                    "kind is EMAIL or SMS (for an authenticator app use /session/totp).");
        }
        credentials.useCodesBy(Caller.of(security).actor(sources.of(request)), Account.MfaKind.valueOf(kind));
        return Response.noContent().build();
    }

    private Response token(SessionGrant grant) {
        TokenService.IssuedToken token = tokens.issueForUser(grant, settings.session());
        var out = Json.createObjectBuilder()
                .add("access_token", token.accessToken())
                .add("token_type", "Bearer")
                .add("expires_in", token.expiresInSeconds())
                .add("role", grant.actor().role().name())
                .add("passwordChangeRequired", grant.passwordChangeRequired());
        return noStore(out.build().toString());
    }

    private static Response noStore(String json) {
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return Response.ok(json).cacheControl(noStore).build();
    }
}
