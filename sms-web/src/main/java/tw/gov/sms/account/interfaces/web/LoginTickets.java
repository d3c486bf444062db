package tw.gov.sms.account.interfaces.web;

import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import tw.gov.sms.account.application.SessionGrant;

/**
 * Hands a finished login (password and second factor, checked by {@code LoginService}) from the login
 * page to the identity store: a random one-time ticket, valid for a minute, redeemed once. The ticket
 * never leaves the server; it only carries the grant across Jakarta Security's authenticate call.
 */
@ApplicationScoped
public class LoginTickets {

    private static final Duration LIFETIME = Duration.ofMinutes(1);
    private static final SecureRandom RANDOM = new SecureRandom();

    private record Pending(SessionGrant grant, Instant expires) {}

    private final Map<String, Pending> pending = new ConcurrentHashMap<>();

    public String issue(SessionGrant grant) {
        pending.values().removeIf(p -> p.expires().isBefore(Instant.now()));
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String ticket = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        pending.put(ticket, new Pending(grant, Instant.now().plus(LIFETIME)));
        return ticket;
    }

    public Optional<SessionGrant> redeem(String ticket) {
        Pending p = ticket == null ? null : pending.remove(ticket);
        return p == null || p.expires().isBefore(Instant.now()) ? Optional.empty() : Optional.of(p.grant());
    }
}
