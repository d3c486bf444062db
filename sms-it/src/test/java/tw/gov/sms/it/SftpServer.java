package tw.gov.sms.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.KeyPair;
import com.jcraft.jsch.Session;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Vector;

/**
 * The OpenSSH sshd that {@code ./sms test} runs for the SFTP channel, seen from an agency: provisions an
 * account the way an operator does (OS user in group {@code smsagency}, a root-owned chroot with the four
 * folders, authorized keys holding the platform's key and the agency's own), and uploads and lists as
 * the agency would, with JSch and strict host-key checking.
 */
final class SftpServer {

    static final Path BASE = Path.of("/var/lib/sms-sftp/test");
    static final int PORT = 12722;

    private SftpServer() {}

    /**
     * An account: its user name, its own private key for uploading, and the local address it connects
     * from (null: the default, 127.0.0.1), so tests can speak from an address off the allow-list.
     */
    record Account(String user, byte[] privateKey, String localAddress) {
        Account(String user, byte[] privateKey) {
            this(user, privateKey, null);
        }

        Path home() {
            return BASE.resolve(user);
        }

        Account from(String address) {
            return new Account(user, privateKey, address);
        }
    }

    /**
     * An agency's account as production has it: the static authorized keys hold only the platform's key;
     * the agency registers its own key with the platform ({@code POST /api/v1/sftp/keys}), and sshd gets it
     * from the platform at each login, limited to the agency's approved allow-list ranges.
     */
    static Account provisionAgency(String user, String platformPublicKey, String agencyToken) throws Exception {
        Account a = provision(user, platformPublicKey);
        KeyPair kp = KeyPair.genKeyPair(new JSch(), KeyPair.ECDSA, 256);
        ByteArrayOutputStream priv = new ByteArrayOutputStream();
        ByteArrayOutputStream pub = new ByteArrayOutputStream();
        kp.writePrivateKey(priv);
        kp.writePublicKey(pub, user + "@agency");
        Path keys = BASE.resolve("keys").resolve(user);
        Files.writeString(keys, platformPublicKey.strip() + "\n");
        Platform.Reply r = Platform.postJson(
                "/api/v1/sftp/keys",
                agencyToken,
                "{\"publicKey\":\"" + pub.toString(StandardCharsets.US_ASCII).strip() + "\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return new Account(a.user(), priv.toByteArray());
    }

    static Account provision(String user, String platformPublicKey) throws Exception {
        if (!"root".equals(System.getProperty("user.name")) || !Files.isDirectory(BASE)) {
            throw new AssertionError("the SFTP tests need root and the sshd of ./sms test (" + BASE + " missing)");
        }
        run(
                "sh",
                "-c",
                "id -u " + user + " >/dev/null 2>&1 || useradd --system --no-create-home --shell"
                        + " /usr/sbin/nologin -G smsagency " + user);
        // useradd leaves the password locked ("!"), and sshd without PAM refuses locked accounts even for
        // key logins: "*" means no password can match, without locking.
        run("usermod", "-p", "*", user);
        Path home = BASE.resolve(user);
        Files.createDirectories(home);
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
        for (String folder : List.of("inbox", "processed", "rejected", "outbox")) {
            Files.createDirectories(home.resolve(folder));
            run("chown", user + ":" + user, home.resolve(folder).toString());
        }
        KeyPair kp = KeyPair.genKeyPair(new JSch(), KeyPair.ECDSA, 256);
        ByteArrayOutputStream priv = new ByteArrayOutputStream();
        ByteArrayOutputStream pub = new ByteArrayOutputStream();
        kp.writePrivateKey(priv);
        kp.writePublicKey(pub, user + "@agency");
        Path keys = BASE.resolve("keys").resolve(user);
        Files.writeString(
                keys,
                platformPublicKey.strip() + "\n"
                        + pub.toString(StandardCharsets.US_ASCII).strip() + "\n");
        Files.setPosixFilePermissions(keys, PosixFilePermissions.fromString("rw-r--r--"));
        return new Account(user, priv.toByteArray());
    }

    /** Uploads as the agency: the data file first, the manifest last (as docs/sftp.md asks). */
    static void upload(Account a, String dataName, byte[] data, String manifestText) throws Exception {
        withSftp(a, sftp -> {
            sftp.put(new ByteArrayInputStream(data), "/inbox/" + dataName);
            sftp.put(
                    new ByteArrayInputStream(manifestText.getBytes(StandardCharsets.UTF_8)),
                    "/inbox/." + dataName + ".manifest.part");
            sftp.rename("/inbox/." + dataName + ".manifest.part", "/inbox/" + dataName + ".manifest");
            return null;
        });
    }

    /** Uploads one file the plain way: as {@code NAME.part}, renamed to {@code NAME} when complete. */
    static void put(Account a, String name, byte[] data) throws Exception {
        withSftp(a, sftp -> {
            sftp.put(new ByteArrayInputStream(data), "/inbox/" + name + ".part");
            sftp.rename("/inbox/" + name + ".part", "/inbox/" + name);
            return null;
        });
    }

    static String manifest(String dataName, byte[] data, String text, String... more) throws Exception {
        StringBuilder m = new StringBuilder("# 測試\nfile = " + dataName + "\n");
        m.append("sha256 = ")
                .append(HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256").digest(data)))
                .append('\n');
        m.append("size = ").append(data.length).append('\n');
        m.append("text = ").append(text).append('\n');
        for (String line : more) {
            m.append(line).append('\n');
        }
        return m.toString();
    }

    @SuppressWarnings("unchecked")
    static List<String> list(Account a, String dir) throws Exception {
        return withSftp(
                a,
                sftp -> ((Vector<ChannelSftp.LsEntry>) sftp.ls(dir))
                        .stream()
                                .map(ChannelSftp.LsEntry::getFilename)
                                .filter(n -> !n.equals(".") && !n.equals(".."))
                                .sorted()
                                .toList());
    }

    static byte[] read(Account a, String path) throws Exception {
        return withSftp(a, sftp -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            sftp.get(path, out);
            return out.toByteArray();
        });
    }

    /** Waits for a file to appear in the agency's outbox (read through SFTP, as the agency reads it). */
    static String awaitOutbox(Account a, String name, Duration within) throws Exception {
        Instant deadline = Instant.now().plus(within);
        while (Instant.now().isBefore(deadline)) {
            if (list(a, "/outbox").contains(name)) {
                return new String(read(a, "/outbox/" + name), StandardCharsets.UTF_8);
            }
            Thread.sleep(1000);
        }
        throw new AssertionError(
                name + " not in " + a.user() + "'s outbox within " + within + ": " + list(a, "/outbox"));
    }

    interface SftpWork<T> {
        T run(ChannelSftp sftp) throws Exception;
    }

    static <T> T withSftp(Account a, SftpWork<T> work) throws Exception {
        JSch jsch = new JSch();
        jsch.addIdentity(a.user(), a.privateKey(), null, null);
        String hostKey = Files.readString(Path.of(System.getProperty("sms.state", "../.sms/test"), "sftp/host_key.pub"))
                .strip();
        String[] parts = hostKey.split(" ");
        jsch.getHostKeyRepository()
                .add(
                        new com.jcraft.jsch.HostKey(
                                "[127.0.0.1]:" + PORT,
                                com.jcraft.jsch.HostKey.ED25519,
                                java.util.Base64.getDecoder().decode(parts[1])),
                        null);
        Session session = jsch.getSession(a.user(), "127.0.0.1", PORT);
        session.setConfig("StrictHostKeyChecking", "yes");
        if (a.localAddress() != null) {
            session.setSocketFactory(new com.jcraft.jsch.SocketFactory() {
                @Override
                public java.net.Socket createSocket(String host, int port) throws java.io.IOException {
                    java.net.Socket socket = new java.net.Socket();
                    socket.bind(new java.net.InetSocketAddress(a.localAddress(), 0));
                    socket.connect(new java.net.InetSocketAddress(host, port), 10_000);
                    return socket;
                }

                @Override
                public java.io.InputStream getInputStream(java.net.Socket socket) throws java.io.IOException {
                    return socket.getInputStream();
                }

                @Override
                public java.io.OutputStream getOutputStream(java.net.Socket socket) throws java.io.IOException {
                    return socket.getOutputStream();
                }
            });
        }
        session.connect(10_000);
        try {
            ChannelSftp sftp = (ChannelSftp) session.openChannel("sftp");
            sftp.connect(10_000);
            try {
                return work.run(sftp);
            } finally {
                sftp.disconnect();
            }
        } finally {
            session.disconnect();
        }
    }

    /** A second agency with its own API client, so isolation can be tried from both sides. */
    static String agencyWithClient(String code, String name, String clientId, String secret) throws Exception {
        return agencyWithClient(code, name, clientId, secret, "send,view", 1_000_000);
    }

    /**
     * The same with the client's permissions and the quota the agency should have at least (ordered under
     * the dev contract when it has less).
     */
    static String agencyWithClient(
            String code, String name, String clientId, String secret, String permissions, long minimumQuota)
            throws Exception {
        try (Connection c = Platform.db()) {
            long agency;
            try (PreparedStatement ps =
                    c.prepareStatement("insert into agency (code, name, display_name) values (?, ?, ?)"
                            + " on conflict (code) do update set name = excluded.name returning id")) {
                ps.setString(1, code);
                ps.setString(2, name);
                ps.setString(3, name);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    agency = rs.getLong(1);
                }
            }
            long client;
            try (PreparedStatement ps = c.prepareStatement(
                    "insert into api_client (agency_id, client_id, name, permissions)"
                            + " values (?, ?, ?, ?) on conflict (client_id) do update set name = excluded.name returning id")) {
                ps.setLong(1, agency);
                ps.setString(2, clientId);
                ps.setString(3, name + " test client");
                ps.setString(4, permissions);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    client = rs.getLong(1);
                }
            }
            try (PreparedStatement ps =
                    c.prepareStatement("insert into api_client_secret (api_client_id, secret_hash) values (?, ?)")) {
                ps.setLong(1, client);
                ps.setString(2, pbkdf2(secret));
                ps.executeUpdate();
            }
            // Default deny (R9.1): the test agency is reached from this machine only once that is approved.
            try (PreparedStatement ps = c.prepareStatement("insert into ip_allow_entry (agency_id, cidr, note, state,"
                    + " decided_at) values (?, '127.0.0.1/32', 'test', 'APPROVED', now()) on conflict do nothing")) {
                ps.setLong(1, agency);
                ps.executeUpdate();
            }
            long quota = Platform.quotaOf(agency);
            if (quota < minimumQuota) {
                Platform.fund(agency, minimumQuota - quota);
            }
        }
        // An entry written straight to the table reaches the platform's allow-list cache within its 10 s life.
        java.time.Instant deadline = java.time.Instant.now().plusSeconds(20);
        Platform.Reply r;
        do {
            r = Platform.postForm(
                    "/api/v1/oauth/token",
                    "grant_type",
                    "client_credentials",
                    "client_id",
                    clientId,
                    "client_secret",
                    secret);
            if (r.status() != 403) {
                break;
            }
            Thread.sleep(500);
        } while (java.time.Instant.now().isBefore(deadline));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().getString("access_token");
    }

    private static String pbkdf2(String secret) throws Exception {
        byte[] salt = new byte[16];
        new java.security.SecureRandom().nextBytes(salt);
        int iterations = 1000;
        byte[] hash = javax.crypto.SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                .generateSecret(new javax.crypto.spec.PBEKeySpec(secret.toCharArray(), salt, iterations, 256))
                .getEncoded();
        var b64 = java.util.Base64.getEncoder().withoutPadding();
        return "pbkdf2-sha256$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed: " + out);
        }
    }
}
