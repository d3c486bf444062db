package tw.gov.sms.bench;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import tw.gov.sms.bench.DeliveryBenchmark.CpuMeter;
import tw.gov.sms.bench.DeliveryBenchmark.Machine;
import tw.gov.sms.bench.DeliveryBenchmark.ProcessInfo;
import tw.gov.sms.bench.DeliveryBenchmark.SetupException;

/**
 * {@code ./sms bench file}: the recipient-file benchmark of issue 5. Writes a recipients file of N rows (default
 * 1,000,000) as CSV (UTF-8 or Big5) or xlsx, uploads it to {@code POST /api/v1/files} of a running platform
 * ({@code ./sms run}) as a stream, follows {@code GET /api/v1/files/{id}} every 500 ms until the validation has
 * decided, and cancels the upload at the end so nothing is sent.
 *
 * <p>Prints: file size, upload time (request until {@code 202}), validation time (the upload's {@code receivedAt}
 * to {@code validatedAt}, the platform's own clock), rows per second, the Payara heap before and at its peak (the
 * issue asks for a heap that stays flat whatever the file size), and the CPU seconds of Payara and PostgreSQL during
 * the upload and during the validation. Ends with a {@code RESULT key=value …} line.
 *
 * <p>Exit status: 0 when the upload was validated, 1 when it was rejected (its first problems are printed), refused
 * or not decided in time, 2 when the run could not start.
 */
public final class FileBenchmark {

    private static final List<String> DECIDED = List.of("VALIDATED", "REJECTED", "CONFIRMED", "CANCELLED");
    private static final int PROBLEMS_SHOWN = 10;

    private final Options o;
    // HTTP/1.1: a streamed request body, no h2c upgrade dance.
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private String token;

    private FileBenchmark(Options o) {
        this.o = o;
    }

