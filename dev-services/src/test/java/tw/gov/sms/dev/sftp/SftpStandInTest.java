package tw.gov.sms.dev.sftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tw.gov.sms.sftp.Download;
import tw.gov.sms.sftp.Inbox;
import tw.gov.sms.sftp.Manifest;
import tw.gov.sms.sftp.SftpEndpoint;
import tw.gov.sms.sftp.SftpFailure;
import tw.gov.sms.sftp.SftpMailbox;
import tw.gov.sms.sftp.Submission;

/** The platform's own SFTP client works against the development stand-in as against OpenSSH. */
class SftpStandInTest {

    @TempDir
    Path root;

    @TempDir
    Path local;

    @Test
    void servesEachAccountItsOwnTreeToThePlatformsClient() throws Exception {
        String keyA = account("agency-a", KeyPairProvider.ECDSA_SHA2_NISTP256);
        String keyB = account("agency-b", KeyPairProvider.SSH_ED25519); // what ssh-keygen makes by default
        byte[] data = "0912345678,王小明\n".getBytes(StandardCharsets.UTF_8);
        Path inboxA = root.resolve("agency-a/inbox");

        try (SftpStandIn standIn = SftpStandIn.start(root, 0)) {
            String knownHosts = Files.readString(root.resolve("known_hosts")).trim();
            assertThat(knownHosts).isEqualTo(standIn.knownHostsLine()).startsWith("[127.0.0.1]:" + standIn.port());
            Files.write(inboxA.resolve("bills.csv"), data);
            Files.write(
                    inboxA.resolve("bills.csv.manifest"),
                    new Manifest("bills.csv", sha256(data), data.length, "停水通知", null, null, false, null, null)
                            .toBytes());

            try (SftpMailbox a = SftpMailbox.open(endpoint(standIn, "agency-a", keyA))) {
                Inbox inbox = a.scan();
                Submission s = inbox.submissions().get(0);
                assertThat(s.isAcceptable()).isTrue();
                Download copy = a.download(s.dataName(), local.resolve("bills.csv"));
                assertThat(copy.verify(s.manifest())).isEmpty();
                assertThat(a.moveToProcessed(s)).containsExactly("processed/bills.csv.manifest", "processed/bills.csv");
                a.writeOutbox("bills.csv.receipt.txt", new ByteArrayInputStream("受理".getBytes(StandardCharsets.UTF_8)));
                a.writeOutbox(
                        "bills.csv.receipt.txt", new ByteArrayInputStream("已受理".getBytes(StandardCharsets.UTF_8)));
                assertThat(a.list("outbox")).containsExactly("bills.csv.receipt.txt");
            }
            assertThat(Files.readString(root.resolve("agency-a/outbox/bills.csv.receipt.txt")))
                    .isEqualTo("已受理");

            try (SftpMailbox b = SftpMailbox.open(endpoint(standIn, "agency-b", keyB))) {
                assertThat(b.scan().isEmpty()).isTrue();
                assertThat(b.list("processed")).isEmpty();
            }
            SftpFailure wrongKey = catchThrowableOfType(
                    SftpFailure.class, () -> SftpMailbox.open(endpoint(standIn, "agency-a", keyB)));
            assertThat(wrongKey.kind()).isEqualTo(SftpFailure.Kind.AUTHENTICATION);
        }
    }

    @Test
    void keepsItsHostKeyAcrossRestarts() throws Exception {
        String first;
        try (SftpStandIn standIn = SftpStandIn.start(root, 0)) {
            first = standIn.knownHostsLine().split(" ", 2)[1];
        }
        try (SftpStandIn standIn = SftpStandIn.start(root, 0)) {
            assertThat(standIn.knownHostsLine()).endsWith(first);
        }
    }

