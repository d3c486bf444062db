package tw.gov.sms.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.File;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Carrier faults through the real path (R1.6): the simulator is told to throttle, fail, drop the
 * connection or answer receipts before responses, and each test checks that nothing is lost and every
 * message ends in the exact state the documented policy gives (docs/message-path.md).
 */
@ExtendWith(ArquillianExtension.class)
class CarrierFaultsIT {

    @Deployment(testable = false, name = "sms")
    static EnterpriseArchive ear() {
        File ear = new File(System.getProperty("sms.ear", "../sms-ear/target/sms.ear"));
        return ShrinkWrap.create(ZipImporter.class, "sms.ear").importFrom(ear).as(EnterpriseArchive.class);
    }

    @AfterEach
    void clearFaults() {
        simulator("/faults?clear=true");
    }

    @Test
    void throttlingHoldsMessagesBackAndTheyGoOnceItEnds() throws Exception {
        simulator("/faults?carrier=CHT&throttle=1.0");
        String token = Platform.demoToken();
        long job = send(token, numbers("0912", 100, 5), "限流測試");

        List<JsonObject> held = awaitMessages(token, job, all(m -> "SMPP_THROTTLED".equals(text(m, "errorCode"))));
        assertThat(held).allSatisfy(m -> assertThat(m.getString("state")).isEqualTo("QUEUED"));

        simulator("/faults?clear=true");
        List<JsonObject> done =
                awaitMessages(token, job, all(m -> m.getString("state").equals("DELIVERED")));
        assertThat(done).hasSize(5);
        for (String number : numbers("0912", 100, 5)) {
            assertThat(received(number)).as("received once: " + number).hasSize(1);
        }
    }

    @Test
    void aPermanentCarrierErrorFailsTheMessageWithTheCarriersCodeAndAReason() throws Exception {
        simulator("/faults?carrier=FET&failRate=1.0&failStatus=11");
        String token = Platform.demoToken();
        long job = send(token, numbers("0936", 200, 2), "永久錯誤測試");
        List<JsonObject> failed =
                awaitMessages(token, job, all(m -> m.getString("state").equals("FAILED")));
        assertThat(failed).allSatisfy(m -> {
            assertThat(m.getString("errorCode")).isEqualTo("SMPP_0000000B");
            assertThat(m.getString("errorDetail")).contains("ESME_RINVDSTADR");
        });
        JsonObject status = Platform.get("/api/v1/jobs/" + job, token).json();
        assertThat(status.getJsonObject("messagesByState").getInt("FAILED")).isEqualTo(2);
        assertThat(status.getJsonNumber("deliveredSegments").longValue()).isZero();
    }

    @Test
    void aReceiptThatOvertakesItsSubmitResponseStillSettlesTheMessage() throws Exception {
        simulator("/faults?carrier=TWM&receiptBeforeResponse=true");
        String token = Platform.demoToken();
        long job = send(token, numbers("0922", 300, 3), "回條先到測試");
        List<JsonObject> done =
                awaitMessages(token, job, all(m -> m.getString("state").equals("DELIVERED")));
        assertThat(done)
                .hasSize(3)
                .allSatisfy(m -> assertThat(m.getInt("deliveredSegments")).isEqualTo(1));
    }

    @Test
    void aSubmitWhoseResponseNeverCameIsSentAgainAtLeastOnce() throws Exception {
        // The test platform waits 2 s for FET's responses; the simulator takes the message but answers after 5 s.
        simulator("/faults?carrier=FET&lateResponseMs=5000");
        String token = Platform.demoToken();
        String number = numbers("0936", 600, 1).get(0);
        long job = send(token, List.of(number), "回應逾時測試");
        awaitMessages(token, job, all(m -> "SMPP_TIMEOUT".equals(text(m, "errorCode"))));
        simulator("/faults?clear=true");

        JsonObject delivered = awaitMessages(
                        token, job, all(m -> m.getString("state").equals("DELIVERED")))
                .get(0);
        // Documented policy: at-least-once. The first copy reached the carrier, so the handset got two;
        // the message shows both attempts, and only the recorded copy's carrier id.
        assertThat(received(number)).hasSize(2);
        assertThat(delivered.getInt("attempts")).isEqualTo(2);
        assertThat(delivered.getJsonArray("carrierMessageIds")).hasSize(1);
    }

