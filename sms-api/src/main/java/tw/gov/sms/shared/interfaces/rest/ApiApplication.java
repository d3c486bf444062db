package tw.gov.sms.shared.interfaces.rest;

import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/**
 * The REST API of the 111 platform, under {@code /api/v1}. Agency systems authenticate with client
 * credentials at {@code /api/v1/oauth/token} and present the JWT as a bearer token; MicroProfile JWT
 * verifies it. People log in at {@code /api/v1/session} with a password and a second factor and get a
 * session token of the same kind. Roles are the permissions ({@code send}, {@code view}, …), plus, for
 * people, {@code user} and their role; visibility and role rules are enforced by the services.
 */
@ApplicationPath("/")
@ApplicationScoped // a CDI bean, so that Payara's MP-JWT extension sees @LoginConfig (it inspects beans only)
@LoginConfig(authMethod = "MP-JWT")
@DeclareRoles({
    "send",
    "schedule",
    "view",
    "export",
    "contacts",
    "reports",
    "quota",
    "user",
    "password-change",
    "USER",
    "GROUP_ADMIN",
    "MODA_ADMIN",
    "SYSTEM_ADMIN"
})
@OpenAPIDefinition(
        info =
                @Info(
                        title = "111 政府專屬短碼簡訊平台 API / 111 government SMS platform API",
                        version = "1",
                        description = "Send SMS from the government short code 111 and follow every message to its"
                                + " delivery receipt. Errors are RFC 9457 problem details with a stable code and"
                                + " messages in Traditional Chinese and English."))
@SecurityScheme(securitySchemeName = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
public class ApiApplication extends Application {

    /** Jersey's multipart support, for {@code multipart/form-data} file uploads as {@code EntityPart}s. */
    @Override
    public java.util.Map<String, Object> getProperties() {
        return java.util.Map.of(
                "jersey.config.server.provider.classnames", "org.glassfish.jersey.media.multipart.MultiPartFeature");
    }
}
