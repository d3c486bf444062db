package tw.gov.sms.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;

/** The running test platform as seen from outside: its HTTP API, its database, its carrier simulator. */
final class Platform {

    static final String BASE = "http://127.0.0.1:" + System.getProperty("sms.http.port", "18080");
    static final String SIMULATOR = System.getProperty("sms.simulator.admin", "http://127.0.0.1:12780");
    static final String DB_URL = System.getProperty("sms.db.url", "jdbc:postgresql://127.0.0.1:15433/sms");

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Platform() {}

    record Reply(int status, String contentType, String body, HttpResponse<String> raw) {
        JsonObject json() {
            return Json.createReader(new StringReader(body)).readObject();
        }

        JsonStructure jsonValue() {
            return Json.createReader(new StringReader(body)).read();
        }
    }

    static Reply get(String path, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path))).GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return send(b.build());
    }

    static Reply postJson(String path, String token, String json, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return send(b.build());
    }

    static Reply postForm(String path, String... pairs) {
        StringBuilder form = new StringBuilder();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            if (form.length() > 0) {
                form.append('&');
            }
            form.append(URLEncoder.encode(pairs[i], StandardCharsets.UTF_8))
                    .append('=')
                    .append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
        }
        return send(HttpRequest.newBuilder(URI.create(url(path)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.toString()))
                .build());
    }

    static String demoToken() {
        Reply r = postForm(
                "/api/v1/oauth/token",
                "grant_type",
                "client_credentials",
                "client_id",
                "demo-client",
                "client_secret",
                "demo-secret");
        if (r.status() != 200) {
            throw new AssertionError("token endpoint answered " + r.status() + ": " + r.body());
        }
        return r.json().getString("access_token");
    }

    static Connection db() throws SQLException {
        return DriverManager.getConnection(DB_URL, "sms", "sms");
    }

    private static String url(String path) {
        return path.startsWith("http") ? path : BASE + path;
    }

    private static Reply send(HttpRequest request) {
        try {
            HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Reply(
                    r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body(), r);
        } catch (Exception e) {
            throw new AssertionError("request to " + request.uri() + " failed: " + e, e);
        }
    }
}
