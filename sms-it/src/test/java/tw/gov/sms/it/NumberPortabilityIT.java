package tw.gov.sms.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Number-portability routing through the real path (R1.2): NP files dropped in the inbox are imported
 * by the {@code np-import} Jakarta Batch job, validated line by line, stored, and swapped into the
 * routing index while the platform runs; the next send routes by them and records why.
 */
@ExtendWith(ArquillianExtension.class)
class NumberPortabilityIT {

    private static final Path INBOX = Path.of(System.getProperty("sms.state", "../.sms/test"), "np-inbox");

    @Deployment(testable = false, name = "sms")
    static EnterpriseArchive ear() {
        File ear = new File(System.getProperty("sms.ear", "../sms-ear/target/sms.ear"));
        return ShrinkWrap.create(ZipImporter.class, "sms.ear").importFrom(ear).as(EnterpriseArchive.class);
    }

    @Test
    void routesPortedNumbersFirstAndFollowsDailyDeltas() throws Exception {
        String token = Platform.demoToken();
        String tag = UUID.randomUUID().toString().substring(0, 8);

        drop(
                "snapshot-" + tag + ".np",
                "#NP-SNAPSHOT v1 date=2026-11-20 source=TEST count=2\n" + "0912000777,FET\n" + "0936000888,CHT\n");
        assertThat(awaitImport("snapshot-" + tag + ".np")).isEqualTo("APPLIED");
        assertThat(Files.exists(INBOX.resolve("processed").resolve("snapshot-" + tag + ".np")))
                .isTrue();

        JsonObject first = sendAndFirstMessage(token, "0912000777");
        assertThat(first.getString("carrier")).isEqualTo("FET");
        assertThat(first.getString("routeReason")).isEqualTo("PORTED");
        JsonObject second = sendAndFirstMessage(token, "0936000888");
        assertThat(second.getString("carrier")).isEqualTo("CHT");
        assertThat(second.getString("routeReason")).isEqualTo("PORTED");

        drop(
                "delta-" + tag + ".np",
                "#NP-DELTA v1 date=2026-11-21 base=2026-11-20 source=TEST count=1\n" + "-,0912000777\n");
        assertThat(awaitImport("delta-" + tag + ".np")).isEqualTo("APPLIED");
        JsonObject back = sendAndFirstMessage(token, "0912000777");
        assertThat(back.getString("carrier")).isEqualTo("CHT");
        assertThat(back.getString("routeReason")).isEqualTo("PREFIX");

        // A delta that does not continue the version in force is refused and changes nothing.
        drop(
                "gap-" + tag + ".np",
                "#NP-DELTA v1 date=2026-11-25 base=2026-11-24 source=TEST count=1\n" + "+,0936000888,TWM\n");
        assertThat(awaitImport("gap-" + tag + ".np")).isEqualTo("REJECTED");
        assertThat(sendAndFirstMessage(token, "0936000888").getString("carrier"))
                .isEqualTo("CHT");
    }

    @Test
    void takesFilesFromTheSftpDropOfTheDataProvider() throws Exception {
        String platformKey =
                Files.readString(Path.of(System.getProperty("sms.state", "../.sms/test"), "sftp", "np_key.pub"));
        SftpServer.Account provider = SftpServer.provision("smsnp", platformKey);
        String name = "sftp-snapshot-" + UUID.randomUUID().toString().substring(0, 8) + ".np";
        SftpServer.put(
                provider,
                name,
                ("#NP-SNAPSHOT v1 date=2026-11-26 source=TEST count=1\n" + "0922000555,CHT\n")
                        .getBytes(StandardCharsets.UTF_8));

        assertThat(awaitImport(name)).isEqualTo("APPLIED");
        JsonObject routed = sendAndFirstMessage(Platform.demoToken(), "0922000555");
        assertThat(routed.getString("carrier")).isEqualTo("CHT");
        assertThat(routed.getString("routeReason")).isEqualTo("PORTED");
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (SftpServer.list(provider, "/inbox").contains(name)
                && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
        }
        assertThat(SftpServer.list(provider, "/inbox")).doesNotContain(name);
        assertThat(SftpServer.list(provider, "/processed")).contains(name);
    }

