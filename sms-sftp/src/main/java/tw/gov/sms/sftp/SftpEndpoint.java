package tw.gov.sms.sftp;

import java.time.Duration;
import java.util.Base64;
import java.util.Objects;

/**
 * Where and as whom to log in to one agency's SFTP account.
 *
 * @param host server name or address
 * @param port TCP port (22 in production)
 * @param username the agency's account; the server confines it to the agency's own tree
 * @param privateKeyPem private key (OpenSSH or PEM format, unencrypted), or {@code null} to use the password
 * @param password password, or {@code null} to use the key; at least one of the two is given
 * @param knownHostsLine the server's exact host key as one known_hosts line, e.g. {@code [sftp.example]:22
 *     ssh-ed25519 AAAA…}; host key checking is always strict, a server presenting any other key is refused
 * @param timeout limit for connecting, and for how long a silent server is tolerated during any operation
 */
public record SftpEndpoint(
        String host,
        int port,
        String username,
        String privateKeyPem,
        String password,
        String knownHostsLine,
        Duration timeout) {

    public SftpEndpoint {
        requireText(host, "host");
        requireText(username, "username");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1-65535: " + port);
        }
        if (isBlank(privateKeyPem) && isBlank(password)) {
            throw new IllegalArgumentException("an SFTP endpoint needs a private key or a password for " + username);
        }
        requireText(knownHostsLine, "knownHostsLine");
        hostKeyType(knownHostsLine); // validates the line's form
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero() || timeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
    }

    /** "user@host:port", for messages and logs; never contains a secret. */
    public String describe() {
        return username + "@" + host + ":" + port;
    }

    /** The key algorithm of {@link #knownHostsLine()}, e.g. {@code ssh-ed25519}. */
    String hostKeyType() {
        return hostKeyType(knownHostsLine);
    }

    /** The base64 public key blob of {@link #knownHostsLine()}. */
    String hostKeyBase64() {
        return knownHostsLine.trim().split("\\s+")[2];
    }

    @Override
    public String toString() {
        // Records print every component; this one must not print the key or the password.
        return "SftpEndpoint[" + describe() + ", key=" + (privateKeyPem != null) + ", password=" + (password != null)
                + ", hostKey=" + hostKeyType() + ", timeout=" + timeout + "]";
    }

    private static String hostKeyType(String line) {
        String[] fields = line.trim().split("\\s+");
        if (fields.length < 3 || fields[0].startsWith("@")) {
            throw new IllegalArgumentException(
                    "knownHostsLine must be one plain known_hosts line \"[host]:port key-type base64-key\", not: "
                            + line);
        }
        try {
            Base64.getDecoder().decode(fields[2]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("knownHostsLine has a key that is not base64: " + fields[2], e);
        }
        return fields[1];
    }

    private static void requireText(String value, String name) {
        if (isBlank(value)) {
            throw new IllegalArgumentException(name + " is required");
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
