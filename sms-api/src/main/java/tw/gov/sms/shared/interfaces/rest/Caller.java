package tw.gov.sms.shared.interfaces.rest;

import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import org.eclipse.microprofile.jwt.JsonWebToken;
import tw.gov.sms.account.domain.AgencyId;

/**
 * The verified API caller, read from the MicroProfile JWT claims our token endpoint issued. Taken from
 * the request's security context (the principal MP-JWT authenticated) rather than by injecting
 * {@code JsonWebToken}, which Payara does not register for a WAR inside an EAR (payara/Payara#6252).
 */
public record Caller(JsonWebToken jwt) {

    public static Caller of(SecurityContext security) {
        Principal principal = security.getUserPrincipal();
        if (principal instanceof JsonWebToken token) {
            return new Caller(token);
        }
        throw new NotAuthorizedException("no bearer token", "Bearer");
    }

    public AgencyId agency() {
        return new AgencyId(number("agency_id"));
    }

    public long clientDbId() {
        return number("client_db_id");
    }

    private long number(String claim) {
        Object value = jwt.getClaim(claim);
        if (value instanceof JsonNumber n) {
            return n.longValue();
        }
        if (value instanceof Number n) {
            return n.longValue();
        }
        if (value instanceof JsonString s) {
            return Long.parseLong(s.getString());
        }
        throw new NotAuthorizedException("token without " + claim, "Bearer");
    }
}
