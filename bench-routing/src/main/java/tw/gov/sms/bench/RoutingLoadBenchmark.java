package tw.gov.sms.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import tw.gov.sms.routing.domain.Carrier;
import tw.gov.sms.routing.domain.PortedNumberIndex;
import tw.gov.sms.routing.infrastructure.jdbc.PortedNumberLoader;

/**
 * Loading the number-portability index back from PostgreSQL, as every instance does at start-up and after each
 * applied import ({@link PortedNumberLoader}). Starts an embedded PostgreSQL of its own (free port, temporary
 * directory, removed at the end), applies the platform's Flyway migrations, stores N ported numbers with {@code COPY}
 * and records an applied snapshot import, then measures the load (one warm-up, then timed runs), the heap the index
 * retains, the JVM's peak heap during a load, and the lookup rate on the loaded index.
 *
 * <p>Run as {@code ./sms bench routing-load [--numbers N] [--runs R] [--seconds S] [--sorted]}. By default the rows
 * are stored in scrambled key order: that is the table's order once any delta has been applied (an update or a new
 * port lands at the end of the heap), so the loader must sort; {@code --sorted} stores them in key order, as a fresh
 * snapshot import leaves them. A plain timing loop, not JMH: figures for capacity planning, to within tens of percent.
 */
public final class RoutingLoadBenchmark {

    private static final Carrier[] CARRIERS = Carrier.values();
    /** Keys of 090..098 (099 is not mobile); 7919 is prime and coprime to it, so i -> i * 7919 is a permutation. */
    private static final int MOBILE_KEYS = 90_000_000;

    private static final int PROBES = 1 << 22;
    private static final int BATCH = 4096;

    private RoutingLoadBenchmark() {}

