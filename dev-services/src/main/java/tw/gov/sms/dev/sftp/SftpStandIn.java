package tw.gov.sms.dev.sftp;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.common.session.SessionContext;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/**
 * The SFTP server {@code ./sms run} starts in development, where there is no root and no OpenSSH: Apache MINA SSHD
 * serving the same tree as production's chrooted accounts (docs/sftp.md), on 127.0.0.1 only.
 *
 * <p>Usage: {@code java -cp dev-services.jar tw.gov.sms.dev.sftp.SftpStandIn --root DIR --port 2222}.
 *
 * <pre>
 * DIR/keys/&lt;user&gt;.pub      public keys (OpenSSH format, one per line: the developer's, the platform's) that may
 *                          log in as &lt;user&gt;; the file's presence makes the account
 * DIR/&lt;user&gt;/inbox …        what the account sees as / (inbox, processed, rejected, outbox)
 * DIR/host-key             the server's key, generated on first start and kept
 * DIR/known_hosts          the line clients pin; removed at start, written once the server listens
 * </pre>
 *
 * Public-key login only, SFTP only (no shell, no forwarding). Prints {@code READY} once it listens. Not for
 * production: OpenSSH's chroot, not a Java virtual file system, is what keeps agencies apart there.
 *
 * <p>With {@code --authorized-keys-url URL} it also asks the platform at each login, as production's OpenSSH
 * does through its {@code AuthorizedKeysCommand}: {@code GET URL/<user>} answers the agency's registered keys as
 * {@code authorized_keys} lines, each limited by {@code from="…"} to the agency's approved ranges (R9.1, default
 * deny). A key is accepted only from an address in its {@code from} list; an unreachable platform admits no one
 * but the keys in {@code DIR/keys}.
 */
public final class SftpStandIn implements AutoCloseable {

    private static final Pattern USER = Pattern.compile("[a-z0-9][a-z0-9_-]{0,31}");
    private static final List<String> FOLDERS = List.of("inbox", "processed", "rejected", "outbox");

    private final SshServer server;
    private final String knownHostsLine;