    @Test
    void aDroppedConnectionLosesNothing() throws Exception {
        simulator("/faults?carrier=CHT&dropAfterSubmits=3");
        String token = Platform.demoToken();
        List<String> numbers = numbers("0910", 400, 10);
        long job = send(token, numbers, "斷線測試");
        List<JsonObject> done =
                awaitMessages(token, job, all(m -> m.getString("state").equals("DELIVERED")));
        assertThat(done).hasSize(10);
        for (String number : numbers) {
            // At least once; a second copy only where a submit_sm lost its response (in-flight policy).
            assertThat(received(number)).as(number).isNotEmpty();
        }
    }

    @Test
    void aMessageWithoutAReceiptByTheEndOfItsValidityExpires() throws Exception {
        simulator("/faults?carrier=CHT&withholdReceipts=true");
        String token = Platform.demoToken();
        Platform.Reply r = Platform.postJson(
                "/api/v1/messages", token, "{\"recipients\":[\"0912000500\"],\"text\":\"逾時測試\",\"validityMinutes\":1}");
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        long job = r.json().getJsonNumber("jobId").longValue();
        List<JsonObject> expired =
                awaitMessages(token, job, all(m -> m.getString("state").equals("EXPIRED")), Duration.ofSeconds(120));
        assertThat(expired.get(0).getString("errorCode")).isEqualTo("VALIDITY_ENDED");
        assertThat(Platform.get("/api/v1/jobs/" + job, token).json().getString("state"))
                .isEqualTo("COMPLETED");
    }

    /** Numbers of this run only: the simulator keeps what earlier runs sent to it. */
    private static final int RUN = new java.util.Random().nextInt(900) * 1000;

    private static List<String> numbers(String prefix, int from, int count) {
        return IntStream.range(from, from + count)
                .mapToObj(i -> prefix + String.format("%06d", RUN + i))
                .toList();
    }

    private static long send(String token, List<String> numbers, String text) {
        String recipients = numbers.stream().map(n -> "\"" + n + "\"").collect(Collectors.joining(","));
        Platform.Reply r = Platform.postJson(
                "/api/v1/messages", token, "{\"recipients\":[" + recipients + "],\"text\":\"" + text + "\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        return r.json().getJsonNumber("jobId").longValue();
    }

    private static Predicate<List<JsonObject>> all(Predicate<JsonObject> each) {
        return list -> !list.isEmpty() && list.stream().allMatch(each);
    }

    private static List<JsonObject> awaitMessages(String token, long job, Predicate<List<JsonObject>> done)
            throws InterruptedException {
        return awaitMessages(token, job, done, Duration.ofSeconds(90));
    }

    private static List<JsonObject> awaitMessages(
            String token, long job, Predicate<List<JsonObject>> done, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        List<JsonObject> items = List.of();
        while (Instant.now().isBefore(deadline)) {
            items =
                    Platform.get("/api/v1/jobs/" + job + "/messages?limit=1000", token)
                            .json()
                            .getJsonArray("items")
                            .stream()
                            .map(JsonValue::asJsonObject)
                            .toList();
            if (done.test(items)) {
                return items;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("job " + job + " did not reach the expected states in " + timeout + ": " + items);
    }

    private static JsonArray received(String nationalNumber) {
        return Platform.get(Platform.SIMULATOR + "/messages?destination=886" + nationalNumber.substring(1), null)
                .jsonValue()
                .asJsonArray();
    }

    private static String text(JsonObject o, String key) {
        return o.containsKey(key) ? o.getString(key) : null;
    }

    private static void simulator(String path) {
        Platform.Reply r = Platform.postForm(Platform.SIMULATOR + path);
        assertThat(r.status()).as(path + ": " + r.body()).isEqualTo(200);
    }
}
