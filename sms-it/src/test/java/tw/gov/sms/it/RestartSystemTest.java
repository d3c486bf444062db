package tw.gov.sms.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Recovery (DESIGN.md step 6): the application server is restarted in the middle of a job, with messages
 * queued, in flight and waiting for receipts. Nothing is lost: after the restart the job finishes with
 * every message delivered. Run by {@code ./sms test} against the platform deployed as {@code ./sms run}
 * deploys it.
 */
class RestartSystemTest {

    private static final Path ROOT = Path.of(System.getProperty("sms.root", ".."));

    @Test
    void restartingTheServerMidJobLosesNothingAndTheJobFinishes() throws Exception {
        Platform.postForm(Platform.SIMULATOR + "/faults?receiptDelayMs=3000");
        try {
            String token = Platform.demoToken();
            String[] prefixes = {"0912", "0922", "0936"};
            String recipients = IntStream.range(0, 600)
                    .mapToObj(i -> "\"" + prefixes[i % 3] + String.format("%06d", 700_000 + i) + "\"")
                    .collect(Collectors.joining(","));
            Platform.Reply r = Platform.postJson(
                    "/api/v1/messages", token, "{\"recipients\":[" + recipients + "],\"text\":\"重新啟動測試\"}");
            assertThat(r.status()).as(r.body()).isEqualTo(202);
            long job = r.json().getJsonNumber("jobId").longValue();

            Platform.restartServer();

            Instant deadline = Instant.now().plus(Duration.ofMinutes(4));
            JsonObject status = null;
            while (Instant.now().isBefore(deadline)) {
                Platform.Reply reply = Platform.get("/api/v1/jobs/" + job, Platform.demoToken());
                if (reply.status() == 200) {
                    status = reply.json();
                    if (status.getString("state").equals("COMPLETED")) {
                        break;
                    }
                }
                Thread.sleep(2000);
            }
            assertThat(status).isNotNull();
            assertThat(status.getString("state")).as(status.toString()).isEqualTo("COMPLETED");
            assertThat(status.getJsonObject("messagesByState").getInt("DELIVERED"))
                    .isEqualTo(600);
        } finally {
            Platform.postForm(Platform.SIMULATOR + "/faults?clear=true");
        }
    }
}