    public static void main(String[] args) throws Exception {
        // POI logs through log4j-api; without this it complains on stderr that there is no logging provider.
        if (System.getProperty("log4j2.provider") == null) {
            System.setProperty("log4j2.provider", "org.apache.logging.log4j.simple.internal.SimpleProvider");
        }
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bench-file: " + e.getMessage());
            System.err.println(Options.USAGE);
            System.exit(2);
            return;
        }
        if (o.help) {
            System.out.println(Options.USAGE);
            return;
        }
        int status;
        try {
            status = new FileBenchmark(o).run();
        } catch (SetupException e) {
            System.err.println("bench-file: cannot run: " + e.getMessage());
            status = 2;
        }
        System.exit(status);
    }

    private int run() throws Exception {
        line(
                "Recipient-file benchmark: %,d rows, %s%s, against %s",
                o.rows,
                o.format.extension,
                o.format == RecipientFile.Format.CSV ? " " + o.encoding.charset.name() : "",
                o.baseUrl);
        Machine machine = Machine.describe();
        line("machine: %s", machine);

        HttpResponse<String> ready = get(o.baseUrl + "/health/ready");
        if (ready.statusCode() != 200) {
            throw new SetupException("platform not ready (" + o.baseUrl + "/health/ready answered " + ready.statusCode()
                    + "): start it with ./sms run");
        }
        long payaraPid = o.payaraPid > 0
                ? o.payaraPid
                : ProcessInfo.listeningPid(o.adminPort)
                        .orElseThrow(() -> new SetupException(
                                "no process listens on the Payara admin port " + o.adminPort + " (use --payara-pid)"));
        line(
                "Payara pid %d (%s), PostgreSQL pid %s",
                payaraPid,
                ProcessInfo.xmx(payaraPid).map(x -> "-Xmx" + x).orElse("-Xmx ?"),
                ProcessInfo.listeningPid(o.pgPort).map(String::valueOf).orElse("?"));

        Path file =
                o.out != null ? o.out : Files.createTempFile("bench-file-" + o.rows + "-", "." + o.format.extension);
        try {
            return measure(machine, payaraPid, file);
        } finally {
            if (o.out == null) {
                Files.deleteIfExists(file);
            }
        }
    }

    private int measure(Machine machine, long payaraPid, Path file) throws Exception {
        // 1. The file, before anything is measured on the platform.
        long w0 = System.nanoTime();
        RecipientFile.write(file, o.format, o.encoding, o.rows, o.numberOffset);
        double writeSeconds = (System.nanoTime() - w0) / 1e9;
        long size = Files.size(file);
        line("wrote %s: %,d bytes (%.1f MB) in %.1f s", file, size, size / 1048576.0, writeSeconds);

        token = DeliveryBenchmark.token(http, o.baseUrl, o.clientId, o.clientSecret);
        HeapSampler heap = HeapSampler.start(payaraPid);
        heap.awaitFirstSample(5000);

        // 2. Upload: the file is streamed from disk inside a hand-built multipart body.
        CpuMeter uploadCpu = new CpuMeter(payaraPid, o.pgPort, -1);
        long u0 = System.nanoTime();
        HttpResponse<String> answer = upload(file);
        double uploadSeconds = (System.nanoTime() - u0) / 1e9;
        CpuMeter.Result uploadCpuResult = uploadCpu.stop();
        if (answer.statusCode() != 202) {
            heap.stop();
            line("the upload answered %d: %s", answer.statusCode(), DeliveryBenchmark.abbreviate(answer.body(), 2000));
            return 1;
        }
        long id = DeliveryBenchmark.json(answer.body()).getJsonNumber("id").longValue();
        line(
                "202 after %.2f s (%.1f MB/s): upload %d; following it every %d ms ...",
                uploadSeconds, size / 1048576.0 / uploadSeconds, id, o.pollMillis);

        // 3. Validation, followed until decided.
        CpuMeter validateCpu = new CpuMeter(payaraPid, o.pgPort, -1);
        long v0 = System.nanoTime();
        JsonObject status = follow(id);
        double observedSeconds = (System.nanoTime() - v0) / 1e9;
        CpuMeter.Result validateCpuResult = validateCpu.stop();
        HeapSampler.Result heapResult = heap.stop();

        String state = status.getString("state", "?");
        long rowsRead = status.getJsonNumber("rowsRead").longValue();
        double validateSeconds = seconds(status.getString("receivedAt", null), status.getString("validatedAt", null));
        double rowsPerSecond = validateSeconds > 0 ? rowsRead / validateSeconds : Double.NaN;

        // 4. Figures.
        System.out.println();
        line(
                "=== recipient-file benchmark: upload %d, %,d rows, %s%s: %s ===",
                id,
                o.rows,
                o.format.extension,
                o.format == RecipientFile.Format.CSV ? " " + o.encoding.charset.name() : "",
                state);
        row("machine", "%s", machine);
        row("file", "%,d bytes (%.1f MB), written in %.1f s", size, size / 1048576.0, writeSeconds);
        row(
                "format / encoding / columns (as the platform read it)",
                "%s / %s / %s",
                text(status, "format"),
                text(status, "encoding"),
                status.containsKey("columns") ? status.getJsonArray("columns") : "-");
        row("upload (POST -> 202)", "%.2f s (%.1f MB/s)", uploadSeconds, size / 1048576.0 / uploadSeconds);
        row("validation (receivedAt -> validatedAt)", "%.2f s", validateSeconds);
        row("  decided after the 202, observed by polling", "%.1f s", observedSeconds);
        row("rows read / rows per second of validation", "%,d / %,.0f rows/s", rowsRead, rowsPerSecond);
        row(
                "  end to end (upload + validation)",
                "%.1f s, %,.0f rows/s",
                uploadSeconds + validateSeconds,
                rowsRead / (uploadSeconds + validateSeconds));
        if (status.containsKey("summary")) {
            JsonObject s = status.getJsonObject("summary");
            row(
                    "summary",
                    "%,d recipients, %,d duplicates, %,d segments",
                    s.getJsonNumber("recipients").longValue(),
                    s.getJsonNumber("duplicates").longValue(),
                    s.getJsonNumber("segments").longValue());
        }
        row("problems", "%,d", status.getJsonNumber("problemCount").longValue());
        row("Payara heap before the upload", "%,.0f MB used", heapResult.startUsedMb());
        row("Payara heap", "%s", heapResult);
        row("CPU during the upload", "%s", uploadCpuResult);
        row("CPU during the validation", "%s", validateCpuResult);

        int exit = 0;
        if ("REJECTED".equals(state) || status.getJsonNumber("problemCount").longValue() > 0) {
            printProblems(status);
        }
        if (!"VALIDATED".equals(state)) {
            exit = 1;
        }
        if ("VALIDATED".equals(state) || !DECIDED.contains(state)) {
            cancel(id);
        }
        line(
                "RESULT rows=%d format=%s upload_s=%.2f validate_s=%.2f rows_per_s=%.0f peak_heap_mb=%.0f"
                        + " encoding=%s heap_before_mb=%.0f file_mb=%.1f state=%s",
                rowsRead,
                o.format.extension,
                uploadSeconds,
                validateSeconds,
                rowsPerSecond,
                heapResult.peakUsedMb(),
                o.format == RecipientFile.Format.CSV ? o.encoding.name().toLowerCase(Locale.ROOT) : "-",
                heapResult.startUsedMb(),
                size / 1048576.0,
                state);
        return exit;
    }

    // ---------------------------------------------------------------------------------------------
    // HTTP

    private HttpResponse<String> upload(Path file) throws IOException, InterruptedException {
        String boundary = "----bench-file-" + UUID.randomUUID();
        String head = "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"text\"\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n\r\n"
                + o.text + "\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"bench." + o.format.extension + "\"\r\n"
                + "Content-Type: "
                + (o.format == RecipientFile.Format.CSV
                        ? "text/csv"
                        : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                + "\r\n\r\n";
        String tail = "\r\n--" + boundary + "--\r\n";
        BodyPublisher body = BodyPublishers.concat(
                BodyPublishers.ofByteArray(head.getBytes(StandardCharsets.UTF_8)),
                BodyPublishers.ofFile(file),
                BodyPublishers.ofByteArray(tail.getBytes(StandardCharsets.UTF_8)));
        line("uploading %s as multipart/form-data (%,d bytes) ...", file.getFileName(), body.contentLength());
        return http.send(
                HttpRequest.newBuilder(URI.create(o.baseUrl + "/api/v1/files"))
                        .timeout(Duration.ofSeconds(o.timeoutSeconds))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(body)
                        .build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** Polls the upload until it is decided or the timeout passes; a progress line every few seconds. */
    private JsonObject follow(long id) throws IOException, InterruptedException {
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(o.timeoutSeconds);
        long nextProgress = start + TimeUnit.SECONDS.toNanos(o.progressSeconds);
        long lastRows = 0;
        double lastAt = 0;
        while (true) {
            HttpResponse<String> r = authorized("GET", "/api/v1/files/" + id);
            if (r.statusCode() != 200) {
                throw new SetupException("GET /api/v1/files/" + id + " answered " + r.statusCode() + ": "
                        + DeliveryBenchmark.abbreviate(r.body(), 300));
            }
            JsonObject s = DeliveryBenchmark.json(r.body());
            String state = s.getString("state", "?");
            long now = System.nanoTime();
            if (DECIDED.contains(state)) {
                return s;
            }
            if (now >= nextProgress) {
                double at = (now - start) / 1e9;
                long rows = s.getJsonNumber("rowsRead").longValue();
                line(
                        "  t=%6.1fs  %-10s rows read %,9d (%,7.0f/s)  problems %,d",
                        at,
                        state,
                        rows,
                        (rows - lastRows) / (at - lastAt),
                        s.getJsonNumber("problemCount").longValue());
                lastRows = rows;
                lastAt = at;
                nextProgress = now + TimeUnit.SECONDS.toNanos(o.progressSeconds);
            }
            if (now > deadline) {
                line("  not decided after %d s: giving up", o.timeoutSeconds);
                return s;
            }
            DeliveryBenchmark.sleep(o.pollMillis);
        }
    }

    private void cancel(long id) throws IOException, InterruptedException {
        HttpResponse<String> r = authorized("POST", "/api/v1/files/" + id + "/cancel");
        line(
                "cancelled upload %d so nothing is sent: %d %s",
                id,
                r.statusCode(),
                r.statusCode() == 200
                        ? DeliveryBenchmark.json(r.body()).getString("state", "?")
                        : DeliveryBenchmark.abbreviate(r.body(), 300));
    }

    /** A request with the token; a new token once if it expired (they live 15 minutes by default). */
    private HttpResponse<String> authorized(String method, String path) throws IOException, InterruptedException {
        for (int attempt = 0; ; attempt++) {
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create(o.baseUrl + path))
                            .timeout(Duration.ofSeconds(60))
                            .header("Authorization", "Bearer " + token)
                            .method(method, BodyPublishers.noBody())
                            .build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (r.statusCode() != 401 || attempt > 0) {
                return r;
            }
            token = DeliveryBenchmark.token(http, o.baseUrl, o.clientId, o.clientSecret);
        }
    }

    private HttpResponse<String> get(String url) throws InterruptedException {
        try {
            return http.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new SetupException(url + " is not reachable (" + e + "): is the platform running (./sms run)?");
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Output

    private static void printProblems(JsonObject status) {
        if (!status.containsKey("problems")) {
            return;
        }
        line("first problems:");
        status.getJsonArray("problems").stream()
                .limit(PROBLEMS_SHOWN)
                .map(JsonValue::asJsonObject)
                .forEach(p -> line(
                        "  %s row %s %s: %s %s (%s)",
                        text(p, "entry"),
                        p.containsKey("row") ? p.get("row").toString() : "-",
                        text(p, "column"),
                        text(p, "severity"),
                        text(p, "code"),
                        text(p, "messageEn")));
    }

    private static String text(JsonObject o, String name) {
        return o.containsKey(name) && o.get(name).getValueType() == JsonValue.ValueType.STRING
                ? o.getString(name)
                : "-";
    }

    private static double seconds(String from, String to) {
        return from == null || to == null
                ? Double.NaN
                : Duration.between(OffsetDateTime.parse(from), OffsetDateTime.parse(to))
                                .toNanos()
                        / 1e9;
    }

    private static void row(String label, String format, Object... args) {
        line("%-54s %s", label, String.format(Locale.ROOT, format, args));
    }

    private static void line(String format, Object... args) {
        DeliveryBenchmark.line(format, args);
    }

    // ---------------------------------------------------------------------------------------------
    // Options

    static final class Options {
        static final String USAGE = """
                usage: java -jar bench-file/target/bench-file.jar [--option value | --option=value ...]
                  --rows N                rows in the file                          (BENCH_ROWS, 1000000)
                  --format csv|xlsx       file format; xlsx by POI's streaming writer (csv)
                  --encoding utf8|big5    CSV bytes: UTF-8 with LF, or x-windows-950 with CRLF as Excel writes (utf8)
                  --base-url URL          platform HTTP base                        (BENCH_BASE_URL, http://127.0.0.1:8080)
                  --admin-port PORT       Payara admin port: finds the JVM for heap sampling (BENCH_ADMIN_PORT, 8048)
                  --payara-pid PID        the Payara JVM, instead of looking it up by the admin port
                  --pg-port PORT          PostgreSQL port, for its CPU time         (BENCH_PG_PORT, 5433)
                  --text TEXT             message text                              ({姓名}您好，您的補助款已核撥。)
                  --client-id ID --client-secret S                                  (demo-client / demo-secret)
                  --number-offset K       first number of each prefix block (0): 0912K, 0922K, 0936K (6 digits)
                  --out FILE              write the file here and keep it (default: a temporary file, deleted)
                  --timeout-seconds S     give up S seconds after the upload started (1800): exit 1
                  --poll-ms MS            status poll interval                      (500)
                  --progress-seconds S    progress line interval                    (5)
                """;

        boolean help;
        int rows = Integer.parseInt(env("BENCH_ROWS", "1000000"));
        RecipientFile.Format format = RecipientFile.Format.CSV;
        RecipientFile.Encoding encoding = RecipientFile.Encoding.UTF8;
        String baseUrl = env("BENCH_BASE_URL", "http://127.0.0.1:8080");
        int adminPort = Integer.parseInt(env("BENCH_ADMIN_PORT", "8048"));
        long payaraPid;
        int pgPort = Integer.parseInt(env("BENCH_PG_PORT", "5433"));
        String text = "{姓名}您好，您的補助款已核撥。";
        String clientId = "demo-client", clientSecret = "demo-secret";
        int numberOffset;
        Path out;
        long timeoutSeconds = 1800, pollMillis = 500, progressSeconds = 5;

        private static String env(String name, String fallback) {
            return DeliveryBenchmark.Options.env(name, fallback);
        }

        static Options parse(String[] args) {
            Options o = new Options();
            boolean encodingGiven = false;
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (a.equals("-h") || a.equals("--help")) {
                    o.help = true;
                    continue;
                }
                if (!a.startsWith("--")) {
                    throw new IllegalArgumentException("unexpected argument " + a);
                }
                String key, value;
                int eq = a.indexOf('=');
                if (eq > 0) {
                    key = a.substring(2, eq);
                    value = a.substring(eq + 1);
                } else {
                    key = a.substring(2);
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException("--" + key + " needs a value");
                    }
                    value = args[++i];
                }
                try {
                    switch (key) {
                        case "rows" ->
                            o.rows = Integer.parseInt(value.replace("_", "").replace(",", ""));
                        case "format" -> o.format = choice(key, value, RecipientFile.Format.class);
                        case "encoding" -> {
                            o.encoding = choice(key, value, RecipientFile.Encoding.class);
                            encodingGiven = true;
                        }
                        case "base-url" ->
                            o.baseUrl = value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
                        case "admin-port" -> o.adminPort = Integer.parseInt(value);
                        case "payara-pid" -> o.payaraPid = Long.parseLong(value);
                        case "pg-port" -> o.pgPort = Integer.parseInt(value);
                        case "text" -> o.text = value;
                        case "client-id" -> o.clientId = value;
                        case "client-secret" -> o.clientSecret = value;
                        case "number-offset" -> o.numberOffset = Integer.parseInt(value);
                        case "out" -> o.out = Path.of(value);
                        case "timeout-seconds", "timeout" -> o.timeoutSeconds = Long.parseLong(value);
                        case "poll-ms" -> o.pollMillis = Long.parseLong(value);
                        case "progress-seconds" -> o.progressSeconds = Long.parseLong(value);
                        default -> throw new IllegalArgumentException("unknown option --" + key);
                    }
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("--" + key + ": not a number: " + value);
                }
            }
            if (o.rows < 1 || o.rows > RecipientFile.MAX_ROWS) {
                throw new IllegalArgumentException(
                        String.format(Locale.ROOT, "--rows must be 1 to %,d", RecipientFile.MAX_ROWS));
            }
            if (encodingGiven && o.format == RecipientFile.Format.XLSX && o.encoding != RecipientFile.Encoding.UTF8) {
                throw new IllegalArgumentException("--encoding applies to CSV only (xlsx is always UTF-8 XML)");
            }
            return o;
        }

        private static <E extends Enum<E>> E choice(String key, String value, Class<E> type) {
            try {
                return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--" + key + ": not one of "
                        + java.util.Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT) + ": " + value);
            }
        }
    }
}
