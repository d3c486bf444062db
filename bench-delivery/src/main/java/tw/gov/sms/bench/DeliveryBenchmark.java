package tw.gov.sms.bench;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * {@code ./sms bench delivery}: one job of N recipients (default 200,000) spread evenly over the three
 * simulated carriers, sent through the REST API of a running platform ({@code ./sms run}), followed in
 * the database until every message is handed to a carrier and every receipt is reconciled.
 *
 * <p>Prints: time to accept (request until {@code 202}), time until every message is handed to a
 * carrier (last {@code submitted_at} minus the job's {@code accepted_at}: the R12.3 clock), time until
 * every receipt is reconciled (last {@code final_at} minus last {@code submitted_at}), submits per
 * second per carrier, the peak heap of the Payara JVM (sampled with {@code jstat}, or {@code jcmd
 * GC.heap_info} when jstat cannot attach), and the CPU seconds spent by Payara, PostgreSQL and the
 * simulator. With {@code --profile-dir} it also writes thread dumps, {@code pg_stat_activity} and
 * {@code top} snapshots during the run and summarises them.
 *
 * <p>The database is only read (read-only connection): {@code send_job} and {@code message} by job id.
 * Exit status: 0 when every message became final, 1 on timeout, 2 when the run could not start.
 */
public final class DeliveryBenchmark {

    private static final String[] PREFIXES = {"0912", "0922", "0936"}; // CHT, TWM, FET (prefix table)
    private static final String[] CARRIERS = {"CHT", "TWM", "FET"};
    private static final List<String> WAITING = List.of("ACCEPTED", "SCHEDULED", "QUEUED");
    private static final List<String> UNSETTLED = List.of("ACCEPTED", "SCHEDULED", "QUEUED", "SUBMITTED");
    private static final double TARGET_HANDED_S = 60, TARGET_RECONCILED_S = 60;

    private final Options o;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final List<String> notes = new ArrayList<>();

    private DeliveryBenchmark(Options o) {
        this.o = o;
    }

    public static void main(String[] args) throws Exception {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bench-delivery: " + e.getMessage());
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
            status = new DeliveryBenchmark(o).run();
        } catch (SetupException e) {
            System.err.println("bench-delivery: cannot run: " + e.getMessage());
            status = 2;
        }
        System.exit(status);
    }

    // ---------------------------------------------------------------------------------------------

    private int run() throws Exception {
        line("Delivery benchmark: %,d recipients over CHT/TWM/FET against %s", o.recipients, o.baseUrl);
        Machine machine = Machine.describe();
        line("machine: %s", machine);

        // Preflight: platform ready, simulator up, Payara process found, database readable.
        HttpResponse<String> ready = get(o.baseUrl + "/health/ready");
        if (ready.statusCode() != 200) {
            throw new SetupException("platform not ready (" + o.baseUrl + "/health/ready answered " + ready.statusCode()
                    + "): start it with ./sms run");
        }
        Map<String, SimCounters> simBefore = simulatorStatus();
        long payaraPid = o.payaraPid > 0
                ? o.payaraPid
                : ProcessInfo.listeningPid(o.adminPort)
                        .orElseThrow(() -> new SetupException(
                                "no process listens on the Payara admin port " + o.adminPort + " (use --payara-pid)"));
        line(
                "Payara pid %d (%s), PostgreSQL pid %s, simulator pid %s",
                payaraPid,
                ProcessInfo.xmx(payaraPid).map(x -> "-Xmx" + x).orElse("-Xmx ?"),
                ProcessInfo.listeningPid(o.jdbcPort()).map(String::valueOf).orElse("?"),
                ProcessInfo.listeningPid(o.simAdminPort()).map(String::valueOf).orElse("?"));

        try (Connection db = DriverManager.getConnection(o.jdbcUrl, o.dbUser, o.dbPassword)) {
            db.setReadOnly(true);
            db.setAutoCommit(true);
            long backlog = scalar(
                    db,
                    "select count(*) from send_job where state in ('ACCEPTED','SCHEDULED','RELEASED') and id <> "
                            + o.followJob);
            if (backlog > 0) {
                note(
                        "%d earlier job(s) were not completed when the run started: they share the links and the"
                                + " database with this one",
                        backlog);
            }
            return measure(db, payaraPid, simBefore, machine);
        }
    }

    private int measure(Connection db, long payaraPid, Map<String, SimCounters> simBefore, Machine machine)
            throws Exception {
        String token = token();
        byte[] body = requestBody();
        ServerLog log = ServerLog.open(o.serverLog);
        CpuMeter cpu = new CpuMeter(payaraPid, o.jdbcPort(), o.simAdminPort());
        HeapSampler heap = HeapSampler.start(payaraPid);
        Profiler profiler = o.profileDir == null ? null : new Profiler(o.profileDir, payaraPid, db);

        // 1. Accept (or, with --follow-job, take a job that is already stored).
        Instant sent = Instant.now();
        long sentNanos = System.nanoTime();
        double acceptSeconds = Double.NaN;
        Instant acceptedByClient = null;
        long jobId;
        int acceptedCount;
        if (o.followJob > 0) {
            jobId = o.followJob;
            acceptedCount = (int) scalar(db, "select recipient_count from send_job where id = " + jobId);
            line("following the stored job %d (%,d recipients): no send, no time to accept", jobId, acceptedCount);
        } else {
            line("sending one job of %,d recipients (%,d bytes of JSON) ...", o.recipients, body.length);
            HttpRequest send = HttpRequest.newBuilder(URI.create(o.baseUrl + "/api/v1/messages"))
                    .timeout(Duration.ofSeconds(o.timeoutSeconds))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
            HttpResponse<String> answer = http.send(send, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            acceptSeconds = (System.nanoTime() - sentNanos) / 1e9;
            acceptedByClient = Instant.now();
            if (answer.statusCode() != 202) {
                heap.stop();
                throw new SetupException(
                        "the send answered " + answer.statusCode() + ": " + abbreviate(answer.body(), 400));
            }
            JsonObject accepted = json(answer.body());
            jobId = accepted.getJsonNumber("jobId").longValue();
            acceptedCount = accepted.getInt("accepted");
            line(
                    "202 after %.2f s: job %d, %,d accepted, %,d segments, %d rejected, %d duplicates",
                    acceptSeconds,
                    jobId,
                    acceptedCount,
                    accepted.getInt("segments"),
                    accepted.getInt("rejected", 0),
                    accepted.containsKey("duplicates")
                            ? accepted.getJsonArray("duplicates").size()
                            : 0);
        }
        Timestamp acceptedAt = jobAcceptedAt(db, jobId);

        // 2. Follow the job in the database.
        Timeline timeline = follow(db, jobId, acceptedAt, sentNanos, profiler);
        if (profiler != null) {
            profiler.close();
        }
        HeapSampler.Result heapResult = heap.stop();
        CpuMeter.Result cpuResult = cpu.stop();

        // 3. Figures.
        Report r = new Report();
        r.machine = machine;
        r.jobId = jobId;
        r.recipients = acceptedCount;
        r.acceptSeconds = acceptSeconds;
        r.timeline = timeline;
        r.heap = heapResult;
        r.cpu = cpuResult;
        r.sent = sent;
        r.acceptedByClient = acceptedByClient;
        collect(db, jobId, acceptedAt, r);
        r.simulator = simulatorDelta(simBefore);
        r.log = log.since();
        print(r, profiler);
        return timeline.timedOut ? 1 : 0;
    }

    private Timeline follow(Connection db, long jobId, Timestamp acceptedAt, long startNanos, Profiler profiler)
            throws SQLException {
        Timeline t = new Timeline();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(o.timeoutSeconds);
        long nextProgress = 0, nextProfile = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        long lastDone = 0;
        Map<String, Long> lastCounts = Map.of();
        long lastChange = System.nanoTime();
        double lastProgressAt = 0;
        try (PreparedStatement ps = db.prepareStatement(
                "select state, count(*) from message where job_id = ? and accepted_at = ? group by state")) {
            ps.setLong(1, jobId);
            ps.setTimestamp(2, acceptedAt);
            while (true) {
                long q0 = System.nanoTime();
                Map<String, Long> counts = new TreeMap<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        counts.put(rs.getString(1), rs.getLong(2));
                    }
                }
                long now = System.nanoTime();
                t.pollNanos += now - q0;
                t.polls++;
                double at = (now - startNanos) / 1e9;
                long waiting = sum(counts, WAITING), unsettled = sum(counts, UNSETTLED);
                long total = counts.values().stream().mapToLong(Long::longValue).sum();
                if (t.releasedSeen < 0 && sum(counts, List.of("ACCEPTED", "SCHEDULED")) == 0) {
                    t.releasedSeen = at;
                }
                if (t.handedSeen < 0 && waiting == 0) {
                    t.handedSeen = at;
                }
                if (now >= nextProgress || unsettled == 0) {
                    long done = total - waiting;
                    double rate = at > lastProgressAt ? (done - lastDone) / (at - lastProgressAt) : 0;
                    line(
                            "  t=%6.1fs  handed %,9d/%,d (%,6.0f/s)  dispatch queue %s  %s",
                            at,
                            done,
                            total,
                            rate,
                            dispatchQueueDepth(),
                            counts.entrySet().stream()
                                    .map(e -> e.getKey() + "=" + e.getValue())
                                    .collect(Collectors.joining(" ")));
                    t.progress.add(String.format(Locale.ROOT, "%.1f,%d,%d,%s", at, done, total - unsettled, counts));
                    lastDone = done;
                    lastProgressAt = at;
                    nextProgress = now + TimeUnit.SECONDS.toNanos(o.progressSeconds);
                }
                if (profiler != null && now >= nextProfile && unsettled > 0) {
                    profiler.snapshot(at);
                    nextProfile = System.nanoTime() + TimeUnit.SECONDS.toNanos(o.profileEverySeconds);
                }
                if (unsettled == 0 && total > 0) {
                    t.finalSeen = at;
                    t.finalCounts = counts;
                    return t;
                }
                if (!counts.equals(lastCounts)) {
                    lastCounts = counts;
                    lastChange = now;
                }
                if (o.stallSeconds > 0 && now - lastChange > TimeUnit.SECONDS.toNanos(o.stallSeconds)) {
                    line("  no message changed state for %d s: giving up (see server.log)", o.stallSeconds);
                    t.timedOut = true;
                    t.stalled = true;
                    t.finalCounts = counts;
                    return t;
                }
                if (now > deadline) {
                    t.timedOut = true;
                    t.finalCounts = counts;
                    return t;
                }
                // Counting a big job is not free: keep the poll under ~20 % of one database backend.
                sleep(Math.max(o.pollMillis, 4 * TimeUnit.NANOSECONDS.toMillis(now - q0)));
            }
        }
    }

    private void collect(Connection db, long jobId, Timestamp acceptedAt, Report r) throws SQLException {
        // The sweeper completes the job within ~5 s of its last receipt; give it a moment so handed_over_at is set.
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(r.timeline.timedOut ? 0 : 12);
        while (true) {
            try (PreparedStatement ps = db.prepareStatement(
                    "select state, accepted_at, released_at, handed_over_at, completed_at from send_job where id = ?")) {
                ps.setLong(1, jobId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    r.jobState = rs.getString(1);
                    r.jobAcceptedAt = instant(rs.getTimestamp(2));
                    r.jobReleasedAt = instant(rs.getTimestamp(3));
                    r.jobHandedOverAt = instant(rs.getTimestamp(4));
                    r.jobCompletedAt = instant(rs.getTimestamp(5));
                }
            }
            if ("COMPLETED".equals(r.jobState) || System.nanoTime() > until) {
                break;
            }
            sleep(1000);
        }
        try (PreparedStatement ps = db.prepareStatement("select coalesce(carrier, '-'), count(*),"
                + " count(submitted_at), min(submitted_at), max(submitted_at), max(queued_at),"
                + " count(final_at), min(final_at), max(final_at),"
                + " count(*) filter (where attempts > 1), count(*) filter (where state = 'DELIVERED'),"
                + " count(*) filter (where error_code is not null)"
                + " from message where job_id = ? and accepted_at = ? group by 1 order by 1")) {
            ps.setLong(1, jobId);
            ps.setTimestamp(2, acceptedAt);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    CarrierFigures c = new CarrierFigures();
                    c.carrier = rs.getString(1);
                    c.messages = rs.getLong(2);
                    c.submitted = rs.getLong(3);
                    c.firstSubmit = instant(rs.getTimestamp(4));
                    c.lastSubmit = instant(rs.getTimestamp(5));
                    c.lastQueued = instant(rs.getTimestamp(6));
                    c.finals = rs.getLong(7);
                    c.firstFinal = instant(rs.getTimestamp(8));
                    c.lastFinal = instant(rs.getTimestamp(9));
                    c.retried = rs.getLong(10);
                    c.delivered = rs.getLong(11);
                    c.withError = rs.getLong(12);
                    r.carriers.add(c);
                }
            }
        }
        try (PreparedStatement ps = db.prepareStatement("select coalesce(error_code, '-'), state, count(*) from message"
                + " where job_id = ? and accepted_at = ? and (error_code is not null or state not in"
                + " ('DELIVERED', 'SUBMITTED')) group by 1, 2 order by 3 desc limit 8")) {
            ps.setLong(1, jobId);
            ps.setTimestamp(2, acceptedAt);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    r.errors.put(rs.getString(2) + " " + rs.getString(1), rs.getLong(3));
                }
            }
        }
        r.pendingReceipts = scalar(db, "select count(*) from pending_receipt");
    }

    // ---------------------------------------------------------------------------------------------
    // Output

    private void print(Report r, Profiler profiler) {
        Instant accepted = r.jobAcceptedAt;
        Instant lastQueued = r.carriers.stream()
                .map(c -> c.lastQueued)
                .filter(x -> x != null)
                .max(Instant::compareTo)
                .orElse(null);
        Instant firstSubmit = r.carriers.stream()
                .map(c -> c.firstSubmit)
                .filter(x -> x != null)
                .min(Instant::compareTo)
                .orElse(null);
        Instant lastSubmit = r.carriers.stream()
                .map(c -> c.lastSubmit)
                .filter(x -> x != null)
                .max(Instant::compareTo)
                .orElse(null);
        Instant lastFinal = r.carriers.stream()
                .map(c -> c.lastFinal)
                .filter(x -> x != null)
                .max(Instant::compareTo)
                .orElse(null);
        long submitted = r.carriers.stream().mapToLong(c -> c.submitted).sum();
        double handed = seconds(accepted, lastSubmit);
        double reconciled = seconds(lastSubmit, lastFinal);
        long stillWaiting = sum(r.timeline.finalCounts, WAITING);
        long stillUnsettled = sum(r.timeline.finalCounts, UNSETTLED);

        System.out.println();
        line(
                "=== delivery benchmark: job %d, %,d recipients%s ===",
                r.jobId, r.recipients, r.timeline.stalled ? " (STALLED)" : r.timeline.timedOut ? " (TIMED OUT)" : "");
        line("machine                     %s", r.machine);
        row("time to accept (POST -> 202)", "%.2f s", r.acceptSeconds);
        row("released (last queued_at - accepted_at)", "%.2f s", seconds(accepted, lastQueued));
        row("  job released_at - accepted_at", "%.2f s", seconds(accepted, r.jobReleasedAt));
        row("  all handed, counted from released_at", "%.2f s", seconds(r.jobReleasedAt, lastSubmit));
        row("first submit after accepted_at", "%.2f s", seconds(accepted, firstSubmit));
        row(
                "all handed to carriers (R12.3: last submitted_at - accepted_at)",
                "%.2f s   target <= %.0f s: %s",
                handed,
                TARGET_HANDED_S,
                stillWaiting > 0
                        ? String.format(Locale.ROOT, "NOT REACHED (%,d never handed)", stillWaiting)
                        : verdict(handed, TARGET_HANDED_S));
        row("  of which after the 202", "%.2f s", seconds(r.acceptedByClient, lastSubmit));
        row(
                "all receipts reconciled (last final_at - last submitted_at)",
                "%.2f s   target <= %.0f s: %s",
                reconciled,
                TARGET_RECONCILED_S,
                stillUnsettled > 0
                        ? String.format(Locale.ROOT, "NOT REACHED (%,d not final)", stillUnsettled)
                        : verdict(reconciled, TARGET_RECONCILED_S));
        row("  end to end (last final_at - accepted_at)", "%.2f s", seconds(accepted, lastFinal));
        row(
                "observed by polling (since POST): all handed / all final",
                "%s / %s",
                r.timeline.handedSeen < 0 ? "-" : String.format(Locale.ROOT, "%.1f s", r.timeline.handedSeen),
                r.timeline.finalSeen < 0 ? "-" : String.format(Locale.ROOT, "%.1f s", r.timeline.finalSeen));
        row(
                "job",
                "%s (handed_over_at %s, completed_at %s)",
                r.jobState,
                r.jobHandedOverAt == null
                        ? "-"
                        : String.format(Locale.ROOT, "+%.2f s", seconds(accepted, r.jobHandedOverAt)),
                r.jobCompletedAt == null
                        ? "-"
                        : String.format(Locale.ROOT, "+%.2f s", seconds(accepted, r.jobCompletedAt)));
        row("overall submit rate (submitted / submit span)", "%,.0f msg/s", rate(submitted, firstSubmit, lastSubmit));
        row("messages by state", "%s", r.timeline.finalCounts);
        System.out.println();
        line(
                "%-8s %9s %9s %10s %10s %10s %10s %9s %9s",
                "carrier",
                "messages",
                "submitted",
                "submit s",
                "submits/s",
                "receipts/s",
                "last final",
                "retried",
                "delivered");
        for (CarrierFigures c : r.carriers) {
            line(
                    "%-8s %,9d %,9d %10s %,10.0f %,10.0f %10s %,9d %,9d",
                    c.carrier,
                    c.messages,
                    c.submitted,
                    String.format(Locale.ROOT, "%.2f", seconds(c.firstSubmit, c.lastSubmit)),
                    rate(c.submitted, c.firstSubmit, c.lastSubmit),
                    rate(c.finals, c.firstFinal, c.lastFinal),
                    c.lastFinal == null ? "-" : String.format(Locale.ROOT, "+%.1fs", seconds(accepted, c.lastFinal)),
                    c.retried,
                    c.delivered);
        }
        System.out.println();
        if (!r.errors.isEmpty()) {
            line("not delivered / with an error code: %s", r.errors);
        }
        line("pending_receipt rows: %d", r.pendingReceipts);
        if (!r.simulator.isEmpty()) {
            line(
                    "simulator (delta): %s",
                    r.simulator.entrySet().stream()
                            .map(e -> e.getKey() + " " + e.getValue())
                            .collect(Collectors.joining("; ")));
            long simSubmits =
                    r.simulator.values().stream().mapToLong(s -> s.submits).sum();
            if (simSubmits > submitted && submitted > 0) {
                note(
                        "the simulator counted %,d submit_sm for %,d recorded submissions: %,d extra submit_sm"
                                + " (re-sent messages or extra segments)",
                        simSubmits, submitted, simSubmits - submitted);
            }
        }
        line("Payara heap: %s", r.heap);
        line("CPU seconds during the run: %s", r.cpu);
        line(
                "polling cost: %d queries, avg %.1f ms",
                r.timeline.polls, r.timeline.polls == 0 ? 0 : r.timeline.pollNanos / 1e6 / r.timeline.polls);
        line("server.log during the run: %s", r.log);
        if (profiler != null) {
            profiler.summary().forEach(l -> line("%s", l));
        }
        notes.forEach(n -> line("note: %s", n));
        if (o.timelineFile != null) {
            try {
                Files.write(o.timelineFile, prepend("seconds,handed,final,counts", r.timeline.progress));
                line("timeline written to %s", o.timelineFile);
            } catch (IOException e) {
                line("could not write the timeline: %s", e);
            }
        }
        line(
                "RESULT recipients=%d accept_s=%.2f handed_s=%.2f reconciled_s=%.2f submit_rate=%.0f peak_heap_mb=%.0f timed_out=%s",
                r.recipients,
                r.acceptSeconds,
                handed,
                reconciled,
                rate(submitted, firstSubmit, lastSubmit),
                r.heap.peakUsedMb(),
                r.timeline.timedOut);
    }

    private static List<String> prepend(String head, List<String> rest) {
        List<String> out = new ArrayList<>(rest.size() + 1);
        out.add(head);
        out.addAll(rest);
        return out;
    }

    private static String verdict(double value, double target) {
        return Double.isNaN(value) ? "n/a" : value <= target ? "MET" : "MISSED";
    }

    private static void row(String label, String format, Object... args) {
        line("%-66s %s", label, String.format(Locale.ROOT, format, args));
    }

    static void line(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
        System.out.flush();
    }

    private void note(String format, Object... args) {
        notes.add(String.format(Locale.ROOT, format, args));
    }

    // ---------------------------------------------------------------------------------------------
    // HTTP

    private String token() throws IOException, InterruptedException {
        return token(http, o.baseUrl, o.clientId, o.clientSecret);
    }

    /** A bearer token by the client-credentials grant (also taken by {@code FileBenchmark} in bench-file). */
    static String token(HttpClient http, String baseUrl, String clientId, String clientSecret)
            throws IOException, InterruptedException {
        String form = "grant_type=client_credentials&client_id=" + URLEncoder.encode(clientId, StandardCharsets.UTF_8)
                + "&client_secret=" + URLEncoder.encode(clientSecret, StandardCharsets.UTF_8);
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/oauth/token"))
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new SetupException("token request answered " + r.statusCode() + ": " + abbreviate(r.body(), 300));
        }
        return json(r.body()).getString("access_token");
    }

    /** N distinct mobile numbers, carrier by carrier in turn (0912… CHT, 0922… TWM, 0936… FET). */
    byte[] requestBody() {
        if (o.recipients > 3 * 1_000_000) {
            throw new IllegalArgumentException("at most 3,000,000 recipients (1,000,000 numbers per prefix)");
        }
        StringBuilder b = new StringBuilder(o.recipients * 14 + 200);
        b.append("{\"recipients\":[");
        for (int i = 0; i < o.recipients; i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append('"').append(PREFIXES[i % 3]);
            String n = Integer.toString((i / 3 + o.numberOffset) % 1_000_000);
            b.append("000000", 0, 6 - n.length()).append(n).append('"');
        }
        b.append("],\"text\":").append(Json.createValue(o.text)).append('}');
        return b.toString().getBytes(StandardCharsets.UTF_8);
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

    /** The JMS dispatch backlog as the readiness check reports it ("-" when not available). */
    private String dispatchQueueDepth() {
        try {
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create(o.baseUrl + "/health/ready"))
                            .timeout(Duration.ofSeconds(5))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            var m = java.util.regex.Pattern.compile("\"dispatchQueueDepth\"\\s*:\\s*\"?(\\d+)")
                    .matcher(r.body());
            return m.find() ? m.group(1) : "-";
        } catch (IOException | RuntimeException e) {
            return "-";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "-";
        }
    }

    private Map<String, SimCounters> simulatorStatus() throws InterruptedException {
        if (o.simAdmin.isBlank()) {
            return Map.of();
        }
        try {
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create(o.simAdmin + "/status"))
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            Map<String, SimCounters> out = new LinkedHashMap<>();
            JsonArray carriers = json(r.body()).getJsonArray("carriers");
            for (JsonValue v : carriers) {
                JsonObject c = v.asJsonObject();
                out.put(
                        c.getString("carrier"),
                        new SimCounters(
                                c.getInt("boundSessions"),
                                c.getJsonNumber("submits").longValue(),
                                c.getJsonNumber("receiptsSent").longValue(),
                                c.getJsonNumber("receiptsFailed").longValue(),
                                c.getJsonNumber("throttled").longValue(),
                                c.getJsonNumber("rejected").longValue()));
            }
            return out;
        } catch (IOException | RuntimeException e) {
            note("simulator admin %s not readable: %s", o.simAdmin, e);
            return Map.of();
        }
    }

    private Map<String, SimCounters> simulatorDelta(Map<String, SimCounters> before) throws InterruptedException {
        Map<String, SimCounters> after = simulatorStatus();
        Map<String, SimCounters> delta = new LinkedHashMap<>();
        after.forEach((k, a) -> {
            SimCounters b = before.getOrDefault(k, new SimCounters(0, 0, 0, 0, 0, 0));
            delta.put(
                    k,
                    new SimCounters(
                            a.binds,
                            a.submits - b.submits,
                            a.receiptsSent - b.receiptsSent,
                            a.receiptsFailed - b.receiptsFailed,
                            a.throttled - b.throttled,
                            a.rejected - b.rejected));
        });
        return delta;
    }

    record SimCounters(int binds, long submits, long receiptsSent, long receiptsFailed, long throttled, long rejected) {
        @Override
        public String toString() {
            return String.format(
                    Locale.ROOT,
                    "binds=%d submit_sm=%,d receipts=%,d receiptsFailed=%d throttled=%d rejected=%d",
                    binds,
                    submits,
                    receiptsSent,
                    receiptsFailed,
                    throttled,
                    rejected);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Database helpers

    private static Timestamp jobAcceptedAt(Connection db, long jobId) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("select accepted_at from send_job where id = ?")) {
            ps.setLong(1, jobId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SetupException(
                            "job " + jobId + " is not in send_job: is --jdbc-url the platform's database?");
                }
                return rs.getTimestamp(1);
            }
        }
    }

    private static long scalar(Connection db, String sql) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long sum(Map<String, Long> counts, List<String> states) {
        return states.stream().mapToLong(s -> counts.getOrDefault(s, 0L)).sum();
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static double seconds(Instant from, Instant to) {
        return from == null || to == null
                ? Double.NaN
                : Duration.between(from, to).toNanos() / 1e9;
    }

    private static double rate(long count, Instant from, Instant to) {
        double s = seconds(from, to);
        return Double.isNaN(s) || s <= 0 ? Double.NaN : count / s;
    }

    static JsonObject json(String text) {
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    static String abbreviate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max) + "…";
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Result holders

    static final class Timeline {
        double releasedSeen = -1, handedSeen = -1, finalSeen = -1;
        boolean timedOut, stalled;
        Map<String, Long> finalCounts = Map.of();
        long polls, pollNanos;
        final List<String> progress = new ArrayList<>();
    }

    static final class CarrierFigures {
        String carrier;
        long messages, submitted, finals, retried, delivered, withError;
        Instant firstSubmit, lastSubmit, lastQueued, firstFinal, lastFinal;
    }

    static final class Report {
        Machine machine;
        long jobId;
        int recipients;
        double acceptSeconds;
        Timeline timeline;
        HeapSampler.Result heap;
        CpuMeter.Result cpu;
        Instant sent, acceptedByClient;
        String jobState;
        Instant jobAcceptedAt, jobReleasedAt, jobHandedOverAt, jobCompletedAt;
        final List<CarrierFigures> carriers = new ArrayList<>();
        final Map<String, Long> errors = new LinkedHashMap<>();
        long pendingReceipts;
        Map<String, SimCounters> simulator = Map.of();
        String log;
    }

    static final class SetupException extends RuntimeException {
        SetupException(String message) {
            super(message);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Options

    static final class Options {
        static final String USAGE = """
                usage: java -jar bench-delivery/target/bench-delivery.jar [--option=value ...]
                  --base-url=URL          platform HTTP base            (BENCH_BASE_URL, http://127.0.0.1:8080)
                  --recipients=N          recipients in the one job     (BENCH_RECIPIENTS, 200000)
                  --jdbc-url=URL          platform database, read only  (BENCH_JDBC_URL, jdbc:postgresql://127.0.0.1:5433/sms)
                  --db-user=U --db-password=P                           (BENCH_DB_USER / BENCH_DB_PASSWORD, sms / sms)
                  --sim-admin=URL         carrier simulator admin, '' to skip (BENCH_SIM_ADMIN, http://127.0.0.1:2780)
                  --admin-port=PORT       Payara admin port: finds the JVM for heap sampling (BENCH_ADMIN_PORT, 8048)
                  --payara-pid=PID        the Payara JVM, instead of looking it up by the admin port
                  --timeout-seconds=S     give up S seconds after the send (BENCH_TIMEOUT_SECONDS, 900): exit 1
                  --stall-seconds=S       give up (exit 1) when no message changes state for S s, 0: never (180)
                  --poll-ms=MS            database poll interval        (BENCH_POLL_MS, 500)
                  --progress-seconds=S    progress line interval        (5)
                  --text=TEXT             message text (the agency prefix is added by the platform)
                  --client-id=ID --client-secret=S                      (demo-client / demo-secret)
                  --follow-job=ID         do not send: follow a job already stored (e.g. sent by file upload)
                  --number-offset=K       first number of each prefix block (0): 09120000K, 09220000K, ...
                  --server-log=FILE       Payara server.log to scan for errors (.sms/dev/sms-dev/logs/server.log)
                  --timeline=FILE         write the progress timeline as CSV
                  --profile-dir=DIR       write thread dumps, pg_stat_activity and top snapshots and summarise them
                  --profile-every=S       snapshot interval with --profile-dir (10)
                """;

        boolean help;
        String baseUrl = env("BENCH_BASE_URL", "http://127.0.0.1:8080");
        int recipients = Integer.parseInt(env("BENCH_RECIPIENTS", "200000"));
        String jdbcUrl = env("BENCH_JDBC_URL", "jdbc:postgresql://127.0.0.1:5433/sms");
        String dbUser = env("BENCH_DB_USER", "sms");
        String dbPassword = env("BENCH_DB_PASSWORD", "sms");
        String simAdmin = env("BENCH_SIM_ADMIN", "http://127.0.0.1:2780");
        int adminPort = Integer.parseInt(env("BENCH_ADMIN_PORT", "8048"));
        long payaraPid = 0;
        long timeoutSeconds = Long.parseLong(env("BENCH_TIMEOUT_SECONDS", "900"));
        long pollMillis = Long.parseLong(env("BENCH_POLL_MS", "500"));
        long progressSeconds = 5;
        String text = "您的補助申請已核准，款項將於七日內撥入您登記的帳戶。";
        String clientId = "demo-client", clientSecret = "demo-secret";
        int numberOffset = 0;
        long followJob = 0;
        long stallSeconds = Long.parseLong(env("BENCH_STALL_SECONDS", "180"));
        Path serverLog = Path.of(".sms/dev/sms-dev/logs/server.log");
        Path timelineFile, profileDir;
        long profileEverySeconds = 10;

        static String env(String name, String fallback) {
            String v = System.getenv(name);
            return v == null || v.isBlank() ? fallback : v;
        }

        static Options parse(String[] args) {
            Options o = new Options();
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
                        case "base-url" -> o.baseUrl = strip(value);
                        case "recipients" ->
                            o.recipients =
                                    Integer.parseInt(value.replace("_", "").replace(",", ""));
                        case "jdbc-url" -> o.jdbcUrl = value;
                        case "db-user" -> o.dbUser = value;
                        case "db-password" -> o.dbPassword = value;
                        case "sim-admin" -> o.simAdmin = strip(value);
                        case "admin-port" -> o.adminPort = Integer.parseInt(value);
                        case "payara-pid" -> o.payaraPid = Long.parseLong(value);
                        case "timeout-seconds", "timeout" -> o.timeoutSeconds = Long.parseLong(value);
                        case "poll-ms" -> o.pollMillis = Long.parseLong(value);
                        case "progress-seconds" -> o.progressSeconds = Long.parseLong(value);
                        case "text" -> o.text = value;
                        case "client-id" -> o.clientId = value;
                        case "client-secret" -> o.clientSecret = value;
                        case "number-offset" -> o.numberOffset = Integer.parseInt(value);
                        case "follow-job" -> o.followJob = Long.parseLong(value);
                        case "stall-seconds" -> o.stallSeconds = Long.parseLong(value);
                        case "server-log" -> o.serverLog = Path.of(value);
                        case "timeline" -> o.timelineFile = Path.of(value);
                        case "profile-dir" -> o.profileDir = Path.of(value);
                        case "profile-every" -> o.profileEverySeconds = Long.parseLong(value);
                        default -> throw new IllegalArgumentException("unknown option --" + key);
                    }
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("--" + key + ": not a number: " + value);
                }
            }
            if (o.recipients < 1) {
                throw new IllegalArgumentException("--recipients must be at least 1");
            }
            return o;
        }

        private static String strip(String url) {
            return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        }

        int jdbcPort() {
            var m = java.util.regex.Pattern.compile("//[^/:]+:(\\d+)/").matcher(jdbcUrl);
            return m.find() ? Integer.parseInt(m.group(1)) : 5432;
        }

        int simAdminPort() {
            try {
                return simAdmin.isBlank() ? -1 : URI.create(simAdmin).getPort();
            } catch (IllegalArgumentException e) {
                return -1;
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Machine, processes, heap, CPU, log, profile

    record Machine(int cpus, String model, long memMb, String jdk) {
        static Machine describe() {
            String model = "?";
            long mem = 0;
            try {
                model = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                        .filter(l -> l.startsWith("model name"))
                        .map(l -> l.substring(l.indexOf(':') + 1).trim())
                        .findFirst()
                        .orElse("?");
                mem = Files.readAllLines(Path.of("/proc/meminfo")).stream()
                        .filter(l -> l.startsWith("MemTotal:"))
                        .mapToLong(l -> Long.parseLong(l.replaceAll("\\D", "")) / 1024)
                        .findFirst()
                        .orElse(0);
            } catch (IOException | RuntimeException e) {
                // not Linux: leave unknown
            }
            return new Machine(
                    Runtime.getRuntime().availableProcessors(),
                    model,
                    mem,
                    System.getProperty("java.vm.name") + " " + Runtime.version());
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%d CPUs (%s), %,d MB RAM, %s", cpus, model, memMb, jdk);
        }
    }

    /** Linux /proc helpers: which process listens on a TCP port, its CPU time and -Xmx. */
    static final class ProcessInfo {
        static Optional<Long> listeningPid(int port) {
            if (port <= 0) {
                return Optional.empty();
            }
            List<String> inodes = new ArrayList<>();
            for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
                try {
                    for (String l : Files.readAllLines(Path.of(table))) {
                        String[] f = l.trim().split("\\s+");
                        if (f.length > 9 && f[3].equals("0A") && f[1].endsWith(String.format(":%04X", port))) {
                            inodes.add("socket:[" + f[9] + "]");
                        }
                    }
                } catch (IOException e) {
                    // no such table
                }
            }
            if (inodes.isEmpty()) {
                return Optional.empty();
            }
            try (var procs = Files.list(Path.of("/proc"))) {
                for (Path p : (Iterable<Path>) procs::iterator) {
                    String name = p.getFileName().toString();
                    if (!name.chars().allMatch(Character::isDigit)) {
                        continue;
                    }
                    try (var fds = Files.list(p.resolve("fd"))) {
                        for (Path fd : (Iterable<Path>) fds::iterator) {
                            try {
                                if (inodes.contains(Files.readSymbolicLink(fd).toString())) {
                                    return Optional.of(Long.parseLong(name));
                                }
                            } catch (IOException e) {
                                // fd closed meanwhile
                            }
                        }
                    } catch (IOException | SecurityException e) {
                        // not ours or gone
                    }
                }
            } catch (IOException e) {
                return Optional.empty();
            }
            return Optional.empty();
        }

        static Optional<String> xmx(long pid) {
            try {
                String cmd =
                        Files.readString(Path.of("/proc/" + pid + "/cmdline")).replace('\0', ' ');
                var m = java.util.regex.Pattern.compile("-Xmx(\\S+)").matcher(cmd);
                String last = null;
                while (m.find()) {
                    last = m.group(1);
                }
                return Optional.ofNullable(last);
            } catch (IOException e) {
                return Optional.empty();
            }
        }

        /** utime+stime (+ reaped children's) in clock ticks of one process, or -1. */
        static long ticks(long pid, boolean withReapedChildren) {
            try {
                String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                long t = Long.parseLong(f[11]) + Long.parseLong(f[12]);
                if (withReapedChildren) {
                    t += Long.parseLong(f[13]) + Long.parseLong(f[14]);
                }
                return t;
            } catch (IOException | RuntimeException e) {
                return -1;
            }
        }

        /** A process and its live descendants, plus what its reaped children used. */
        static long treeTicks(long pid) {
            long t = ticks(pid, true);
            if (t < 0) {
                return -1;
            }
            Optional<ProcessHandle> h = ProcessHandle.of(pid);
            if (h.isPresent()) {
                t += h.get()
                        .descendants()
                        .mapToLong(d -> Math.max(0, ticks(d.pid(), false)))
                        .sum();
            }
            return t;
        }

        static long systemBusyTicks() {
            try {
                String[] f =
                        Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
                long busy = 0;
                for (int i = 1; i < f.length; i++) {
                    if (i != 4 && i != 5) { // idle, iowait
                        busy += Long.parseLong(f[i]);
                    }
                }
                return busy;
            } catch (IOException | RuntimeException e) {
                return -1;
            }
        }
    }

    /** CPU seconds used by Payara, PostgreSQL (postmaster tree), the simulator, this JVM and the machine. */
    static final class CpuMeter {
        private static final double HZ = 100.0; // USER_HZ on Linux
        private final Map<String, Long> pids = new LinkedHashMap<>();
        private final Map<String, Long> start = new LinkedHashMap<>();
        private final long startNanos = System.nanoTime();
        private final long busyStart = ProcessInfo.systemBusyTicks();

        CpuMeter(long payaraPid, int pgPort, int simPort) {
            pids.put("payara", payaraPid);
            ProcessInfo.listeningPid(pgPort).ifPresent(p -> pids.put("postgres", p));
            ProcessInfo.listeningPid(simPort).ifPresent(p -> pids.put("simulator", p));
            pids.put("bench", ProcessHandle.current().pid());
            pids.forEach((k, p) ->
                    start.put(k, k.equals("postgres") ? ProcessInfo.treeTicks(p) : ProcessInfo.ticks(p, false)));
        }

        record Result(double wallSeconds, Map<String, Double> seconds, double machineBusySeconds) {
            @Override
            public String toString() {
                String each = seconds.entrySet().stream()
                        .map(e -> String.format(
                                Locale.ROOT,
                                "%s %.0f s (%.2f cores)",
                                e.getKey(),
                                e.getValue(),
                                e.getValue() / wallSeconds))
                        .collect(Collectors.joining(", "));
                double other = machineBusySeconds
                        - seconds.values().stream()
                                .mapToDouble(Double::doubleValue)
                                .sum();
                return String.format(
                        Locale.ROOT,
                        "%s, everything else %.0f s (%.2f cores); whole machine %.0f s busy of %.0f s wall (%.2f cores)",
                        each,
                        other,
                        other / wallSeconds,
                        machineBusySeconds,
                        wallSeconds,
                        machineBusySeconds / wallSeconds);
            }
        }

        Result stop() {
            double wall = (System.nanoTime() - startNanos) / 1e9;
            Map<String, Double> used = new LinkedHashMap<>();
            pids.forEach((k, p) -> {
                long now = k.equals("postgres") ? ProcessInfo.treeTicks(p) : ProcessInfo.ticks(p, false);
                if (now >= 0 && start.get(k) >= 0) {
                    used.put(k, (now - start.get(k)) / HZ);
                }
            });
            return new Result(wall, used, (ProcessInfo.systemBusyTicks() - busyStart) / HZ);
        }
    }

    /** Counts the SEVERE and WARNING records Payara wrote to server.log during the run. */
    static final class ServerLog {
        private final Path file;
        private final long offset;

        private ServerLog(Path file, long offset) {
            this.file = file;
            this.offset = offset;
        }

        static ServerLog open(Path file) {
            try {
                return new ServerLog(file, Files.size(file));
            } catch (IOException e) {
                return new ServerLog(null, 0);
            }
        }

        String since() {
            if (file == null) {
                return "not read (no server.log; use --server-log)";
            }
            try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
                long length = f.length();
                if (length < offset) {
                    return "rotated during the run: not read";
                }
                byte[] bytes = new byte[(int) Math.min(length - offset, 64L << 20)];
                f.seek(offset);
                f.readFully(bytes);
                String text = new String(bytes, StandardCharsets.UTF_8);
                // Records are "[date] [Payara x] [LEVEL] [] [logger] ... [[\n  message]]"
                Map<String, Long> counts = new TreeMap<>();
                Map<String, Long> firstLines = new LinkedHashMap<>();
                String[] records = text.split("\n(?=\\[\\d{4}-)");
                for (String rec : records) {
                    var m = java.util.regex.Pattern.compile(
                                    "^\\[[^]]*\\] \\[[^]]*\\] \\[(SEVERE|WARNING)\\] \\[[^]]*\\] \\[([^]]*)\\]")
                            .matcher(rec);
                    if (m.find()) {
                        counts.merge(m.group(1), 1L, Long::sum);
                        int body = rec.indexOf("[[");
                        String msg = body < 0 ? rec : rec.substring(body + 2).trim();
                        msg = msg.lines()
                                .filter(s -> !s.isBlank())
                                .findFirst()
                                .orElse("")
                                .trim();
                        firstLines.merge(
                                m.group(1) + " " + m.group(2) + ": " + abbreviate(msg.replaceAll("\\d+", "#"), 140),
                                1L,
                                Long::sum);
                    }
                }
                if (counts.isEmpty()) {
                    return "no SEVERE or WARNING records";
                }
                String top = firstLines.entrySet().stream()
                        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                        .limit(6)
                        .map(e -> "\n    " + e.getValue() + "x " + e.getKey())
                        .collect(Collectors.joining());
                return counts + top;
            } catch (IOException e) {
                return "not readable: " + e;
            }
        }
    }

    /**
     * With {@code --profile-dir}: during the run, thread dumps of Payara ({@code jcmd Thread.print}),
     * {@code pg_stat_activity} and {@code top -b -n1} every few seconds, written to files and summarised:
     * where the application threads are (top frame and first {@code tw.gov.sms} frame) and what the
     * database sessions wait on.
     */
    static final class Profiler {
        private final Path dir;
        private final long pid;
        private final Connection db;
        private final Map<String, Integer> appFrames = new HashMap<>();
        private final Map<String, Integer> threadStates = new HashMap<>();
        private final Map<String, Integer> pgStates = new HashMap<>();
        private final List<String> tops = new ArrayList<>();
        private int dumps, pgSnapshots;

        Profiler(Path dir, long pid, Connection db) throws IOException {
            this.dir = dir;
            this.pid = pid;
            this.db = db;
            Files.createDirectories(dir);
        }

        void snapshot(double at) {
            String stamp = String.format(Locale.ROOT, "%06.1f", at);
            try {
                String dump = run(HeapSampler.tool("jcmd"), Long.toString(pid), "Thread.print");
                Files.writeString(dir.resolve("threads-" + stamp + ".txt"), dump);
                digestDump(dump);
                dumps++;
            } catch (IOException e) {
                line("  (profile: thread dump failed: %s)", e.getMessage());
            }
            try (PreparedStatement ps = db.prepareStatement("select coalesce(state, '-'),"
                            + " coalesce(wait_event_type, '-') || ':' || coalesce(wait_event, '-'),"
                            + " regexp_replace(left(query, 90), '\\s+', ' ', 'g') from pg_stat_activity"
                            + " where datname = current_database() and pid <> pg_backend_pid()");
                    ResultSet rs = ps.executeQuery()) {
                StringBuilder out = new StringBuilder();
                while (rs.next()) {
                    String row = rs.getString(1) + " | " + rs.getString(2) + " | " + rs.getString(3);
                    out.append(row).append('\n');
                    if (!"idle".equals(rs.getString(1))) {
                        pgStates.merge(row, 1, Integer::sum);
                    }
                }
                pgSnapshots++;
                Files.writeString(dir.resolve("pg-" + stamp + ".txt"), out);
            } catch (SQLException | IOException e) {
                line("  (profile: pg_stat_activity failed: %s)", e.getMessage());
            }
            try {
                String top = run("top", "-b", "-n2", "-d", "0.5", "-w", "200"); // the first frame is since boot
                Files.writeString(dir.resolve("top-" + stamp + ".txt"), top);
                top.lines()
                        .filter(l -> l.startsWith("%Cpu"))
                        .reduce((a, b) -> b)
                        .ifPresent(l -> tops.add(stamp + "s " + l));
            } catch (IOException e) {
                // top missing
            }
        }

        private void digestDump(String dump) {
            for (String block : dump.split("\n\n")) {
                if (!block.startsWith("\"")) {
                    continue;
                }
                List<String> lines = block.lines().toList();
                String state = lines.stream()
                        .filter(l -> l.contains("java.lang.Thread.State:"))
                        .map(l -> l.substring(l.indexOf(':') + 1).trim())
                        .findFirst()
                        .orElse("?");
                List<String> frames = lines.stream()
                        .filter(l -> l.trim().startsWith("at "))
                        .map(l -> l.trim().substring(3).replaceAll("\\(.*\\)", ""))
                        .toList();
                Optional<String> app =
                        frames.stream().filter(f -> f.startsWith("tw.gov.sms.")).findFirst();
                if (app.isEmpty() || frames.isEmpty()) {
                    continue;
                }
                String top = frames.get(0);
                threadStates.merge(state.split(" ")[0] + " in " + shortName(app.get()), 1, Integer::sum);
                appFrames.merge(shortName(app.get()) + "  <-top-  " + shortName(top), 1, Integer::sum);
            }
        }

        private static String shortName(String frame) {
            String[] parts = frame.split("\\.");
            return parts.length < 2 ? frame : parts[parts.length - 2] + "." + parts[parts.length - 1];
        }

        private static String run(String... command) throws IOException {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            try {
                p.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return out;
        }

        void close() {}

        List<String> summary() {
            List<String> out = new ArrayList<>();
            out.add(String.format(
                    Locale.ROOT,
                    "profile (%s): %d thread dumps, %d pg_stat_activity snapshots",
                    dir,
                    dumps,
                    pgSnapshots));
            out.add("  application threads, by first tw.gov.sms frame <- top frame (threads summed over dumps):");
            top(appFrames, 14).forEach(s -> out.add("    " + s));
            out.add("  application threads by state:");
            top(threadStates, 10).forEach(s -> out.add("    " + s));
            out.add("  non-idle PostgreSQL sessions: state | wait event | query (summed over snapshots):");
            top(pgStates, 12).forEach(s -> out.add("    " + s));
            tops.forEach(s -> out.add("  top: " + s));
            return out;
        }

        private static List<String> top(Map<String, Integer> counts, int n) {
            return counts.entrySet().stream()
                    .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                    .limit(n)
                    .map(e -> String.format(Locale.ROOT, "%5d  %s", e.getValue(), e.getKey()))
                    .toList();
        }
    }
}
