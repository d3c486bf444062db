package tw.gov.sms.dev.sftp;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;

/**
 * The stand-in's equivalent of OpenSSH's {@code AuthorizedKeysCommand} plus {@code from="…"}: the platform's
 * authorized-keys lookup ({@code GET /api/v1/internal/sftp/authorized-keys/<user>}) names each registered key
 * with the address ranges it may log in from; a key offered from anywhere else is refused, as is every key
 * when the lookup fails (default deny, R9.1).
 */
final class AllowListedKeys {

    private final URI base;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    AllowListedKeys(URI base) {
        this.base = base;
    }

    /** Whether {@code user} may log in with {@code offered} from {@code client}. */
    boolean admits(String user, PublicKey offered, SocketAddress client) {
        InetAddress from = client instanceof InetSocketAddress a ? a.getAddress() : null;
        if (from == null) {
            return false;
        }
        String lines;
        try {
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/+$", "") + "/"
                                    + java.net.URLEncoder.encode(user, StandardCharsets.UTF_8)))
                            .timeout(Duration.ofSeconds(10))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (r.statusCode() != 200) {
                System.err.println("SFTP stand-in: key lookup for " + user + " answered " + r.statusCode());
                return false;
            }
            lines = r.body();
        } catch (IOException e) {
            System.err.println("SFTP stand-in: key lookup for " + user + " failed: " + e.getMessage());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        for (String line : lines.split("\\R")) {
            if (line.isBlank() || line.strip().startsWith("#")) {
                continue;
            }
            try {
                AuthorizedKeyEntry entry = AuthorizedKeyEntry.parseAuthorizedKeyEntry(line.strip());
                PublicKey key = entry == null
                        ? null
                        : entry.resolvePublicKey(null, Collections.emptyMap(), PublicKeyEntryResolver.IGNORING);
                if (key == null || !KeyUtils.compareKeys(key, offered)) {
                    continue;
                }
                String ranges = entry.getLoginOptions().get("from");
                if (ranges != null && inAny(from, ranges)) {
                    return true;
                }
                System.err.println("SFTP stand-in: " + user + "'s key refused from " + from.getHostAddress()
                        + " (not in its approved ranges " + ranges + ")");
            } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
                System.err.println("SFTP stand-in: unreadable key line for " + user + ": " + e.getMessage());
            }
        }
        return false;
    }

    /** Whether {@code address} is in one of the comma-separated CIDR ranges or addresses ({@code from="…"}). */
    static boolean inAny(InetAddress address, String ranges) {
        List<String> list = new ArrayList<>();
        for (String r : ranges.replace("\"", "").split(",")) {
            if (!r.isBlank()) {
                list.add(r.strip());
            }
        }
        for (String range : list) {
            if (range.startsWith("!")) {
                continue; // OpenSSH negations: the platform writes none
            }
            try {
                if (contains(range, address)) {
                    return true;
                }
            } catch (UnknownHostException | IllegalArgumentException e) {
                System.err.println("SFTP stand-in: range " + range + " not understood: " + e.getMessage());
            }
        }
        return false;
    }

    static boolean contains(String cidr, InetAddress address) throws UnknownHostException {
        int slash = cidr.indexOf('/');
        InetAddress network = InetAddress.getByName(slash < 0 ? cidr : cidr.substring(0, slash));
        byte[] a = address.getAddress();
        byte[] n = network.getAddress();
        if (a.length != n.length) {
            return false; // IPv4 and IPv6 never match each other
        }
        int bits = slash < 0 ? n.length * 8 : Integer.parseInt(cidr.substring(slash + 1));
        if (bits < 0 || bits > n.length * 8) {
            throw new IllegalArgumentException("prefix length " + bits);
        }
        BigInteger mask = bits == 0
                ? BigInteger.ZERO
                : BigInteger.ONE
                        .shiftLeft(n.length * 8)
                        .subtract(BigInteger.ONE)
                        .shiftRight(n.length * 8 - bits)
                        .shiftLeft(n.length * 8 - bits);
        return new BigInteger(1, a).and(mask).equals(new BigInteger(1, n).and(mask));
    }
}
