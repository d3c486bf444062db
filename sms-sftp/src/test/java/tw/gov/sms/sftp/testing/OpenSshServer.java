package tw.gov.sms.sftp.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import tw.gov.sms.sftp.SftpEndpoint;
import tw.gov.sms.sftp.SftpMailbox;

/**
 * A real OpenSSH server for tests, configured the way production serves agencies: {@code internal-sftp}, one chroot
 * per agency account holding {@code inbox/ processed/ rejected/ outbox/}, public-key login only. Runs {@code
 * /usr/sbin/sshd -D -e} on 127.0.0.1 with its own host key, config and authorized keys under one directory.
 *
 * <pre>{@code
 * @BeforeAll static void start() {
 *     server = new OpenSshServer(OpenSshServer.fixtureDirectory(MyTest.class.getSimpleName()));
 *     agencyA = server.addAgency("smsagencya");   // OS user, chroot, key pair; returns the endpoint
 *     server.start();
 * }
 * @AfterAll static void stop() { server.stop(); }
 * }</pre>
 *
 * Needs root (OS users, chroot ownership) and the {@code openssh-server} package. Without them the calling test is
 * skipped with the reason, or fails when {@code CI=true}, so CI can never pass by skipping. sshd insists that every
 * directory above a chroot is owned by root and writable by no one else: use a directory under the build's {@code
 * target/}, not under {@code /tmp}.
 */
public final class OpenSshServer implements AutoCloseable {

    public static final String SSHD = "/usr/sbin/sshd";
    public static final String SSH_KEYGEN = "/usr/bin/ssh-keygen";
    /** Written into each OS user the fixture creates; an existing user without it is never touched. */
    static final String USER_COMMENT = "sms-sftp test agency";