    private SftpStandIn(SshServer server, String knownHostsLine) {
        this.server = server;
        this.knownHostsLine = knownHostsLine;
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        SftpStandIn standIn = start(options.root(), options.port(), options.keysUrl());
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            standIn.close();
            stop.countDown();
        }));
        System.out.printf(
                "SFTP stand-in listening on 127.0.0.1:%d, accounts under %s (keys in %s), host key pinned in %s%n",
                standIn.port(),
                options.root().toAbsolutePath(),
                options.root().resolve("keys").toAbsolutePath(),
                options.root().resolve("known_hosts").toAbsolutePath());
        System.out.println("READY");
        System.out.flush();
        stop.await();
    }

    /** Starts serving {@code root} on 127.0.0.1:{@code port} (0 for a free port). */
    public static SftpStandIn start(Path root, int port) throws IOException {
        return start(root, port, null);
    }

    /**
     * Starts serving {@code root} on 127.0.0.1:{@code port}; logins are also checked against the platform's
     * authorized-keys lookup at {@code keysUrl} when it is not {@code null}.
     */
    public static SftpStandIn start(Path root, int port, URI keysUrl) throws IOException {
        Path base = root.toAbsolutePath().normalize();
        Files.createDirectories(base.resolve("keys"));
        // Written again once the server listens: whoever waits for this file then finds a server behind it.
        Files.deleteIfExists(base.resolve("known_hosts"));
        try (Stream<Path> keys = Files.list(base.resolve("keys"))) {
            for (Path key : keys.toList()) {
                String name = key.getFileName().toString();
                if (name.endsWith(".pub")
                        && USER.matcher(name.substring(0, name.length() - 4)).matches()) {
                    createAccount(base, name.substring(0, name.length() - 4));
                }
            }
        }

        SimpleGeneratorHostKeyProvider hostKey = new SimpleGeneratorHostKeyProvider(base.resolve("host-key"));
        hostKey.setAlgorithm(KeyUtils.EC_ALGORITHM);
        hostKey.setKeySize(256);

        SshServer server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(port);
        server.setKeyPairProvider(hostKey);
        server.setPasswordAuthenticator(null);
        server.setKeyboardInteractiveAuthenticator(null);
        server.setGSSAuthenticator(null);
        server.setHostBasedAuthenticator(null);
        AllowListedKeys platform = keysUrl == null ? null : new AllowListedKeys(keysUrl);
        // The name is checked once, first: it becomes a folder under the root and a path of the lookup.
        server.setPublickeyAuthenticator((user, key, session) -> user != null
                && USER.matcher(user).matches()
                && !user.equals("keys")
                && (authorized(base, user, key)
                        || platform != null && platform.admits(user, key, session.getClientAddress())));
        server.setFileSystemFactory(new VirtualFileSystemFactory(base) {
            @Override
            public Path getUserHomeDir(SessionContext session) throws IOException {
                // Only reached after authorized(): the name is a plain account name with a key.
                return createAccount(base, session.getUsername());
            }
        });
        server.setSubsystemFactories(Collections.singletonList(new SftpSubsystemFactory()));
        server.start();

        String line = "[127.0.0.1]:" + server.getPort() + " " + PublicKeyEntry.toString(publicKey(hostKey));
        Path knownHosts = base.resolve("known_hosts");
        Path temporary = base.resolve(".known_hosts.tmp");
        Files.writeString(temporary, line + "\n", StandardCharsets.US_ASCII);
        Files.move(temporary, knownHosts, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return new SftpStandIn(server, line);
    }

    public int port() {
        return server.getPort();
    }

    /** {@code [127.0.0.1]:port ecdsa-sha2-nistp256 AAAA…}, also written to {@code <root>/known_hosts}. */
    public String knownHostsLine() {
        return knownHostsLine;
    }

    @Override
    public void close() {
        try {
            server.stop(true);
        } catch (IOException e) {
            System.err.println("SFTP stand-in did not stop cleanly: " + e.getMessage());
        }
    }

    private static boolean authorized(Path base, String user, PublicKey offered) {
        if (user == null || !USER.matcher(user).matches() || user.equals("keys")) {
            return false;
        }
        Path file = base.resolve("keys").resolve(user + ".pub");
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String trimmed = line.trim();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                PublicKey allowed = PublicKeyEntry.parsePublicKeyEntry(trimmed)
                        .resolvePublicKey(null, Collections.emptyMap(), PublicKeyEntryResolver.IGNORING);
                if (allowed != null && KeyUtils.compareKeys(allowed, offered)) {
                    return true;
                }
            }
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            System.err.println("SFTP stand-in: unreadable key file " + file + ": " + e.getMessage());
        }
        return false;
    }

    private static Path createAccount(Path base, String user) throws IOException {
        Path home = base.resolve(user);
        for (String folder : FOLDERS) {
            Files.createDirectories(home.resolve(folder));
        }
        return home;
    }

    private static PublicKey publicKey(SimpleGeneratorHostKeyProvider provider) throws IOException {
        for (KeyPair pair : provider.loadKeys(null)) {
            return pair.getPublic();
        }
        throw new IOException("no host key in " + provider.getPath());
    }

    record Options(Path root, int port, URI keysUrl) {
        static Options parse(String[] args) {
            Path root = Path.of(".sms/dev/sftp");
            int port = 2222;
            URI keysUrl = null;
            for (int i = 0; i < args.length; i += 2) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                if (value == null) {
                    throw new IllegalArgumentException("option " + args[i] + " needs a value");
                }
                switch (args[i]) {
                    case "--root" -> root = Path.of(value);
                    case "--port" -> port = Integer.parseInt(value);
                    case "--authorized-keys-url" -> keysUrl = URI.create(value);
                    default ->
                        throw new IllegalArgumentException("unknown option " + args[i]
                                + " (usage: --root DIR --port PORT [--authorized-keys-url URL])");
                }
            }
            return new Options(root, port, keysUrl);
        }
    }
}
