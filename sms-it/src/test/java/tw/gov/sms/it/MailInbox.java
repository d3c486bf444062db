package tw.gov.sms.it;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;

/**
 * The test platform's mail catcher (dev-services, started by {@code ./sms test} on SMTP 12525): every mail the
 * platform sent, read back through the catcher's JSON API. Typical use:
 *
 * <pre>
 * MailInbox.clear();
 * … make the platform mail reviewer@moda.gov.tw …
 * MailInbox.Mail mail = MailInbox.awaitOne("reviewer@moda.gov.tw", m -> m.subject().contains("驗證碼"), Duration.ofSeconds(20));
 * </pre>
 */
final class MailInbox {

    static final String BASE = stripSlash(System.getProperty("sms.mail.inbox", "http://127.0.0.1:18025"));

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private MailInbox() {}

    /** One caught mail; {@code to} are the envelope recipients (Bcc included), {@code text} the decoded text part. */
    record Mail(long id, String from, List<String> to, String subject, String text) {}

    /** Every mail to {@code address} (case-insensitive), newest first. */
    static List<Mail> to(String address) {
        HttpResponse<String> r = send(HttpRequest.newBuilder(
                        URI.create(BASE + "/api/messages?to=" + URLEncoder.encode(address, StandardCharsets.UTF_8)))
                .GET()
                .build());
        if (r.statusCode() != 200) {
            throw new AssertionError("the mail catcher answered " + r.statusCode() + ": " + r.body());
        }
        JsonArray mails = Json.createReader(new StringReader(r.body())).readArray();
        return mails.getValuesAs(JsonObject.class).stream().map(MailInbox::mail).toList();
    }

    /**
     * Polls until exactly one mail to {@code address} matches, and returns it; fails at once if two match (the
     * platform mailed twice) and at the deadline if none did, listing what did arrive for that address.
     */
    static Mail awaitOne(String address, Predicate<Mail> matching, Duration within) throws InterruptedException {
        Instant deadline = Instant.now().plus(within);
        List<Mail> seen;
        do {
            seen = to(address);
            List<Mail> found = seen.stream().filter(matching).toList();
            if (found.size() == 1) {
                return found.get(0);
            }
            if (found.size() > 1) {
                throw new AssertionError(found.size() + " matching mails to " + address + ", expected one: " + found);
            }
            Thread.sleep(200);
        } while (Instant.now().isBefore(deadline));
        throw new AssertionError("no matching mail to " + address + " within " + within + "; mails to it: " + seen);
    }

    /** Empties the inbox (every address), so a test sees only what it caused. */
    static void clear() {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(BASE + "/api/messages"))
                .DELETE()
                .build());
        if (r.statusCode() != 204) {
            throw new AssertionError("the mail catcher answered " + r.statusCode() + " to DELETE: " + r.body());
        }
    }

    private static Mail mail(JsonObject o) {
        return new Mail(
                o.getJsonNumber("id").longValue(),
                o.getString("from"),
                o.getJsonArray("to").getValuesAs(JsonString.class).stream()
                        .map(JsonString::getString)
                        .toList(),
                o.getString("subject"),
                o.getString("text"));
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while asking the mail catcher at " + request.uri(), e);
        } catch (Exception e) {
            throw new AssertionError(
                    "the mail catcher at " + BASE + " did not answer (is the test platform up? ./sms test starts it): "
                            + e,
                    e);
        }
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