    private static final String HOST = "127.0.0.1";
    private static final Pattern USER_NAME = Pattern.compile("[a-z][a-z0-9-]{0,30}");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);
    private static final Set<PosixFilePermission> RWX_RX_RX = PosixFilePermissions.fromString("rwxr-xr-x");

    private final Path directory;
    private final int port;
    private final String hostPublicKey;
    private final Map<String, String> agencyKeys = new LinkedHashMap<>();
    private Process process;

    /** A server on a free port. */
    /**
     * A directory sshd accepts for chroots and key files wherever the checkout lies (CI may clone under
     * a world-writable {@code /tmp}): {@code /var/lib/sms-sftp/fixtures/<name>}, root-owned all the way up.
     */
    public static Path fixtureDirectory(String name) {
        return Path.of("/var/lib/sms-sftp/fixtures", name);
    }

    public OpenSshServer(Path directory) {
        this(directory, 0);
    }

    /**
     * Prepares {@code directory} (emptied first) with a fresh ed25519 host key. Nothing listens until {@link #start()}.
     *
     * @param port the port to listen on, or 0 for a free one
     */
    public OpenSshServer(Path directory, int port) {
        requireUsable();
        this.directory = directory.toAbsolutePath().normalize();
        try {
            deleteRecursively(this.directory);
            Files.createDirectories(this.directory);
            requireSafeAncestors(this.directory);
            for (String sub : List.of("keys", "client-keys", "chroot")) {
                directory(this.directory.resolve(sub));
            }
            run(List.of(
                    SSH_KEYGEN,
                    "-q",
                    "-t",
                    "ed25519",
                    "-N",
                    "",
                    "-C",
                    "sms-sftp-fixture-host",
                    "-f",
                    hostKeyFile().toString()));
            this.hostPublicKey =
                    publicKeyOf(hostKeyFile().resolveSibling(hostKeyFile().getFileName() + ".pub"));
            this.port = port != 0 ? port : freePort();
        } catch (IOException e) {
            throw new UncheckedIOException("could not prepare the OpenSSH fixture in " + this.directory, e);
        }
    }

    /**
     * Adds an agency account: the OS user (created if missing), its chroot {@code <dir>/chroot/<user>} (root-owned,
     * 755) with the four folders owned by the user, a new ed25519 key pair and a {@code Match User} block. On a
     * running server the configuration is checked and reloaded.
     *
     * @return the endpoint with which the platform (or {@link AgencyClient}) logs in as this agency
     */
    public synchronized SftpEndpoint addAgency(String user) {
        if (!USER_NAME.matcher(user).matches()) {
            throw new IllegalArgumentException("agency user names are [a-z][a-z0-9-]{0,30}: " + user);
        }
        try {
            ensureOsUser(user);
            UserPrincipal owner =
                    directory.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(user);
            Path root = directory(chroot(user));
            for (String folder :
                    List.of(SftpMailbox.INBOX, SftpMailbox.PROCESSED, SftpMailbox.REJECTED, SftpMailbox.OUTBOX)) {
                Path dir = directory(root.resolve(folder));
                Files.setOwner(dir, owner);
            }
            Path key = directory.resolve("client-keys").resolve(user);
            Files.deleteIfExists(key);
            Files.deleteIfExists(key.resolveSibling(user + ".pub"));
            run(List.of(
                    SSH_KEYGEN,
                    "-q",
                    "-t",
                    "ed25519",
                    "-N",
                    "",
                    "-C",
                    user + "@sms-sftp-fixture",
                    "-f",
                    key.toString()));
            Path authorized = directory.resolve("keys").resolve(user);
            Files.writeString(authorized, Files.readString(key.resolveSibling(user + ".pub")));
            Files.setPosixFilePermissions(authorized, PosixFilePermissions.fromString("rw-r--r--"));
            agencyKeys.put(user, Files.readString(key));
        } catch (IOException e) {
            throw new UncheckedIOException("could not add the agency " + user, e);
        }
        if (process != null) {
            reload();
        }
        return endpoint(user);
    }

    /** Writes the configuration, checks it with {@code sshd -t} and starts sshd; returns once it listens. */
    public synchronized OpenSshServer start() {
        if (process != null) {
            throw new IllegalStateException("already started");
        }
        writeCheckedConfig();
        try {
            Files.deleteIfExists(logFile());
            process = new ProcessBuilder(SSHD, "-D", "-e", "-f", configFile().toString())
                    .redirectErrorStream(true)
                    .redirectOutput(logFile().toFile())
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("could not start " + SSHD, e);
        }
        awaitListening(1);
        return this;
    }

    /** Stops sshd and the session processes it forked. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        children.forEach(ProcessHandle::destroy);
        process = null;
    }

    @Override
    public void close() {
        stop();
    }

    /** The endpoint for an added agency, with its key. */
    public SftpEndpoint endpoint(String user) {
        String key = agencyKeys.get(user);
        if (key == null) {
            throw new IllegalArgumentException("no agency " + user + "; add it first");
        }
        return new SftpEndpoint(HOST, port, user, key, null, knownHostsLine(), Duration.ofSeconds(10));
    }

    /** The host key line a client must pin: {@code [127.0.0.1]:port ssh-ed25519 AAAA…}. */
    public String knownHostsLine() {
        return "[" + HOST + "]:" + port + " " + hostPublicKey;
    }

    public String host() {
        return HOST;
    }

    public int port() {
        return port;
    }

    /** The agency's chroot on this machine; its folders are {@code inbox/} etc. below it. */
    public Path chroot(String user) {
        return directory.resolve("chroot").resolve(user);
    }

    /** What sshd has logged so far (it runs with {@code -e}, so everything goes there). */
    public String log() {
        try {
            return Files.exists(logFile()) ? Files.readString(logFile(), StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(sshd log unreadable: " + e + ")";
        }
    }

    /** Whether this machine can run the fixture; the reason when not, or {@code null}. */
    public static String unavailableReason() {
        if (!Files.isExecutable(Path.of(SSHD)) || !Files.isExecutable(Path.of(SSH_KEYGEN))) {
            return SSHD + " or " + SSH_KEYGEN + " is missing: install the openssh-server package"
                    + " (apt-get install openssh-server)";
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            return "the OpenSSH fixture must run as root (it creates OS users and root-owned chroot directories)";
        }
        return null;
    }

    /** Skips the calling test when the fixture cannot run here, or fails loudly when {@code CI=true}. */
    public static void requireUsable() {
        String reason = unavailableReason();
        if (reason == null) {
            return;
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException("CI=true and the SFTP tests cannot run: " + reason);
        }
        // Surefire counts an aborted class without saying why: say it where a developer looks.
        System.err.println("[OpenSshServer] SFTP tests skipped: " + reason);
        Assumptions.abort("SFTP tests skipped: " + reason);
    }

    private void reload() {
        writeCheckedConfig();
        int before = countListening();
        run(List.of("/bin/kill", "-HUP", Long.toString(process.pid())));
        awaitListening(before + 1);
    }

    private void writeCheckedConfig() {
        try {
            // The privilege separation directory, which Debian's service unit would create.
            Files.createDirectories(Path.of("/run/sshd"));
            Files.writeString(configFile(), config());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Result check = execute(List.of(SSHD, "-t", "-f", configFile().toString()));
        if (check.exitCode() != 0) {
            throw new IllegalStateException("sshd -t rejected the generated configuration " + configFile() + ":\n"
                    + check.output() + "\n--- configuration ---\n" + config());
        }
    }

    private String config() {
        StringBuilder c = new StringBuilder();
        c.append("# Generated by tw.gov.sms.sftp.testing.OpenSshServer\n");
        c.append("ListenAddress ").append(HOST).append('\n');
        c.append("Port ").append(port).append('\n');
        c.append("HostKey ").append(hostKeyFile()).append('\n');
        c.append("PidFile ").append(directory.resolve("sshd.pid")).append('\n');
        c.append("UsePAM no\n");
        c.append("AuthorizedKeysFile ").append(directory.resolve("keys")).append("/%u\n");
        c.append("PubkeyAuthentication yes\n");
        c.append("PasswordAuthentication no\n");
        c.append("KbdInteractiveAuthentication no\n");
        c.append("PermitRootLogin no\n");
        c.append("StrictModes yes\n");
        c.append("AllowTcpForwarding no\n");
        c.append("AllowAgentForwarding no\n");
        c.append("X11Forwarding no\n");
        c.append("PermitTTY no\n");
        c.append("PrintMotd no\n");
        c.append("LogLevel VERBOSE\n");
        c.append("Subsystem sftp internal-sftp\n");
        if (agencyKeys.isEmpty()) {
            c.append("DenyUsers *\n");
        } else {
            c.append("AllowUsers ")
                    .append(String.join(" ", agencyKeys.keySet()))
                    .append('\n');
        }
        for (String user : agencyKeys.keySet()) {
            c.append('\n');
            c.append("Match User ").append(user).append('\n');
            c.append("    ChrootDirectory ").append(chroot(user)).append('\n');
            c.append("    ForceCommand internal-sftp\n");
            c.append("    AllowTcpForwarding no\n");
            c.append("    X11Forwarding no\n");
        }
        return c.toString();
    }

    private void awaitListening(int times) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                String log = log();
                process = null;
                throw new IllegalStateException("sshd exited during start-up (port " + port + "):\n" + log);
            }
            if (countListening() >= times && accepts()) {
                return;
            }
            sleep(50);
        }
        String log = log();
        stop();
        throw new IllegalStateException(
                "sshd did not listen on " + HOST + ":" + port + " within " + START_TIMEOUT + ":\n" + log);
    }

    private int countListening() {
        String needle = "Server listening on " + HOST + " port " + port;
        return (int) log().lines().filter(l -> l.contains(needle)).count();
    }

    private boolean accepts() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Creates the OS user, or checks that an existing one is ours: a real account must never be changed. */
    private static void ensureOsUser(String user) {
        Result entry = execute(List.of("getent", "passwd", user));
        if (entry.exitCode() == 0) {
            if (!entry.output().contains(USER_COMMENT)) {
                throw new IllegalStateException("the OS user " + user + " exists and was not made by this fixture ("
                        + entry.output().trim() + "); choose another agency name");
            }
            return;
        }
        run(List.of(
                "useradd",
                "--system",
                "--no-create-home",
                "--home-dir",
                "/",
                "--shell",
                "/usr/sbin/nologin",
                "--comment",
                USER_COMMENT,
                user));
        // useradd leaves the password "!" (locked); with UsePAM no, sshd refuses locked accounts even for keys.
        // "*" means "no password can match" without counting as locked.
        run(List.of("usermod", "-p", "*", user));
    }

    /** sshd refuses a chroot (and StrictModes the keys) below a directory that anyone but root may write. */
    private static void requireSafeAncestors(Path dir) throws IOException {
        for (Path p = dir; p != null; p = p.getParent()) {
            PosixFileAttributes attrs = Files.readAttributes(p, PosixFileAttributes.class);
            Set<PosixFilePermission> perms = attrs.permissions();
            boolean othersWrite =
                    perms.contains(PosixFilePermission.GROUP_WRITE) || perms.contains(PosixFilePermission.OTHERS_WRITE);
            if (!attrs.owner().getName().equals("root") || othersWrite) {
                throw new IllegalArgumentException("The OpenSSH fixture directory " + dir + " lies below " + p
                        + " (owner " + attrs.owner().getName() + ", " + PosixFilePermissions.toString(perms)
                        + "); sshd refuses chroots and key files below a directory that is not root-owned or that"
                        + " others may write. Use OpenSshServer.fixtureDirectory(name).");
            }
        }
    }

    private static Path directory(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, RWX_RX_RX);
        return dir;
    }

    private Path hostKeyFile() {
        return directory.resolve("ssh_host_ed25519_key");
    }

    private Path configFile() {
        return directory.resolve("sshd_config");
    }

    private Path logFile() {
        return directory.resolve("sshd.log");
    }

    private static String publicKeyOf(Path pub) throws IOException {
        String[] fields = Files.readString(pub).trim().split("\\s+");
        return fields[0] + " " + fields[1];
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private record Result(int exitCode, String output) {}

    private static void run(List<String> command) {
        Result result = execute(command);
        if (result.exitCode() != 0) {
            throw new IllegalStateException(
                    String.join(" ", command) + " failed (" + result.exitCode() + "):\n" + result.output());
        }
    }

    private static Result execute(List<String> command) {
        try {
            Process p = new ProcessBuilder(new ArrayList<>(command))
                    .redirectErrorStream(true)
                    .start();
            p.getOutputStream().close();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish within 30 s");
            }
            return new Result(p.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command.get(0), e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for sshd", e);
        }
    }
}
