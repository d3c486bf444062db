package tw.gov.sms.shared.interfaces.rest;

import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import java.time.Instant;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import tw.gov.sms.account.domain.Actor;
import tw.gov.sms.account.domain.AgencyId;
import tw.gov.sms.account.domain.Role;

/**
 * The verified API caller, read from the MicroProfile JWT claims our token endpoints issued: an agency
 * system (client credentials) or a portal user (login with two factors). Taken from the request's
 * security context (the principal MP-JWT authenticated) rather than by injecting {@code JsonWebToken},
 * which Payara does not register for a WAR inside an EAR (payara/Payara#6252).
 */
public record Caller(JsonWebToken jwt) {

    public static Caller of(SecurityContext security) {
        Principal principal = security.getUserPrincipal();
        if (principal instanceof JsonWebToken token) {
            return new Caller(token);
        }
        throw new NotAuthorizedException("no bearer token", "Bearer");
    }

    public boolean isUser() {
        return jwt.containsClaim("account_id");
    }

    /** The agency the caller acts for; a MODA or system administrator's token may have none. */
    public AgencyId agency() {
        return new AgencyId(number("agency_id"));
    }

    /**
     * The agency of an agency system's token. Channels that are agency-wide (file uploads, the SFTP
     * account) serve API clients only: a person's token would otherwise see the whole agency (R6.4).
     */
    public AgencyId agencySystem() {
        if (isUser()) {
            throw new jakarta.ws.rs.ForbiddenException("agency systems only");
        }
        return agency();
    }

    public long clientDbId() {
        return number("client_db_id");
    }

    public Instant sessionStart() {
        return Instant.ofEpochSecond(number("session_start"));
    }

    public Actor actor(String source) {
        Set<String> groups = jwt.getGroups() == null ? Set.of() : jwt.getGroups();
        if (isUser()) {
            return new Actor(
                    Actor.Kind.USER,
                    number("account_id"),
                    jwt.getName(),
                    Role.valueOf(string("role")),
                    jwt.containsClaim("agency_id") ? new AgencyId(number("agency_id")) : null,
                    jwt.containsClaim("group_id") ? number("group_id") : null,
                    groups,
                    source);
        }
        return Actor.apiClient(clientDbId(), jwt.getName(), agency(), groups, source);
    }

    private String string(String claim) {
        Object value = jwt.getClaim(claim);
        if (value instanceof JsonString s) {
            return s.getString();
        }
        if (value instanceof String s) {
            return s;
        }
        throw new NotAuthorizedException("token without " + claim, "Bearer");
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
