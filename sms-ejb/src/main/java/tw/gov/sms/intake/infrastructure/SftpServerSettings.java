package tw.gov.sms.intake.infrastructure;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import tw.gov.sms.sftp.SftpEndpoint;

/**
 * The SFTP server the platform logs in to (agencies' accounts and the number-portability drop alike):
 * {@code sms.sftp.host}, {@code sms.sftp.port} and the pinned host key {@code sms.sftp.known-hosts}.
 * Without a host and a host key the SFTP work is off: host keys are always verified.
 */
@ApplicationScoped
public class SftpServerSettings {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Inject
    @ConfigProperty(name = "sms.sftp.host")
    Optional<String> host;

    @Inject
    @ConfigProperty(name = "sms.sftp.port", defaultValue = "22")
    int port;

    @Inject
    @ConfigProperty(name = "sms.sftp.known-hosts")
    Optional<String> knownHosts;

    public boolean hasHost() {
        return host.filter(h -> !h.isBlank()).isPresent();
    }

    public boolean hasHostKey() {
        return knownHosts.filter(k -> !k.isBlank()).isPresent();
    }

    public boolean configured() {
        return hasHost() && hasHostKey();
    }

    public String host() {
        return host.orElse("");
    }

    public int port() {
        return port;
    }

    /** The endpoint of one account on this server, logging in with the platform's private key. */
    public SftpEndpoint endpoint(String username, String privateKeyPem) {
        return new SftpEndpoint(
                host.orElseThrow(), port, username, privateKeyPem, null, knownHosts.orElseThrow(), TIMEOUT);
    }
}