    record Options(int numbers, int runs, double seconds, boolean sorted) {
        static Options parse(String[] args) {
            int numbers = 10_000_000, runs = 3;
            double seconds = 5;
            boolean sorted = false;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--numbers" ->
                        numbers = Integer.parseInt(args[++i].replace("_", "").replace(",", ""));
                    case "--runs" -> runs = Integer.parseInt(args[++i]);
                    case "--seconds" -> seconds = Double.parseDouble(args[++i]);
                    case "--sorted" -> sorted = true;
                    case "--help", "-h" -> {
                        System.out.println("usage: RoutingLoadBenchmark [--numbers N (10000000)] [--runs R (3)]"
                                + " [--seconds S per lookup measurement (5)] [--sorted (rows in key order)]");
                        System.exit(0);
                    }
                    default -> throw new IllegalArgumentException("unknown option " + args[i] + " (--help)");
                }
            }
            if (numbers < 1 || numbers > MOBILE_KEYS || runs < 1 || seconds <= 0) {
                throw new IllegalArgumentException("need 1 <= numbers <= 90,000,000, runs >= 1, seconds > 0");
            }
            return new Options(numbers, runs, seconds, sorted);
        }
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        Runtime rt = Runtime.getRuntime();
        System.out.printf(
                "JDK %s (%s), %d CPUs (%s), %s RAM, max heap %d MB, GC %s%n",
                System.getProperty("java.version"),
                System.getProperty("java.vm.name"),
                rt.availableProcessors(),
                cpuModel(),
                totalMemory(),
                rt.maxMemory() >> 20,
                ManagementFactory.getGarbageCollectorMXBeans().stream()
                        .map(GarbageCollectorMXBean::getName)
                        .toList());

        Path dir = Files.createTempDirectory("np-load-bench");
        long t0 = System.nanoTime();
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dir.resolve("pgdata"))
                .setCleanDataDirectory(true)
                .setOverrideWorkingDirectory(dir.resolve("pg-runtime").toFile())
                .setPGStartupWait(Duration.ofSeconds(60))
                // As ./sms run's dev-services; the builder's own defaults add synchronous_commit=off.
                .setServerConfig("shared_buffers", "256MB")
                .setServerConfig("listen_addresses", "127.0.0.1")
                .start();
        try {
            String url = postgres.getJdbcUrl("postgres", "postgres");
            var migrated = Flyway.configure(Flyway.class.getClassLoader())
                    .dataSource(url, "postgres", null)
                    .locations("classpath:db/migration")
                    .failOnMissingLocations(true)
                    .load()
                    .migrate();
            try (Connection c = postgres.getPostgresDatabase().getConnection()) {
                System.out.printf(
                        "PostgreSQL %s on 127.0.0.1:%d in %s: started and migrated to V%s (%d migrations) in %.1f s%n",
                        queryString(c, "show server_version"),
                        postgres.getPort(),
                        dir,
                        migrated.targetSchemaVersion,
                        migrated.migrationsExecuted,
                        secondsSince(t0));
                run(c, options);
            }
        } finally {
            postgres.close();
            deleteTree(dir);
            System.out.println("PostgreSQL stopped, " + dir + " removed");
        }
    }

    private static void run(Connection c, Options options) throws Exception {
        int n = options.numbers();
        long t0 = System.nanoTime();
        int[] keys = new int[n];
        byte[] carriers = new byte[n];
        generate(keys, carriers, options.sorted());
        System.out.printf(
                "generated %,d distinct numbers in 090-098 (%s), carriers mixed %s, in %.2f s%n",
                n,
                options.sorted() ? "key order" : "scrambled order",
                Arrays.toString(countByCarrier(carriers)),
                secondsSince(t0));

        double copySeconds = copy(c, keys, carriers);
        System.out.printf(
                "COPY ported_number FROM STDIN + applied np_import row, one transaction: %.2f s = %,.0f rows/s%n",
                copySeconds, n / copySeconds);
        t0 = System.nanoTime();
        try (Statement s = c.createStatement()) {
            // So neither autovacuum nor the checkpointer runs into the timed loads on a 2-core machine.
            s.execute("vacuum (analyze) ported_number");
            s.execute("checkpoint");
        }
        System.out.printf(
                "vacuum analyze + checkpoint: %.2f s; ported_number is %,d MB (heap %,d MB, primary key %,d MB)%n",
                secondsSince(t0),
                queryLong(c, "select pg_total_relation_size('ported_number')") >> 20,
                queryLong(c, "select pg_relation_size('ported_number')") >> 20,
                queryLong(c, "select pg_relation_size('ported_number_pkey')") >> 20);

        t0 = System.nanoTime();
        PortedNumberIndex index = PortedNumberLoader.load(c);
        double warmUp = secondsSince(t0);
        verify(index, keys, carriers);
        System.out.printf(
                "warm-up load: %.2f s (includes JIT and PostgreSQL's first read of the new rows); %,d numbers, verified%n",
                warmUp, index.size());
        keys = null;
        carriers = null;
        index = null;

        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        double[] loadSeconds = new double[options.runs()];
        long indexBytes = 0;
        long peakSampled = 0;
        long peakPools = 0;
        for (int r = 0; r < options.runs(); r++) {
            index = null;
            long before = usedAfterGc(memory);
            GcCounts gcBefore = GcCounts.now();
            HeapSampler sampler = HeapSampler.start(memory);
            t0 = System.nanoTime();
            index = PortedNumberLoader.load(c);
            loadSeconds[r] = secondsSince(t0);
            HeapSampler.Peak peak = sampler.stop();
            GcCounts gc = GcCounts.now().minus(gcBefore);
            long retained = usedAfterGc(memory) - before;
            System.out.printf(
                    "load %d: %.2f s = %,.0f rows/s; heap retained by the index (used after GC, after - before) %.1f MB;"
                            + " peak heap used during the load %.0f MB (sampled every 5 ms; sum of pool peaks %.0f MB),"
                            + " committed %.0f MB; %d GCs, %d ms%n",
                    r + 1,
                    loadSeconds[r],
                    index.size() / loadSeconds[r],
                    retained / 1e6,
                    peak.used() / 1e6,
                    peak.poolPeaks() / 1e6,
                    peak.committed() / 1e6,
                    gc.count(),
                    gc.millis());
            indexBytes = Math.max(indexBytes, retained);
            peakSampled = Math.max(peakSampled, peak.used());
            peakPools = Math.max(peakPools, peak.poolPeaks());
        }
        double[] sorted = loadSeconds.clone();
        Arrays.sort(sorted);
        double median = sorted[sorted.length / 2];
        System.out.printf(
                "index: %,d numbers, retained by array sizes %.1f MB (%.2f B/number)%n",
                index.size(), index.retainedBytes() / 1e6, (double) index.retainedBytes() / index.size());

        breakdown(c, n, options.sorted());

        int[] probes = probes(index, new SplittableRandom(7));
        System.out.println("probes: 50% ported numbers, 50% random numbers in 090-098 (mostly not ported)");
        PortedNumberIndex loaded = index;
        LookupRate.Loop byKey = (start, deadline) -> {
            long count = 0;
            long sink = 0;
            int k = start;
            while (System.nanoTime() < deadline) {
                for (int i = 0; i < BATCH; i++) {
                    sink += loaded.lookupOrdinal(probes[k++ & (PROBES - 1)]);
                }
                count += BATCH;
            }
            return new long[] {count, sink};
        };
        LookupRate.measure(null, 1, 1, byKey, probes.length);
        double oneThread =
                LookupRate.measure("PortedNumberIndex.lookupOrdinal(int)", 1, options.seconds(), byKey, probes.length);
        double twoThreads =
                LookupRate.measure("PortedNumberIndex.lookupOrdinal(int)", 2, options.seconds(), byKey, probes.length);

        System.out.printf(
                "RESULT numbers=%d order=%s copy_s=%.2f copy_rows_per_s=%.0f load_s=%.2f load_runs_s=%s"
                        + " load_rows_per_s=%.0f index_mb=%.1f peak_heap_mb=%.0f lookups_per_s=%.0f"
                        + " lookups_per_s_2t=%.0f%n",
                index.size(),
                options.sorted() ? "sorted" : "scrambled",
                copySeconds,
                index.size() / copySeconds,
                median,
                formatRuns(loadSeconds),
                index.size() / median,
                indexBytes / 1e6,
                peakSampled / 1e6,
                oneThread,
                twoThreads);
    }

    /**
     * Where a load's time goes, one run of each part on its own: PostgreSQL's scan without sending the rows, the
     * JDBC stream of the rows with nothing built, and building the index from rows already in memory.
     */
    private static void breakdown(Connection c, int n, boolean sorted) throws SQLException {
        double serverSeconds = Double.NaN;
        try (Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery("explain (analyze, timing off) select number_key, carrier from ported_number")) {
            while (rs.next()) {
                String line = rs.getString(1).trim();
                if (line.startsWith("Execution Time:")) {
                    serverSeconds = Double.parseDouble(line.replaceAll("[^0-9.]", "")) / 1e3;
                }
            }
        }

        long t0 = System.nanoTime();
        long sink = 0;
        c.setAutoCommit(false);
        try (PreparedStatement ps = c.prepareStatement("select number_key, carrier from ported_number")) {
            ps.setFetchSize(50_000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sink += rs.getInt(1) + rs.getString(2).length();
                }
            }
        } finally {
            c.commit();
            c.setAutoCommit(true);
        }
        double jdbcSeconds = secondsSince(t0);

        int[] keys = new int[n];
        byte[] carriers = new byte[n];
        generate(keys, carriers, sorted); // the order COPY stored them in, so the order a scan returns
        t0 = System.nanoTime();
        PortedNumberIndex.Builder builder = PortedNumberIndex.builder(n);
        for (int i = 0; i < n; i++) {
            builder.add(keys[i], CARRIERS[carriers[i]]);
        }
        keys = null; // as in a load, only the builder's array is alive when it sorts
        carriers = null;
        sink += builder.build().size();
        double buildSeconds = secondsSince(t0);
        System.out.printf(
                "breakdown, one run each: PostgreSQL's scan alone (EXPLAIN ANALYZE, rows not sent) %.2f s;"
                        + " JDBC stream of the rows, getInt + getString only, %.2f s; index builder (add, %s, build)"
                        + " from memory %.2f s (checksum %d)%n",
                serverSeconds, jdbcSeconds, sorted ? "no sort needed" : "sort", buildSeconds, sink);
    }

    /** Distinct keys: i * 7919 (+ offset) mod 90,000,000, a permutation of the mobile keys, read in order of i. */
    private static void generate(int[] keys, byte[] carriers, boolean sorted) {
        SplittableRandom random = new SplittableRandom(3);
        int offset = random.nextInt(MOBILE_KEYS);
        for (int i = 0; i < keys.length; i++) {
            keys[i] = (int) ((offset + i * 7919L) % MOBILE_KEYS);
        }
        if (sorted) {
            Arrays.sort(keys);
        }
        for (int i = 0; i < carriers.length; i++) {
            carriers[i] = (byte) random.nextInt(CARRIERS.length);
        }
    }

    /** The rows as COPY text ({@code key TAB carrier}), then the applied import that sizes the loader's builder. */
    private static double copy(Connection c, int[] keys, byte[] carriers) throws SQLException {
        byte[][] names = new byte[CARRIERS.length][];
        for (int i = 0; i < names.length; i++) {
            names[i] = CARRIERS[i].name().getBytes(StandardCharsets.US_ASCII);
        }
        long t0 = System.nanoTime();
        c.setAutoCommit(false);
        try {
            CopyIn copy = c.unwrap(PGConnection.class)
                    .getCopyAPI()
                    .copyIn("copy ported_number (number_key, carrier) from stdin");
            byte[] buf = new byte[1 << 20];
            int len = 0;
            for (int i = 0; i < keys.length; i++) {
                if (len > buf.length - 32) {
                    copy.writeToCopy(buf, 0, len);
                    len = 0;
                }
                len = writeInt(buf, len, keys[i]);
                buf[len++] = '\t';
                byte[] name = names[carriers[i]];
                System.arraycopy(name, 0, buf, len, name.length);
                len += name.length;
                buf[len++] = '\n';
            }
            copy.writeToCopy(buf, 0, len);
            long rows = copy.endCopy();
            if (rows != keys.length) {
                throw new IllegalStateException("COPY stored " + rows + " rows, expected " + keys.length);
            }
            try (PreparedStatement ps = c.prepareStatement("insert into np_import"
                    + " (kind, state, data_version, source, file_name, records, ported_total)"
                    + " values ('SNAPSHOT', 'APPLIED', '20261127', 'TWNP', 'np-snapshot-20261127.np', ?, ?)")) {
                ps.setInt(1, keys.length);
                ps.setInt(2, keys.length);
                ps.executeUpdate();
            }
            c.commit();
        } finally {
            c.setAutoCommit(true);
        }
        return secondsSince(t0);
    }

    private static int writeInt(byte[] buf, int pos, int value) {
        int digits = 1;
        for (int v = value; v >= 10; v /= 10) {
            digits++;
        }
        for (int i = pos + digits - 1, v = value; i >= pos; i--, v /= 10) {
            buf[i] = (byte) ('0' + v % 10);
        }
        return pos + digits;
    }

    private static void verify(PortedNumberIndex index, int[] keys, byte[] carriers) {
        if (index.size() != keys.length) {
            throw new IllegalStateException("loaded " + index.size() + " numbers, stored " + keys.length);
        }
        for (int i = 0; i < keys.length; i++) {
            if (index.lookupOrdinal(keys[i]) != carriers[i]) {
                throw new IllegalStateException("wrong carrier for key " + keys[i]);
            }
        }
    }

    private static int[] countByCarrier(byte[] carriers) {
        int[] counts = new int[CARRIERS.length];
        for (byte c : carriers) {
            counts[c]++;
        }
        return counts;
    }

    private static int[] probes(PortedNumberIndex index, SplittableRandom random) {
        int[] p = new int[PROBES];
        for (int i = 0; i < p.length; i++) {
            p[i] = i % 2 == 0 ? index.keyAt(random.nextInt(index.size())) : random.nextInt(MOBILE_KEYS);
        }
        return p;
    }

    /**
     * The highest heap use seen while a load runs: sampled every 5 ms (between samples a young GC can hide a higher
     * point), and the sum of the heap pools' own peaks (an upper bound: each pool peaks at its own moment).
     */
    private static final class HeapSampler {

        record Peak(long used, long committed, long poolPeaks) {}

        private final MemoryMXBean memory;
        private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        private final AtomicLong used = new AtomicLong();
        private final AtomicLong committed = new AtomicLong();

        private HeapSampler(MemoryMXBean memory) {
            this.memory = memory;
        }

        static HeapSampler start(MemoryMXBean memory) {
            heapPools().forEach(MemoryPoolMXBean::resetPeakUsage);
            HeapSampler s = new HeapSampler(memory);
            s.sample();
            s.timer.scheduleAtFixedRate(s::sample, 5, 5, TimeUnit.MILLISECONDS);
            return s;
        }

        private void sample() {
            var usage = memory.getHeapMemoryUsage();
            used.accumulateAndGet(usage.getUsed(), Math::max);
            committed.accumulateAndGet(usage.getCommitted(), Math::max);
        }

        Peak stop() throws InterruptedException {
            timer.shutdown();
            timer.awaitTermination(1, TimeUnit.SECONDS);
            sample();
            long pools = heapPools().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
            return new Peak(used.get(), committed.get(), pools);
        }

        private static Stream<MemoryPoolMXBean> heapPools() {
            return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP);
        }
    }

    private record GcCounts(long count, long millis) {
        static GcCounts now() {
            long count = 0;
            long millis = 0;
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                count += Math.max(0, gc.getCollectionCount());
                millis += Math.max(0, gc.getCollectionTime());
            }
            return new GcCounts(count, millis);
        }

        GcCounts minus(GcCounts earlier) {
            return new GcCounts(count - earlier.count, millis - earlier.millis);
        }
    }

    private static long usedAfterGc(MemoryMXBean memory) throws InterruptedException {
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    private static String formatRuns(double[] seconds) {
        StringBuilder s = new StringBuilder();
        for (double v : seconds) {
            s.append(s.length() == 0 ? "" : ",").append(String.format("%.2f", v));
        }
        return s.toString();
    }

    private static String queryString(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static long queryLong(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst()
                    .orElse("unknown CPU");
        } catch (IOException | RuntimeException e) {
            return "unknown CPU";
        }
    }

    private static String totalMemory() {
        try {
            return Files.readAllLines(Path.of("/proc/meminfo")).stream()
                    .filter(l -> l.startsWith("MemTotal:"))
                    .map(l -> Long.parseLong(l.replaceAll("\\D", "")) / (1024 * 1024) + " GB")
                    .findFirst()
                    .orElse("unknown");
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static double secondsSince(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
