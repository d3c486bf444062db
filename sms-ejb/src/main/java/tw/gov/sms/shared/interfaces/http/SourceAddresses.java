package tw.gov.sms.shared.interfaces.http;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import tw.gov.sms.account.application.AccountSettings;
import tw.gov.sms.identity.IpRange;

/**
 * The address a request really comes from. Behind the load balancer that is the right-most
 * {@code X-Forwarded-For} entry not added by one of our own proxies ({@code sms.security.trusted-proxies});
 * a header from anyone else is ignored, so a client cannot claim an address on the allow-list.
 */
@ApplicationScoped
public class SourceAddresses {

    @Inject
    AccountSettings settings;

    private List<IpRange> trusted = List.of();

    @PostConstruct
    void read() {
        trusted = settings.trustedProxies().stream().map(IpRange::parse).toList();
    }

    public String of(HttpServletRequest request) {
        String address = request.getRemoteAddr();
        String forwarded = request.getHeader("X-Forwarded-For");
        if (forwarded == null || !isTrusted(address)) {
            return address;
        }
        String[] hops = forwarded.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].strip();
            if (hop.isEmpty()) {
                continue;
            }
            if (!isTrusted(hop) || i == 0) {
                return hop;
            }
        }
        return address;
    }

    private boolean isTrusted(String address) {
        return trusted.stream().anyMatch(r -> {
            try {
                return r.contains(address);
            } catch (RuntimeException e) {
                return false;
            }
        });
    }
}
