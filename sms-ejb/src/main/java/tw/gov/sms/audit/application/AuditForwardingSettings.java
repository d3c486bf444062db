package tw.gov.sms.audit.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import tw.gov.sms.audit.infrastructure.syslog.SyslogFormat;

/** The configuration of the audit copy to the external collector and of logging alerts (docs/configuration.md). */
@ApplicationScoped
public class AuditForwardingSettings {

    @Inject
    @ConfigProperty(name = "sms.audit.forward.host")
    Optional<String> host;

    @Inject
    @ConfigProperty(name = "sms.audit.forward.port", defaultValue = "514")
    int port;

    @Inject
    @ConfigProperty(name = "sms.audit.forward.app-name", defaultValue = "sms-111")
    String appName;

    @Inject
    @ConfigProperty(name = "sms.audit.forward.hostname")
    Optional<String> hostname;

    @Inject
    @ConfigProperty(name = "sms.audit.forward.sd-id", defaultValue = SyslogFormat.DEFAULT_SD_ID)
    String sdId;

    @Inject
    @ConfigProperty(name = "sms.audit.forward.interval-seconds", defaultValue = "2")
    int intervalSeconds;

    @Inject
    @ConfigProperty(name = "sms.audit.forward.batch", defaultValue = "200")
    int batch;

    @Inject
    @ConfigProperty(name = "sms.audit.forward.alert-after-seconds", defaultValue = "300")
    int alertAfterSeconds;

    @Inject
    @ConfigProperty(name = "sms.audit.alert.notify", defaultValue = " ")
    String alertAddresses;

    @Inject
    @ConfigProperty(name = "sms.profile", defaultValue = "prod")
    String profile;

    /** Forwarding is off when no collector host is configured. */
    public boolean enabled() {
        return host().isPresent();
    }

    public Optional<String> host() {
        return host.map(String::trim).filter(h -> !h.isEmpty());
    }

    public int port() {
        if (port < 1 || port > 65535) {
            throw new IllegalStateException("sms.audit.forward.port must be a TCP port, not " + port);
        }
        return port;
    }

    public int intervalSeconds() {
        return Math.max(1, intervalSeconds);
    }

    public int batch() {
        return Math.max(1, Math.min(batch, 5000));
    }

    public Duration alertAfter() {
        return Duration.ofSeconds(Math.max(1, alertAfterSeconds));
    }

    /** Further addresses told of logging outages, besides every active system administrator (comma or space separated). */
    public List<String> alertAddresses() {
        return Arrays.stream(alertAddresses.split("[,\\s]+"))
                .filter(a -> !a.isEmpty())
                .toList();
    }

    public boolean production() {
        return "prod".equals(profile);
    }

    public SyslogFormat format() {
        return new SyslogFormat(hostname.orElseGet(AuditForwardingSettings::localHostName), appName, sdId);
    }

    public String describe() {
        return host().map(h -> h + ":" + port()).orElse("off");
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "-";
        }
    }
}
