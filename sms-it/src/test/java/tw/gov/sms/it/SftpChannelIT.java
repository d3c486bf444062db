package tw.gov.sms.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The SFTP channel against the real OpenSSH sshd of {@code ./sms test} (issue 5, docs/sftp.md): two
 * agencies, each confined to its own tree; a complete submission is taken once, sent, and answered in the
 * outbox with a receipt and a status report; a re-upload, a broken manifest and a truncated file are
 * turned away with a receipt saying why.
 */
@ExtendWith(ArquillianExtension.class)
class SftpChannelIT {

    private static SftpServer.Account demo;
    private static SftpServer.Account other;
    private static String demoToken;

    @Deployment(testable = false, name = "sms")
    static EnterpriseArchive ear() {
        File ear = new File(System.getProperty("sms.ear", "../sms-ear/target/sms.ear"));
        return ShrinkWrap.create(ZipImporter.class, "sms.ear").importFrom(ear).as(EnterpriseArchive.class);
    }

    @BeforeAll
    static void accounts() throws Exception {
        demoToken = Platform.demoToken();
        String otherToken = SftpServer.agencyWithClient("SFTP-B", "測試機關乙", "sftp-b-client", "sftp-b-secret");
        demo = SftpServer.provisionAgency("smsag-demo", platformKey(demoToken, "smsag-demo"), demoToken);
        other = SftpServer.provisionAgency("smsag-b", platformKey(otherToken, "smsag-b"), otherToken);
        otherClientToken = otherToken;
    }

    private static String otherClientToken;

    @Test
    void uploadsAreAdmittedOnlyFromTheAgencysApprovedAddresses() throws Exception {
        SftpServer.Account elsewhere = demo.from("127.0.0.2");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SftpServer.list(elsewhere, "/inbox"))
                .as("an address not on the agency's allow-list")
                .hasMessageContaining("Auth");
        String groupAdmin = People.token("demo-gadmin");
        String moda = People.token("moda-admin");
        Platform.Reply requested =
                Platform.postJson("/api/v1/allowlist", groupAdmin, "{\"cidr\":\"127.0.0.2/32\",\"note\":\"SFTP 測試\"}");
        assertThat(requested.status()).as(requested.body()).isEqualTo(201);
        long entry = requested.json().getJsonNumber("id").longValue();
        assertThat(Platform.postJson("/api/v1/allowlist/" + entry + "/approve", moda, "{}")
                        .status())
                .isEqualTo(200);
        try {
            assertThat(SftpServer.list(elsewhere, "/inbox"))
                    .as("approved, at the next login")
                    .isNotNull();
        } finally {
            assertThat(Platform.postJson("/api/v1/allowlist/" + entry + "/revoke", moda, "{}")
                            .status())
                    .isEqualTo(200);
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SftpServer.list(elsewhere, "/inbox"))
                .as("revoked")
                .hasMessageContaining("Auth");

