package tw.gov.sms.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.io.File;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tw.gov.sms.sending.domain.content.ContentGoldenTest;
import tw.gov.sms.shared.domain.Severity;

/**
 * Issue 3's promise, end to end: for every golden case the preview, the (decrypted) database record and
 * the text the carrier simulator reassembles from the SMPP segments agree exactly. Each case goes to one
 * number of each carrier; the test platform runs CHT with UDH (8-bit reference), TWM with SAR TLVs and
 * FET with one message_payload, so every concatenation mode is crossed.
 */
@ExtendWith(ArquillianExtension.class)
class ContentEndToEndIT {

    private static final String[] CARRIER_PREFIXES = {"0912", "0922", "0936"};
    private static final Map<String, String> MODES = Map.of("0912", "UDH8", "0922", "SAR", "0936", "PAYLOAD");

    @Deployment(testable = false, name = "sms")
    static EnterpriseArchive ear() {
        File ear = new File(System.getProperty("sms.ear", "../sms-ear/target/sms.ear"));
        return ShrinkWrap.create(ZipImporter.class, "sms.ear").importFrom(ear).as(EnterpriseArchive.class);
    }

    record GoldenCase(String name, String text, Map<String, String> values, int expectedSegments) {}

    /**
     * Every golden case of sms-content's table that the deployed policy can send (default prefix
     * template, the demo agency's name 數位發展部, no error expected), plus a few written here. Cases
     * under other prefix templates or with expected errors are proven at unit level: one deployment
     * has one policy, and errors are never sent.
     */
    static List<GoldenCase> cases() {
        List<GoldenCase> cases = new ArrayList<>(ContentGoldenTest.cases()
                .filter(g -> g.policy().equals(ContentGoldenTest.DEFAULT))
                .filter(g -> g.agency().equals("數位發展部"))
                .filter(g -> g.codes().stream().allMatch(c -> c.defaultSeverity() == Severity.WARNING))
                .map(g -> new GoldenCase(g.name(), g.text(), g.values(), g.count()))
                .toList());
        String sentence = "本月水費帳單已寄出，請於期限內繳納。"; // 18 characters
        cases.add(new GoldenCase(
                "exactly 333 with prefix: five segments", sentence.repeat(19).substring(0, 326), Map.of(), 5));
        cases.add(new GoldenCase(
                "placeholders filled per recipient",
                "{name} 您好，您的案件 {case} 已結案。",
                Map.of("name", "王小明", "case", "A-1024"),
                1));
        cases.add(new GoldenCase(
                "GSM extension characters in UCS-2", "Ticket [A1] {{OK}} ~ 已受理 €5 ^_^ \\ |", Map.of(), 1));
        return cases;
    }

    @Test
    void previewDatabaseAndCarrierAgreeForEveryGoldenCase() throws Exception {
        String token = Platform.demoToken();
        List<GoldenCase> cases = cases();
        List<Long> jobs = new ArrayList<>();
        List<List<String>> expected = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            GoldenCase c = cases.get(i);
            JsonArrayBuilder recipients = Json.createArrayBuilder();
            for (String prefix : CARRIER_PREFIXES) {
                JsonObject values = Json.createObjectBuilder((Map) c.values()).build();
                recipients.add(Json.createObjectBuilder()
                        .add("number", number(prefix, i))
                        .add("values", values));
            }
            String body = Json.createObjectBuilder()
                    .add("recipients", recipients)
                    .add("text", c.text())
                    .build()
                    .toString();

            Platform.Reply preview = Platform.postJson("/api/v1/messages/preview", token, body);
            assertThat(preview.status()).as(c.name() + ": " + preview.body()).isEqualTo(200);
            JsonArray items = preview.json().getJsonArray("items");
            List<String> texts = new ArrayList<>();
            for (int k = 0; k < items.size(); k++) {
                JsonObject item = items.getJsonObject(k);
                assertThat(item.getBoolean("sendable"))
                        .as(c.name() + ": " + item)
                        .isTrue();
                assertThat(item.getInt("segmentCount")).as(c.name()).isEqualTo(c.expectedSegments());
                assertThat(item.getString("fullText")).startsWith("【數位發展部】");
                texts.add(item.getString("fullText"));
            }
            expected.add(texts);

            Platform.Reply sent = Platform.postJson("/api/v1/messages", token, body);
            assertThat(sent.status()).as(c.name() + ": " + sent.body()).isEqualTo(202);
            assertThat(sent.json().getInt("segments")).isEqualTo(3 * c.expectedSegments());
            jobs.add(sent.json().getJsonNumber("jobId").longValue());
        }

