package tw.gov.sms.account.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import tw.gov.sms.identity.PasswordPolicy;

/**
 * The numbers of the security baseline for a "high" system, as configuration with the baseline's
 * values as defaults (agencies may set stricter ones). docs/configuration.md lists every key.
 */
@ApplicationScoped
public class AccountSettings {

    @Inject
    @ConfigProperty(name = "sms.account.max-failed-logins", defaultValue = "5")
    int maxFailedLogins;

    @Inject
    @ConfigProperty(name = "sms.account.lock-minutes", defaultValue = "15")
    int lockMinutes;

    @Inject
    @ConfigProperty(name = "sms.account.password-history", defaultValue = "3")
    int passwordHistory;

    @Inject
    @ConfigProperty(name = "sms.account.password-min-length", defaultValue = "12")
    int passwordMinLength;

    @Inject
    @ConfigProperty(name = "sms.account.idle-days", defaultValue = "90")
    int idleDays;

    @Inject
    @ConfigProperty(name = "sms.account.password-max-days", defaultValue = "90")
    int passwordMaxDays;

    @Inject
    @ConfigProperty(name = "sms.account.max-failures-per-address", defaultValue = "30")
    int maxFailuresPerAddress;

    @Inject
    @ConfigProperty(name = "sms.account.session-minutes", defaultValue = "15")
    int sessionMinutes;

    @Inject
    @ConfigProperty(name = "sms.account.session-max-hours", defaultValue = "8")
    int sessionMaxHours;

    @Inject
    @ConfigProperty(name = "sms.account.code-minutes", defaultValue = "5")
    int codeMinutes;

    @Inject
    @ConfigProperty(name = "sms.account.code-attempts", defaultValue = "5")
    int codeAttempts;

    @Inject
    @ConfigProperty(name = "sms.account.reset-minutes", defaultValue = "30")
    int resetMinutes;

    @Inject
    @ConfigProperty(name = "sms.account.reset-url", defaultValue = "http://localhost:8080/portal/reset.xhtml")
    String resetUrl;

    @Inject
    @ConfigProperty(name = "sms.account.notify", defaultValue = " ")
    String notifyAddresses;

    @Inject
    @ConfigProperty(name = "sms.security.admin-networks", defaultValue = " ")
    String adminNetworks;

    @Inject
    @ConfigProperty(name = "sms.security.trusted-proxies", defaultValue = " ")
    String trustedProxies;

    @Inject
    @ConfigProperty(name = "sms.api.client-secret-overlap-hours", defaultValue = "24")
    int secretOverlapHours;

    public int maxFailedLogins() {
        return maxFailedLogins;
    }

    public Duration lock() {
        return Duration.ofMinutes(lockMinutes);
    }

    public PasswordPolicy passwordPolicy() {
        return new PasswordPolicy(passwordMinLength, 128, passwordHistory, 3);
    }

    public int passwordHistory() {
        return passwordHistory;
    }

    public Duration idleLimit() {
        return Duration.ofDays(idleDays);
    }

    /** A password older than this must be changed before anything else (password age rule). */
    public Duration passwordMaxAge() {
        return Duration.ofDays(passwordMaxDays);
    }

    /** Failed logins from one address within {@link #lock()} after which that address is refused for a while. */
    public int maxFailuresPerAddress() {
        return maxFailuresPerAddress;
    }

    public Duration session() {
        return Duration.ofMinutes(sessionMinutes);
    }

    public Duration sessionMax() {
        return Duration.ofHours(sessionMaxHours);
    }

    public Duration codeLifetime() {
        return Duration.ofMinutes(codeMinutes);
    }

    public int codeAttempts() {
        return codeAttempts;
    }

    public Duration resetLifetime() {
        return Duration.ofMinutes(resetMinutes);
    }

    public String resetUrl() {
        return resetUrl;
    }

    public List<String> notifyAddresses() {
        return words(notifyAddresses);
    }

    public List<String> adminNetworks() {
        return words(adminNetworks);
    }

    public List<String> trustedProxies() {
        return words(trustedProxies);
    }

    public Duration secretOverlap() {
        return Duration.ofHours(secretOverlapHours);
    }

    private static List<String> words(String list) {
        return List.of(list.split("[,\\s]+")).stream().filter(w -> !w.isBlank()).toList();
    }
}