        // Keys are the agency's own: another agency neither sees nor removes them.
        jakarta.json.JsonArray mine =
                Platform.get("/api/v1/sftp/keys", demoToken).json().getJsonArray("items");
        assertThat(mine).isNotEmpty();
        long demoKey = mine.getJsonObject(0).getJsonNumber("id").longValue();
        String demoFingerprint = mine.getJsonObject(0).getString("fingerprint");
        assertThat(Platform.get("/api/v1/sftp/keys", otherClientToken).body()).doesNotContain(demoFingerprint);
        assertThat(Platform.call("DELETE", "/api/v1/sftp/keys/" + demoKey, otherClientToken, null)
                        .status())
                .isEqualTo(404);
        assertThat(Platform.postJson("/api/v1/sftp/keys", demoToken, "{\"publicKey\":\"ssh-ed25519 notbase64!\"}")
                        .json()
                        .getString("code"))
                .isEqualTo("SFTP_KEY_INVALID");
        assertThat(Platform.postJson(
                                "/api/v1/sftp/keys", demoToken, "{\"publicKey\":\"from=\\\"*\\\" ssh-ed25519 AAAA\"}")
                        .json()
                        .getString("code"))
                .as("options are the platform's to write")
                .isEqualTo("SFTP_KEY_INVALID");
        // What sshd asks is answered to the SFTP server's address only.
        assertThat(Platform.call(
                                "GET",
                                "/api/v1/internal/sftp/authorized-keys/smsag-demo",
                                null,
                                null,
                                "X-Forwarded-For",
                                "203.0.113.7")
                        .status())
                .isEqualTo(403);
        String lines = Platform.get("/api/v1/internal/sftp/authorized-keys/smsag-demo", null)
                .body();
        assertThat(lines).startsWith("from=\"").contains("127.0.0.1/32").contains(",restrict ecdsa-sha2-nistp256 ");
    }

    private static String platformKey(String token, String user) {
        Platform.Reply r = Platform.get("/api/v1/sftp", token);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().getString("username")).isEqualTo(user);
        return r.json().getString("platformPublicKey");
    }

    @Test
    void aCompleteSubmissionIsTakenOnceSentAndAnsweredInTheOutbox() throws Exception {
        byte[] csv = "門號,姓名\r\n0912310001,張三\r\n0922310002,李四\r\n"
                .getBytes(java.nio.charset.Charset.forName("x-windows-950"));
        SftpServer.upload(
                demo,
                "notice.csv",
                csv,
                SftpServer.manifest("notice.csv", csv, "{姓名}您好，SFTP 測試。", "reference = REF-001"));

        String receipt = SftpServer.awaitOutbox(demo, "notice.csv.receipt.txt", Duration.ofSeconds(60));
        assertThat(receipt).contains("受理 ACCEPTED", "REF-001", "Recipients: 2", "BIG5");
        assertThat(SftpServer.list(demo, "/inbox")).isEmpty();
        assertThat(SftpServer.list(demo, "/processed")).contains("notice.csv", "notice.csv.manifest");

        String status = SftpServer.awaitOutbox(demo, "notice.csv.status.csv", Duration.ofSeconds(120));
        assertThat(status).startsWith("\uFEFF");
        String[] lines = status.substring(1).split("\r\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[1]).startsWith("2,,0912310001,DELIVERED,");
        assertThat(lines[2]).startsWith("3,,0922310002,DELIVERED,");

        // The same pair again is not sent again.
        SftpServer.upload(
                demo,
                "notice.csv",
                csv,
                SftpServer.manifest("notice.csv", csv, "{姓名}您好，SFTP 測試。", "reference = REF-001"));
        awaitRejected(demo, "notice.csv");
        assertThat(new String(SftpServer.read(demo, "/outbox/notice.csv.receipt.txt"), StandardCharsets.UTF_8))
                .contains("SFTP_ALREADY_PROCESSED");
    }

    @Test
    void brokenManifestsAndTruncatedUploadsAreTurnedAwayWithAReason() throws Exception {
        byte[] csv = "phone\n0912310101\n".getBytes(StandardCharsets.UTF_8);
        SftpServer.upload(demo, "typo.csv", csv, SftpServer.manifest("typo.csv", csv, "測試", "shedule = tomorrow"));
        awaitRejected(demo, "typo.csv");
        assertThat(new String(SftpServer.read(demo, "/outbox/typo.csv.receipt.txt"), StandardCharsets.UTF_8))
                .contains("MANIFEST_UNKNOWN_KEY", "shedule");

        byte[] whole = "phone\n0912310201\n0912310202\n".getBytes(StandardCharsets.UTF_8);
        byte[] truncated = java.util.Arrays.copyOf(whole, 12);
        SftpServer.upload(demo, "cut.csv", truncated, SftpServer.manifest("cut.csv", whole, "測試"));
        awaitRejected(demo, "cut.csv");

        byte[] bad = "phone\n0212345678\n".getBytes(StandardCharsets.UTF_8);
        SftpServer.upload(demo, "landline.csv", bad, SftpServer.manifest("landline.csv", bad, "測試"));
        String receipt = SftpServer.awaitOutbox(demo, "landline.csv.receipt.txt", Duration.ofSeconds(60));
        assertThat(receipt).contains("退件 REJECTED", "NUMBER_LANDLINE");
        String report = SftpServer.awaitOutbox(demo, "landline.csv.errors.csv", Duration.ofSeconds(10));
        assertThat(report).contains("NUMBER_LANDLINE");
    }

    @Test
    void eachAgencySeesOnlyItsOwnTree() throws Exception {
        byte[] csv = "phone\n0936310301\n".getBytes(StandardCharsets.UTF_8);
        SftpServer.upload(other, "b-only.csv", csv, SftpServer.manifest("b-only.csv", csv, "乙機關測試"));
        SftpServer.awaitOutbox(other, "b-only.csv.receipt.txt", Duration.ofSeconds(60));

        assertThat(SftpServer.list(other, "/")).containsExactly("inbox", "outbox", "processed", "rejected");
        assertThat(SftpServer.list(demo, "/outbox")).doesNotContain("b-only.csv.receipt.txt");
        assertThatThrownBy(() -> SftpServer.list(demo, "/../smsag-b/outbox")).isNotNull();
        assertThat(SftpServer.list(demo, "/../")).doesNotContain("smsag-b");
        assertThatThrownBy(() -> SftpServer.read(other, "/../smsag-demo/processed/notice.csv"))
                .isNotNull();
        assertThatThrownBy(
                        () -> SftpServer.read(other, "/var/lib/sms-sftp/test/smsag-demo/outbox/typo.csv.receipt.txt"))
                .isNotNull();
    }

    private static void awaitRejected(SftpServer.Account a, String name) throws Exception {
        java.time.Instant deadline = java.time.Instant.now().plus(Duration.ofSeconds(60));
        while (java.time.Instant.now().isBefore(deadline)) {
            if (SftpServer.list(a, "/inbox").isEmpty()
                    && SftpServer.list(a, "/rejected").stream().anyMatch(n -> n.startsWith(name.replace(".csv", "")))) {
                return;
            }
            Thread.sleep(1000);
        }
        throw new AssertionError(name + " not rejected: inbox " + SftpServer.list(a, "/inbox"));
    }
}