        for (int i = 0; i < cases.size(); i++) {
            GoldenCase c = cases.get(i);
            JsonObject job = awaitCompleted(token, jobs.get(i));
            assertThat(job.getJsonObject("messagesByState").getInt("DELIVERED", 0))
                    .as(c.name() + ": " + job)
                    .isEqualTo(3);
            assertThat(job.getJsonNumber("deliveredSegments").longValue()).isEqualTo(3L * c.expectedSegments());
            for (int k = 0; k < CARRIER_PREFIXES.length; k++) {
                String prefix = CARRIER_PREFIXES[k];
                String want = expected.get(i).get(k);
                JsonArray received = Platform.get(
                                Platform.SIMULATOR + "/messages?destination=886"
                                        + number(prefix, i).substring(1),
                                null)
                        .jsonValue()
                        .asJsonArray();
                assertThat(received).as(c.name() + " at " + prefix).isNotEmpty();
                JsonObject last = received.getJsonObject(received.size() - 1);
                assertThat(last.getString("text"))
                        .as(c.name() + " reassembled by the carrier")
                        .isEqualTo(want);
                if (c.expectedSegments() > 1) {
                    assertThat(last.getString("concatMode")).isEqualTo(MODES.get(prefix));
                }
                assertThat(storedText(jobs.get(i), k)).as(c.name() + " stored").isEqualTo(want);
            }
        }
    }

    @Test
    void previewReportsEveryProblemWithCodePositionAndBothLanguages() {
        Platform.Reply r = Platform.postJson(
                "/api/v1/messages/preview",
                Platform.demoToken(),
                "{\"recipients\":[{\"number\":\"0912345678\"}],\"text\":\"嗨 {name}\\u0007 請看 http://evil.example.com \\uE000\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonObject item = r.json().getJsonArray("items").getJsonObject(0);
        assertThat(item.getBoolean("sendable")).isFalse();
        List<String> codes = item.getJsonArray("problems").stream()
                .map(p -> p.asJsonObject().getString("code"))
                .toList();
        assertThat(codes)
                .contains("PLACEHOLDER_MISSING_VALUE", "TEXT_CONTROL_CHAR", "TEXT_PRIVATE_USE", "TEXT_LINK_NOT_GOV_TW");
        JsonObject control = item.getJsonArray("problems").stream()
                .map(p -> p.asJsonObject())
                .filter(p -> p.getString("code").equals("TEXT_CONTROL_CHAR"))
                .findFirst()
                .orElseThrow();
        assertThat(control.containsKey("position")).isTrue();
        assertThat(control.getString("messageZh")).contains("控制字元");
        assertThat(control.getString("messageEn")).contains("control character");
    }

    private static String number(String prefix, int caseIndex) {
        return prefix + String.format("0001%02d", caseIndex); // at most 100 cases
    }

    private static String storedText(long jobId, int seq) throws Exception {
        try (Connection c = Platform.db();
                PreparedStatement ps =
                        c.prepareStatement("select text_cipher from message where job_id = ? and seq = ?")) {
            ps.setLong(1, jobId);
            ps.setInt(2, seq);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return TestSecrets.decrypt(rs.getBytes(1), "MESSAGE_TEXT");
            }
        }
    }

    private static JsonObject awaitCompleted(String token, long jobId) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        JsonObject job = null;
        while (Instant.now().isBefore(deadline)) {
            job = Platform.get("/api/v1/jobs/" + jobId, token).json();
            if (job.getString("state").equals("COMPLETED")) {
                return job;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("job " + jobId + " not completed in 90 s: " + job);
    }
}