    /** As production's OpenSSH: an agency's registered key logs in only from its approved ranges (R9.1). */
    @Test
    void admitsAPlatformRegisteredKeyOnlyFromItsApprovedRanges() throws Exception {
        java.security.KeyPair pair = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
        ByteArrayOutputStream pub = new ByteArrayOutputStream();
        OpenSSHKeyPairResourceWriter.INSTANCE.writePublicKey(pair.getPublic(), "agency-c key", pub);
        ByteArrayOutputStream prv = new ByteArrayOutputStream();
        OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(pair, "agency-c", null, prv);
        String key = prv.toString(StandardCharsets.US_ASCII);
        java.util.concurrent.atomic.AtomicReference<String> answer =
                new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicInteger status = new java.util.concurrent.atomic.AtomicInteger(200);
        com.sun.net.httpserver.HttpServer platform =
                com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        platform.createContext("/api/v1/internal/sftp/authorized-keys/", exchange -> {
            byte[] body = exchange.getRequestURI().getPath().endsWith("/agency-c")
                    ? answer.get().getBytes(StandardCharsets.UTF_8)
                    : new byte[0];
            exchange.sendResponseHeaders(status.get(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        platform.start();
        java.net.URI url = java.net.URI.create(
                "http://127.0.0.1:" + platform.getAddress().getPort() + "/api/v1/internal/sftp/authorized-keys");
        String line = pub.toString(StandardCharsets.US_ASCII).trim();
        try (SftpStandIn standIn = SftpStandIn.start(root, 0, url)) {
            answer.set("from=\"10.1.0.0/16\" " + line + "\n");
            SftpFailure elsewhere =
                    catchThrowableOfType(SftpFailure.class, () -> SftpMailbox.open(endpoint(standIn, "agency-c", key)));
            assertThat(elsewhere.kind())
                    .as("approved for another range only")
                    .isEqualTo(SftpFailure.Kind.AUTHENTICATION);

            answer.set("from=\"10.1.0.0/16,127.0.0.1/32\" " + line + "\n");
            try (SftpMailbox c = SftpMailbox.open(endpoint(standIn, "agency-c", key))) {
                assertThat(c.scan().isEmpty()).isTrue();
            }

            status.set(403);
            SftpFailure lookupRefused =
                    catchThrowableOfType(SftpFailure.class, () -> SftpMailbox.open(endpoint(standIn, "agency-c", key)));
            assertThat(lookupRefused.kind())
                    .as("no answer from the platform: default deny")
                    .isEqualTo(SftpFailure.Kind.AUTHENTICATION);
        } finally {
            platform.stop(0);
        }
    }

    @Test
    void matchesAddressesAgainstCidrRanges() throws Exception {
        java.net.InetAddress v4 = java.net.InetAddress.getByName("192.0.2.77");
        assertThat(AllowListedKeys.inAny(v4, "192.0.2.0/24")).isTrue();
        assertThat(AllowListedKeys.inAny(v4, "192.0.2.64/27")).isTrue();
        assertThat(AllowListedKeys.inAny(v4, "192.0.2.96/27")).isFalse();
        assertThat(AllowListedKeys.inAny(v4, "10.0.0.0/8, 192.0.2.77")).isTrue();
        assertThat(AllowListedKeys.inAny(v4, "0.0.0.0/0")).isTrue();
        assertThat(AllowListedKeys.inAny(v4, "2001:db8::/32"))
                .as("families never mix")
                .isFalse();
        java.net.InetAddress v6 = java.net.InetAddress.getByName("2001:db8::1");
        assertThat(AllowListedKeys.inAny(v6, "2001:db8::/32")).isTrue();
        assertThat(AllowListedKeys.inAny(v6, "2001:db9::/32")).isFalse();
    }

    /** Writes keys/USER.pub and returns the private key in OpenSSH format, as a developer would with ssh-keygen. */
    private String account(String user, String keyType) throws Exception {
        java.security.KeyPair pair = KeyUtils.generateKeyPair(keyType, 256);
        ByteArrayOutputStream pub = new ByteArrayOutputStream();
        OpenSSHKeyPairResourceWriter.INSTANCE.writePublicKey(pair.getPublic(), user, pub);
        Files.createDirectories(root.resolve("keys"));
        Files.write(root.resolve("keys").resolve(user + ".pub"), pub.toByteArray());
        ByteArrayOutputStream prv = new ByteArrayOutputStream();
        OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(pair, user, null, prv);
        return prv.toString(StandardCharsets.US_ASCII);
    }

    private SftpEndpoint endpoint(SftpStandIn standIn, String user, String key) throws Exception {
        String knownHosts = Files.readString(root.resolve("known_hosts")).trim();
        return new SftpEndpoint("127.0.0.1", standIn.port(), user, key, null, knownHosts, Duration.ofSeconds(10));
    }

    private static String sha256(byte[] data) throws Exception {
        return java.util.HexFormat.of()
                .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(data));
    }
}