    @Test
    void rejectsAFileWithAnyBadLineWholeAndReportsEveryErrorInBothLanguages() throws Exception {
        String name = "broken-" + UUID.randomUUID().toString().substring(0, 8) + ".np";
        drop(
                name,
                "#NP-SNAPSHOT v1 date=2026-11-22 source=TEST count=3\n"
                        + "0912000111,FET\n"
                        + "0912ABC,FET\n"
                        + "0912000999,XYZ\n");
        assertThat(awaitImport(name)).isEqualTo("REJECTED");
        Path report = INBOX.resolve("rejected").resolve(name + ".errors.txt");
        assertThat(report).exists();
        String text = Files.readString(report, StandardCharsets.UTF_8);
        assertThat(text).contains("檔案未匯入").contains("File not imported");
        assertThat(text.lines().filter(l -> l.startsWith("3\t"))).hasSize(1);
        assertThat(text.lines().filter(l -> l.startsWith("4\t"))).hasSize(1);
        // Nothing of the broken file was applied: its valid line is not routed as ported.
        assertThat(sendAndFirstMessage(Platform.demoToken(), "0912000111").getString("routeReason"))
                .isEqualTo("PREFIX");
    }

    @Test
    void systemAdministratorsEditThePrefixTableAndRoutingFollowsAtOnce() throws Exception {
        String admin = People.token("admin");
        String moda = People.token("moda-admin");
        String number = "09123" + String.format("%05d", System.nanoTime() % 100_000);
        assertThat(Platform.get("/api/v1/routing/prefixes", moda).body())
                .contains("\"prefix\":\"0912\",\"carrier\":\"CHT\"");
        assertThat(Platform.get("/api/v1/routing/prefixes", People.token("demo-user"))
                        .status())
                .isEqualTo(403);
        assertThat(Platform.call("PUT", "/api/v1/routing/prefixes/09123", moda, "{\"carrier\":\"FET\"}")
                        .status())
                .as("a MODA administrator editing")
                .isEqualTo(403);
        assertThat(Platform.call("PUT", "/api/v1/routing/prefixes/0812", admin, "{\"carrier\":\"FET\"}")
                        .json()
                        .getString("code"))
                .isEqualTo("PREFIX_INVALID");
        assertThat(Platform.call("PUT", "/api/v1/routing/prefixes/09123", admin, "{\"carrier\":\"XYZ\"}")
                        .json()
                        .getString("code"))
                .isEqualTo("CARRIER_INVALID");

        Platform.Reply set = Platform.call("PUT", "/api/v1/routing/prefixes/09123", admin, "{\"carrier\":\"FET\"}");
        assertThat(set.status()).as(set.body()).isEqualTo(200);
        try {
            JsonObject routed = sendAndFirstMessage(Platform.demoToken(), number);
            assertThat(routed.getString("carrier")).isEqualTo("FET");
            assertThat(routed.getString("routeReason")).isEqualTo("PREFIX");
        } finally {
            assertThat(Platform.call("DELETE", "/api/v1/routing/prefixes/09123", admin, null)
                            .status())
                    .isEqualTo(204);
        }
        assertThat(sendAndFirstMessage(Platform.demoToken(), number).getString("carrier"))
                .as("back to the four-digit block's carrier")
                .isEqualTo("CHT");
        try (Connection c = Platform.db();
                PreparedStatement ps = c.prepareStatement(
                        "select detail from audit_event where action = 'PREFIX_SET' and target = 'prefix:09123'"
                                + " order by seq desc limit 1")) {
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("new -> FET");
            }
        }
    }

    private static void drop(String name, String content) throws Exception {
        Files.createDirectories(INBOX);
        Path part = INBOX.resolve(name + ".part");
        Files.writeString(part, content, StandardCharsets.UTF_8);
        Files.move(part, INBOX.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    private static String awaitImport(String fileName) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline)) {
            try (Connection c = Platform.db();
                    PreparedStatement ps = c.prepareStatement(
                            "select state from np_import where file_name = ? order by id desc limit 1")) {
                ps.setString(1, fileName);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        Thread.sleep(500); // the applying instance swaps its index right after the commit
                        return rs.getString(1);
                    }
                }
            }
            Thread.sleep(500);
        }
        throw new AssertionError(fileName + " was not imported within 90 s");
    }

    private static JsonObject sendAndFirstMessage(String token, String number) throws Exception {
        Platform.Reply r = Platform.postJson(
                "/api/v1/messages", token, "{\"recipients\":[\"" + number + "\"],\"text\":\"攜碼路由測試\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        long jobId = r.json().getJsonNumber("jobId").longValue();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            JsonObject m = Platform.get("/api/v1/jobs/" + jobId + "/messages", token)
                    .json()
                    .getJsonArray("items")
                    .getJsonObject(0);
            if (m.containsKey("carrier")) {
                return m;
            }
            Thread.sleep(300);
        }
        throw new AssertionError("job " + jobId + " was not routed in 30 s");
    }
}
