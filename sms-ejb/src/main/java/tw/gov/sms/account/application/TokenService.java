package tw.gov.sms.account.application;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Issues the short-lived RS256 JWTs that agency systems present to the API; MicroProfile JWT verifies
 * them with the matching public key ({@code mp.jwt.verify.publickey}). The private key comes from
 * configuration ({@code sms.jwt.signing-key}, PKCS#8, base64), never from the database.
 *
 * <p>Claims: {@code iss}, {@code sub}/{@code upn} = client id, {@code groups} = the client's permissions
 * (used by {@code @RolesAllowed}), {@code agency_id}, {@code client_db_id}, {@code iat}, {@code exp},
 * {@code jti}. The header carries {@code kid} so keys can rotate with an overlap.
 */
@ApplicationScoped
public class TokenService {

    @Inject
    @ConfigProperty(name = "sms.jwt.signing-key")
    String signingKeyBase64;

    @Inject
    @ConfigProperty(name = "sms.jwt.key-id", defaultValue = "k1")
    String keyId;

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.issuer")
    String issuer;

    @Inject
    @ConfigProperty(name = "sms.jwt.lifetime-seconds", defaultValue = "900")
    long lifetimeSeconds;

    private PrivateKey signingKey;
    private Clock clock = Clock.systemUTC();

    @PostConstruct
    void loadKey() {
        try {
            byte[] der = Base64.getMimeDecoder().decode(signingKeyBase64);
            signingKey = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("sms.jwt.signing-key is not a base64 PKCS#8 RSA private key", e);
        }
    }

    public IssuedToken issue(AuthenticatedClient client) {
        Instant now = clock.instant();
        Instant expires = now.plusSeconds(lifetimeSeconds);
        JsonArrayBuilder groups = Json.createArrayBuilder();
        client.permissions().stream().sorted().forEach(groups::add);
        JsonObjectBuilder claims = Json.createObjectBuilder()
                .add("iss", issuer)
                .add("sub", client.clientId())
                .add("upn", client.clientId())
                .add("groups", groups)
                .add("agency_id", client.agency().value())
                .add("client_db_id", client.clientDbId());
        return sign(claims, now, expires);
    }

    /**
     * A portal user's session token. Its lifetime is the idle timeout ({@code sms.account.session-minutes});
     * refreshing extends it up to the session's absolute limit. {@code groups} holds the permissions and
     * the role; while the password must be changed it holds only {@code password-change}.
     */
    public IssuedToken issueForUser(SessionGrant grant, java.time.Duration lifetime) {
        Instant now = clock.instant();
        Instant expires = now.plus(lifetime);
        var actor = grant.actor();
        JsonArrayBuilder groups = Json.createArrayBuilder();
        if (grant.passwordChangeRequired()) {
            groups.add("password-change");
        } else {
            actor.permissions().stream().sorted().forEach(groups::add);
            groups.add(actor.role().name());
            groups.add("user");
        }
        JsonObjectBuilder claims = Json.createObjectBuilder()
                .add("iss", issuer)
                .add("sub", actor.name())
                .add("upn", actor.name())
                .add("groups", groups)
                .add("account_id", actor.accountId())
                .add("role", actor.role().name())
                .add("session_start", grant.startedAt().getEpochSecond());
        if (actor.agency() != null) {
            claims.add("agency_id", actor.agency().value());
        }
        if (actor.groupId() != null) {
            claims.add("group_id", actor.groupId());
        }
        return sign(claims, now, expires);
    }

    private IssuedToken sign(JsonObjectBuilder claims, Instant now, Instant expires) {
        String header = Json.createObjectBuilder()
                .add("alg", "RS256")
                .add("typ", "JWT")
                .add("kid", keyId)
                .build()
                .toString();
        String payload = claims.add("iat", now.getEpochSecond())
                .add("exp", expires.getEpochSecond())
                .add("jti", UUID.randomUUID().toString())
                .build()
                .toString();
        String signingInput =
                b64(header.getBytes(StandardCharsets.UTF_8)) + "." + b64(payload.getBytes(StandardCharsets.UTF_8));
        return new IssuedToken(
                signingInput + "." + b64(sign(signingInput)), expires.getEpochSecond() - now.getEpochSecond());
    }

    private byte[] sign(String input) {
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(signingKey);
            rsa.update(input.getBytes(StandardCharsets.US_ASCII));
            return rsa.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("JWT signing failed", e);
        }
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public record IssuedToken(String accessToken, long expiresInSeconds) {}
}
