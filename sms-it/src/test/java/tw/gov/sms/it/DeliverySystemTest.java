package tw.gov.sms.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * System test: the platform as {@code ./sms run} starts and deploys it (embedded PostgreSQL, carrier
 * simulator, Payara domain configured by glassfish-config, EAR deployed with asadmin), driven only
 * from outside: token, send, follow the job until the simulator's receipts settle it.
 * Run by {@code ./sms test} after the Arquillian tests, with {@code -Dit.test=*SystemTest}.
 */
class DeliverySystemTest {

    @Test
    void aSendThroughTheApiReachesEveryCarrierAndComesBackDelivered() throws Exception {
        assertThat(Platform.get("/health/ready", null).status()).isEqualTo(200);
        String token = Platform.demoToken();
        Platform.Reply accepted = Platform.postJson(
                "/api/v1/messages",
                token,
                "{\"recipients\":[\"0910 000 001\",\"0920-000-002\",\"+886930000003\"],"
                        + "\"text\":\"系統測試：今日下午停水，請預先儲水。\"}");
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        long jobId = accepted.json().getJsonNumber("jobId").longValue();

        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        JsonObject job;
        do {
            Thread.sleep(500);
            job = Platform.get("/api/v1/jobs/" + jobId, token).json();
        } while (!job.getString("state").equals("COMPLETED") && Instant.now().isBefore(deadline));

        assertThat(job.getString("state")).as(job.toString()).isEqualTo("COMPLETED");
        assertThat(job.getJsonObject("messagesByState").getInt("DELIVERED")).isEqualTo(3);
        JsonArray messages = Platform.get("/api/v1/jobs/" + jobId + "/messages", token)
                .json()
                .getJsonArray("items");
        assertThat(messages.stream().map(m -> m.asJsonObject().getString("carrier")))
                .containsExactly("CHT", "TWM", "FET");
        JsonArray atTwm = Platform.get(Platform.SIMULATOR + "/messages?destination=886920000002", null)
                .jsonValue()
                .asJsonArray();
        assertThat(atTwm.getJsonObject(atTwm.size() - 1).getString("text")).isEqualTo("【數位發展部】系統測試：今日下午停水，請預先儲水。");
        assertThat(Platform.get("/portal/", null).body()).contains("平台狀態");
    }
}
