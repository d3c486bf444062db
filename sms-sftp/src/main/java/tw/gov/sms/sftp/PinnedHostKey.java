package tw.gov.sms.sftp;

import com.jcraft.jsch.HostKey;
import com.jcraft.jsch.HostKeyRepository;
import com.jcraft.jsch.UserInfo;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The one host key an endpoint accepts. Wraps JSch's parsed known_hosts line (which knows host patterns, ports and
 * hashed names) and remembers what the server actually presented, so a refusal can say which key came and which was
 * expected. Never adds a key: with {@code StrictHostKeyChecking=yes} anything but {@link #OK} ends the connection.
 */
final class PinnedHostKey implements HostKeyRepository {

    private final HostKeyRepository known;
    private volatile byte[] presented;
    private volatile int result = -1;

    PinnedHostKey(HostKeyRepository known) {
        this.known = known;
    }

    @Override
    public int check(String host, byte[] key) {
        presented = key.clone();
        result = known.check(host, key);
        return result;
    }

    /** Whether the server presented a key that was not accepted. */
    boolean rejected() {
        return presented != null && result != OK;
    }

    /** Whether the server presented exactly {@code key}. */
    boolean presented(byte[] key) {
        return presented != null && java.util.Arrays.equals(presented, key);
    }

    String presentedDescription() {
        return presented == null ? "no key" : describe(presented);
    }

    /** {@code ssh-ed25519 SHA256:…}, the form {@code ssh-keygen -lf} prints. */
    static String describe(byte[] blob) {
        return type(blob) + " " + fingerprint(blob);
    }

    static String fingerprint(byte[] blob) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(blob);
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String type(byte[] blob) {
        try {
            ByteBuffer buffer = ByteBuffer.wrap(blob);
            int length = buffer.getInt();
            return new String(blob, 4, length, StandardCharsets.US_ASCII);
        } catch (RuntimeException e) {
            return "unknown-key-type";
        }
    }

    @Override
    public void add(HostKey hostkey, UserInfo ui) {
        // Never: a new key is accepted only by changing the endpoint's configuration.
    }

    @Override
    public void remove(String host, String type) {}

    @Override
    public void remove(String host, String type, byte[] key) {}

    @Override
    public String getKnownHostsRepositoryID() {
        return "configured known_hosts line";
    }

    @Override
    public HostKey[] getHostKey() {
        return known.getHostKey();
    }

    @Override
    public HostKey[] getHostKey(String host, String type) {
        return known.getHostKey(host, type);
    }
}
