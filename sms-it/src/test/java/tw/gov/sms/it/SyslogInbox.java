package tw.gov.sms.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The test platform's stand-in log collector (dev-services {@code SyslogCollector}, started by {@code ./sms test} on
 * TCP 12514, HTTP 18026): every audit event the platform forwarded, as parsed RFC 5424 messages, and the switch that
 * plays a collector outage.
 */
final class SyslogInbox {

    static final String BASE = stripSlash(System.getProperty("sms.syslog.inbox", "http://127.0.0.1:18026"));

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private SyslogInbox() {}

    /** Every message kept, oldest first: {@code {id, pri, timestamp, hostname, appName, msgId, sdId, params, msg}}. */
    static List<JsonObject> all() {
        HttpResponse<String> r =
                send(HttpRequest.newBuilder(URI.create(BASE + "/syslog")).GET().build());
        if (r.statusCode() != 200) {
            throw new AssertionError("the syslog collector answered " + r.statusCode() + ": " + r.body());
        }
        return Json.createReader(new StringReader(r.body())).readArray().getValuesAs(JsonObject.class);
    }

    /** The audit sequence numbers received, in arrival order. */
    static List<Long> seqs() {
        return all().stream()
                .filter(m -> m.getJsonObject("params").containsKey("seq"))
                .map(m -> Long.parseLong(m.getJsonObject("params").getString("seq")))
                .toList();
    }

    /** Polls until the message of audit event {@code seq} arrived, and returns it. */
    static JsonObject awaitSeq(long seq, Duration within) throws InterruptedException {
        Instant deadline = Instant.now().plus(within);
        do {
            Optional<JsonObject> found = all().stream()
                    .filter(m ->
                            String.valueOf(seq).equals(m.getJsonObject("params").getString("seq", null)))
                    .findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            Thread.sleep(200);
        } while (Instant.now().isBefore(deadline));
        throw new AssertionError(
                "audit event " + seq + " did not reach the syslog collector within " + within + "; received up to "
                        + seqs().stream().mapToLong(Long::longValue).max().orElse(0));
    }

    /** Stops listening and drops the platform's connection for {@code seconds} (or until {@link #accept()}). */
    static void refuse(int seconds) {
        admin("/admin/refuse?seconds=" + seconds);
    }

    static void accept() {
        admin("/admin/accept");
    }

    private static void admin(String path) {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(BASE + path))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build());
        if (r.statusCode() != 200) {
            throw new AssertionError(
                    "the syslog collector answered " + r.statusCode() + " to " + path + ": " + r.body());
        }
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while asking the syslog collector at " + request.uri(), e);
        } catch (Exception e) {
            throw new AssertionError(
                    "the syslog collector at " + BASE + " did not answer (is the test platform up? ./sms test starts"
                            + " it): " + e,
                    e);
        }
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
