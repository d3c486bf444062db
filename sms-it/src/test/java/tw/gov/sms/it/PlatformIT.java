package tw.gov.sms.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The whole platform through its real path: Arquillian deploys the real EAR to a Payara domain that
 * {@code ./sms test} started and configured with glassfish-config (as {@code ./sms run} does), backed by
 * the embedded PostgreSQL, OpenMQ and the SMPP carrier simulator on real sockets. Nothing is mocked.
 */
@ExtendWith(ArquillianExtension.class)
class PlatformIT {

    @Deployment(testable = false, name = "sms")
    static EnterpriseArchive ear() {
        File ear = new File(System.getProperty("sms.ear", "../sms-ear/target/sms.ear"));
        return ShrinkWrap.create(ZipImporter.class, "sms.ear").importFrom(ear).as(EnterpriseArchive.class);
    }

    @Test
    void sendsThroughTheApiToTheCarrierUntilTheReceiptSaysDelivered() throws Exception {
        String token = Platform.demoToken();
        Platform.Reply accepted = Platform.postJson(
                "/api/v1/messages",
                token,
                "{\"recipients\":[\"0912-345-678\",\"+886 936 000 111\"],\"text\":\"您的補助申請已核准，請至 gov.tw 查詢。\"}");

        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        long jobId = accepted.json().getJsonNumber("jobId").longValue();
        assertThat(accepted.json().getInt("accepted")).isEqualTo(2);
        assertThat(accepted.raw().headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/api/v1/jobs/" + jobId));

        JsonObject job = awaitJob(token, jobId, j -> j.getString("state").equals("COMPLETED"));
        assertThat(job.getJsonObject("messagesByState").getInt("DELIVERED")).isEqualTo(2);
        assertThat(job.containsKey("handedOverAt")).isTrue();
        assertThat(job.getJsonNumber("deliveredSegments").longValue()).isEqualTo(2);

        // A completed job's tally is kept at its first read, and later reads give the same figures from it.
        JsonObject again = Platform.get("/api/v1/jobs/" + jobId, token).json();
        assertThat(again.getJsonObject("messagesByState")).isEqualTo(job.getJsonObject("messagesByState"));
        assertThat(again.getString("handedOverAt")).isEqualTo(job.getString("handedOverAt"));
        assertThat(again.getString("lastReceiptAt")).isEqualTo(job.getString("lastReceiptAt"));
        try (var db = Platform.db();
                var ps = db.prepareStatement("select e->>'carrier', e->>'state', (e->>'messages')::int"
                        + " from send_job j, jsonb_array_elements(j.tally) e where j.id = ? order by 1")) {
            ps.setLong(1, jobId);
            List<String> kept = new ArrayList<>();
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    kept.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getInt(3));
                }
            }
            assertThat(kept).containsExactly("CHT DELIVERED 1", "FET DELIVERED 1");
        }

        JsonArray messages = Platform.get("/api/v1/jobs/" + jobId + "/messages", token)
                .json()
                .getJsonArray("items");
        assertThat(messages).hasSize(2);
        JsonObject first = messages.getJsonObject(0);
        assertThat(first.getString("recipient")).isEqualTo("0912***678");
        assertThat(first.getString("carrier")).isEqualTo("CHT");
        assertThat(first.getString("routeReason")).isEqualTo("PREFIX");
        assertThat(first.getJsonArray("carrierMessageIds")).hasSize(1);
        assertThat(messages.getJsonObject(1).getString("carrier")).isEqualTo("FET");

        // What the simulated carrier reassembled is the agency-prefixed text, sent from 111.
        JsonArray received = Platform.get(Platform.SIMULATOR + "/messages?destination=886912345678", null)
                .jsonValue()
                .asJsonArray();
        assertThat(received).isNotEmpty();
        JsonObject last = received.getJsonObject(received.size() - 1);
        assertThat(last.getString("text")).isEqualTo("【數位發展部】您的補助申請已核准，請至 gov.tw 查詢。");
        assertThat(last.getString("sourceAddr")).isEqualTo("111");
    }

    @Test
    void storesNumbersAndTextsOnlyEncryptedWithAKeyedHashBeside() throws Exception {
        String token = Platform.demoToken();
        Platform.Reply accepted =
                Platform.postJson("/api/v1/messages", token, "{\"recipients\":[\"0988123456\"],\"text\":\"稅單已寄出\"}");
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        long jobId = accepted.json().getJsonNumber("jobId").longValue();
        try (Connection c = Platform.db();
                PreparedStatement ps = c.prepareStatement(
                        "select msisdn_cipher, text_cipher, msisdn_hash, key_version from message where job_id = ?")) {
            ps.setLong(1, jobId);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                String cipherAsText = new String(rs.getBytes(1), StandardCharsets.ISO_8859_1);
                assertThat(cipherAsText).doesNotContain("0988123456").doesNotContain("988123456");
                assertThat(new String(rs.getBytes(2), StandardCharsets.UTF_8)).doesNotContain("稅單");
                assertThat(rs.getBytes(3)).hasSize(32);
                assertThat(rs.getInt(4)).isEqualTo(1);
            }
        }
    }

    @Test
    void keepsMessagesInMonthlyPartitions() throws Exception {
        try (Connection c = Platform.db();
                Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery("select count(*) from pg_inherits i join pg_class p on p.oid = i.inhparent"
                                + " where p.relname = 'message'")) {
            rs.next();
            assertThat(rs.getInt(1)).isGreaterThanOrEqualTo(4);
        }
    }

    @Test
    void replaysAnIdempotentSendInsteadOfSendingTwice() {
        String token = Platform.demoToken();
        String body = "{\"recipients\":[\"0911222333\"],\"text\":\"水費帳單\"}";
        String key = "bill-" + java.util.UUID.randomUUID();
        Platform.Reply first = Platform.postJson("/api/v1/messages", token, body, "Idempotency-Key", key);
        Platform.Reply second = Platform.postJson("/api/v1/messages", token, body, "Idempotency-Key", key);
        assertThat(first.status()).isEqualTo(202);
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.json().getJsonNumber("jobId")).isEqualTo(first.json().getJsonNumber("jobId"));
        assertThat(second.json().getBoolean("replayed")).isTrue();
    }

    @Test
    void aPersonRepeatingASendWithTheSameKeyGetsTheSameJob() throws Exception {
        // A person's token has no API client: the key is matched by agency and account (a double click).
        String token = People.token("demo-user");
        String body = "{\"recipients\":[\"0911222444\"],\"text\":\"重複送出測試\"}";
        String key = "click-" + java.util.UUID.randomUUID();
        Platform.Reply first = Platform.postJson("/api/v1/messages", token, body, "Idempotency-Key", key);
        Platform.Reply second = Platform.postJson("/api/v1/messages", token, body, "Idempotency-Key", key);
        assertThat(first.status()).as(first.body()).isEqualTo(202);
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.json().getJsonNumber("jobId")).isEqualTo(first.json().getJsonNumber("jobId"));
        assertThat(second.json().getBoolean("replayed")).isTrue();
        // Another person's identical key is another job.
        Platform.Reply other =
                Platform.postJson("/api/v1/messages", People.token("demo-gadmin"), body, "Idempotency-Key", key);
        assertThat(other.status()).as(other.body()).isEqualTo(202);
        assertThat(other.json().getJsonNumber("jobId"))
                .isNotEqualTo(first.json().getJsonNumber("jobId"));
    }

    @Test
    void answersMalformedJsonWithAProblemAndStoresNothing() throws Exception {
        long before = jobCount();
        Platform.Reply r =
                Platform.postJson("/api/v1/messages", Platform.demoToken(), "{\"recipients\": [\"0912345678\"");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().getString("code")).isEqualTo("MALFORMED_JSON");
        assertThat(r.json().getString("messageZh")).contains("JSON 格式錯誤");
        assertThat(r.json().getString("messageEn")).contains("Malformed JSON");
        assertThat(jobCount()).isEqualTo(before);
    }

    @Test
    void rejectsInvalidNumbersAndEmptyTextAndStoresNothing() throws Exception {
        String token = Platform.demoToken();
        long before = jobCount();

        Platform.Reply landline =
                Platform.postJson("/api/v1/messages", token, "{\"recipients\":[\"02-2737-7111\"],\"text\":\"測試\"}");
        assertThat(landline.status()).as(landline.body()).isEqualTo(422);
        JsonObject rejection = landline.json().getJsonArray("rejections").getJsonObject(0);
        assertThat(rejection.getInt("index")).isZero();
        JsonObject problem = rejection.getJsonArray("problems").getJsonObject(0);
        assertThat(problem.getString("code")).startsWith("NUMBER_");
        assertThat(problem.getString("messageZh")).isNotBlank();
        assertThat(problem.getString("messageEn")).isNotBlank();

        Platform.Reply empty =
                Platform.postJson("/api/v1/messages", token, "{\"recipients\":[\"0912345678\"],\"text\":\"\"}");
        assertThat(empty.status()).as(empty.body()).isEqualTo(422);
        assertThat(empty.json().getJsonArray("problems").getJsonObject(0).getString("code"))
                .isEqualTo("TEXT_EMPTY");

        assertThat(jobCount()).isEqualTo(before);
    }

    @Test
    void acceptsTheValidRecipientsAndReportsTheRestAndDuplicates() {
        Platform.Reply r = Platform.postJson(
                "/api/v1/messages",
                Platform.demoToken(),
                "{\"recipients\":[\"0912345678\",\"12345\",\"+886912345678\"],\"text\":\"颱風停班停課通知\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        assertThat(r.json().getInt("accepted")).isEqualTo(1);
        assertThat(r.json().getJsonArray("rejections").getJsonObject(0).getInt("index"))
                .isEqualTo(1);
        assertThat(r.json().getJsonArray("duplicates").getString(0)).isEqualTo("+886912345678");
    }

    @Test
    void refusesMissingForgedAndExpiredTokensWithProblems() throws Exception {
        String send = "{\"recipients\":[\"0912345678\"],\"text\":\"x\"}";
        Platform.Reply missing = Platform.postJson("/api/v1/messages", null, send);
        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.json().getString("code")).isEqualTo("UNAUTHORIZED");

        String token = Platform.demoToken();
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String otherAgency = payload.replaceFirst("\"agency_id\":\\d+", "\"agency_id\":999");
        String forged = parts[0] + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(otherAgency.getBytes(StandardCharsets.UTF_8))
                + "." + parts[2];
        Platform.Reply forgedReply = Platform.postJson("/api/v1/messages", forged, send);
        assertThat(forgedReply.status()).isEqualTo(401);
        assertThat(forgedReply.json().getString("code")).isEqualTo("UNAUTHORIZED");

        long now = Instant.now().getEpochSecond();
        String expired = TestSecrets.signedToken("{\"iss\":\"https://sms.gov.tw/111\",\"sub\":\"demo-client\","
                + "\"upn\":\"demo-client\",\"groups\":[\"send\",\"view\"],\"agency_id\":1,\"client_db_id\":1,"
                + "\"iat\":" + (now - 3600) + ",\"exp\":" + (now - 600) + ",\"jti\":\"expired-1\"}");
        Platform.Reply expiredReply = Platform.postJson("/api/v1/messages", expired, send);
        assertThat(expiredReply.status()).isEqualTo(401);
        assertThat(expiredReply.json().getString("code")).isEqualTo("UNAUTHORIZED");

        Platform.Reply wrongSecret = Platform.postForm(
                "/api/v1/oauth/token",
                "grant_type",
                "client_credentials",
                "client_id",
                "demo-client",
                "client_secret",
                "nope");
        assertThat(wrongSecret.status()).isEqualTo(401);
        assertThat(wrongSecret.json().getString("code")).isEqualTo("INVALID_CLIENT");
    }

    @Test
    void hidesOtherAgenciesJobs() {
        Platform.Reply r = Platform.get("/api/v1/jobs/987654321", Platform.demoToken());
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().getString("code")).isEqualTo("JOB_NOT_FOUND");
    }

    @Test
    void reportsReadinessOfDatabaseBrokerAndEveryCarrierLink() {
        Platform.Reply r = Platform.get("/health/ready", null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).contains("\"database\"").contains("\"broker\"").contains("\"carrier-links\"");
        assertThat(r.body()).contains("CHT").contains("TWM").contains("FET");
    }

    @Test
    void servesThePortalStatusPageInTraditionalChinese() {
        Platform.Reply r = Platform.get("/portal/", null);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).contains("平台狀態").contains("中華電信").contains("lang=\"zh-Hant-TW\"");
    }

    private static JsonObject awaitJob(String token, long jobId, java.util.function.Predicate<JsonObject> done)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        JsonObject job = null;
        while (Instant.now().isBefore(deadline)) {
            Platform.Reply r = Platform.get("/api/v1/jobs/" + jobId, token);
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            job = r.json();
            if (done.test(job)) {
                return job;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("job " + jobId + " did not finish in 60 s; last seen: " + job);
    }

    private static long jobCount() throws Exception {
        try (Connection c = Platform.db();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select count(*) from send_job")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
