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

    /** A {@code multipart/form-data} POST: text fields first, then the file part. */
    static Reply postMultipart(
            String path, String token, java.util.Map<String, String> fields, String fileName, byte[] content) {
        String boundary = "----sms" + java.util.UUID.randomUUID();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        java.util.function.Consumer<String> w = t -> body.writeBytes(t.getBytes(StandardCharsets.UTF_8));
        fields.forEach((name, value) -> {
            w.accept("--" + boundary + "\r\n");
            w.accept("Content-Disposition: form-data; name=\"" + name + "\"\r\n");
            w.accept("Content-Type: text/plain; charset=UTF-8\r\n\r\n");
            w.accept(value + "\r\n");
        });
        if (fileName != null) {
            w.accept("--" + boundary + "\r\n");
            w.accept("Content-Disposition: form-data; name=\"file\"; filename=\"" + fileName + "\"\r\n");
            w.accept("Content-Type: application/octet-stream\r\n\r\n");
            body.writeBytes(content);
            w.accept("\r\n");
        }
        w.accept("--" + boundary + "--\r\n");
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path)))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return send(b.build());
    }

    /** A GET whose body is bytes (downloads). */
    static HttpResponse<byte[]> download(String path, String token) {
        try {
            return HTTP.send(
                    HttpRequest.newBuilder(URI.create(url(path)))
                            .header("Authorization", "Bearer " + token)
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (Exception e) {
            throw new AssertionError("download of " + path + " failed: " + e, e);
        }
    }

    /** Polls an upload until its validation has decided (or the deadline passes). */
    static JsonObject awaitUpload(String token, long uploadId, Duration within) throws InterruptedException {
        java.time.Instant deadline = java.time.Instant.now().plus(within);
        JsonObject upload = null;
        while (java.time.Instant.now().isBefore(deadline)) {
            Reply r = get("/api/v1/files/" + uploadId, token);
            if (r.status() == 200) {
                upload = r.json();
                String state = upload.getString("state");
                if (!state.equals("RECEIVED") && !state.equals("VALIDATING")) {
                    return upload;
                }
            }
            Thread.sleep(300);
        }
        throw new AssertionError("upload " + uploadId + " not validated within " + within + ": " + upload);
    }

    /** Polls a job until it is COMPLETED (or the deadline passes). */
    static JsonObject awaitJob(String token, long jobId, String state, Duration within) throws InterruptedException {
        java.time.Instant deadline = java.time.Instant.now().plus(within);
        JsonObject job = null;
        while (java.time.Instant.now().isBefore(deadline)) {
            Reply r = get("/api/v1/jobs/" + jobId, token);
            if (r.status() == 200) {
                job = r.json();
                if (job.getString("state").equals(state)) {
                    return job;
                }
            }
            Thread.sleep(500);
        }
        throw new AssertionError("job " + jobId + " not " + state + " within " + within + ": " + job);
    }

    /** Restarts the test domain with asadmin (the server stops mid-work) and waits until it is ready again. */
    static void restartServer() throws Exception {
        java.nio.file.Path root = java.nio.file.Path.of(System.getProperty("sms.root", ".."));
        ProcessBuilder pb = new ProcessBuilder(
                        root.resolve(".sms/payara6/bin/asadmin").toString(),
                        "restart-domain",
                        "--domaindir",
                        root.resolve(".sms/test").toString(),
                        "sms-test")
                .inheritIO();
        pb.environment().put("AS_EXTRA_JAVA_OPTS", "-Duser.home=" + root.resolve(".sms"));
        if (pb.start().waitFor() != 0) {
            throw new AssertionError("asadmin restart-domain failed");
        }
        java.time.Instant deadline = java.time.Instant.now().plus(Duration.ofMinutes(3));
        while (java.time.Instant.now().isBefore(deadline)) {
            try {
                if (get("/health/ready", null).status() == 200) {
                    return;
                }
            } catch (AssertionError notYet) {
                // connection refused while the server starts
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("the server was not ready again within 3 minutes");
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
        // Right after a restart the server answers before the application is loaded: retry a while.
        for (int i = 0; i < 60 && r.status() == 404; i++) {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            r = postForm(
                    "/api/v1/oauth/token",
                    "grant_type",
                    "client_credentials",
                    "client_id",
                    "demo-client",
                    "client_secret",
                    "demo-secret");
        }
        if (r.status() != 200) {
            throw new AssertionError("token endpoint answered " + r.status() + ": " + r.body());
        }
        return r.json().getString("access_token");
    }

    /** Any method, an optional JSON body, and extra headers as name/value pairs (e.g. X-Forwarded-For). */
    static Reply call(String method, String path, String token, String json, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path)))
                .method(
                        method,
                        json == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return send(b.build());
    }

    static Connection db() throws SQLException {
        return DriverManager.getConnection(DB_URL, "sms", "sms");
    }

    /** What the agency may still reserve under the dev contract (0 when it has no balance yet). */
    static long quotaOf(long agencyId) throws SQLException {
        try (Connection c = db();
                var ps = c.prepareStatement("select coalesce(sum(b.ordered - b.lapsed - b.reserved - b.charged), 0)"
                        + " from quota_balance b join contract k on k.id = b.contract_id"
                        + " where k.code = 'DEV-CONTRACT' and b.agency_id = ? and b.account_id = 0")) {
            ps.setLong(1, agencyId);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * Orders {@code segments} for an agency the test created, under the dev profile's contract, through the
     * ledger's own code (an order entered as MODA would, without the MODA login). Returns the order id.
     */
    static long fund(long agencyId, long segments) throws SQLException {
        try (Connection c = db()) {
            c.setAutoCommit(false);
            long contract;
            long order;
            try (var ps = c.prepareStatement("select id from contract where code = 'DEV-CONTRACT'");
                    var rs = ps.executeQuery()) {
                rs.next();
                contract = rs.getLong(1);
            }
            try (var ps = c.prepareStatement("insert into quota_order (contract_id, agency_id, order_no, ordered_on,"
                    + " segments, amount) values (?, ?, ?, current_date, ?, 0) returning id")) {
                ps.setLong(1, contract);
                ps.setLong(2, agencyId);
                ps.setString(3, "TEST-" + agencyId + "-" + System.nanoTime());
                ps.setLong(4, segments);
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    order = rs.getLong(1);
                }
            }
            new tw.gov.sms.quota.infrastructure.jdbc.QuotaLedger()
                    .order(c, contract, agencyId, order, segments, "test");
            c.commit();
            return order;
        }
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
