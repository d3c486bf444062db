package tw.gov.sms.bench;

import java.io.IOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import tw.gov.sms.routing.domain.Carrier;
import tw.gov.sms.routing.domain.DeltaEntry;
import tw.gov.sms.routing.domain.MobileNumbers;
import tw.gov.sms.routing.domain.NpFileParser;
import tw.gov.sms.routing.domain.NpFileWriter;
import tw.gov.sms.routing.domain.NpParseResult;
import tw.gov.sms.routing.domain.PortedNumberIndex;
import tw.gov.sms.routing.domain.PrefixTable;
import tw.gov.sms.routing.domain.RoutingIndex;
import tw.gov.sms.routing.domain.RoutingIndexHolder;

/**
 * Load time, retained heap and lookup rate of the number-portability routing index at 10 million ported numbers.
 * Run as {@code java -Xmx2g -cp bench-routing.jar:sms-persistence.jar tw.gov.sms.bench.RoutingBenchmark [numbers]
 * [seconds]}. A plain timing loop, not JMH: the figures are for capacity planning, to within tens of percent.
 */
public final class RoutingBenchmark {

    private static final Carrier[] CARRIERS = Carrier.values();
    /** Probe keys are read in sequence, so their array costs no cache misses of its own; 4M spread over the index. */
    private static final int PROBES = 1 << 22;

    private static final int BATCH = 4096;

    private RoutingBenchmark() {}

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000_000;
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 5;
        Runtime rt = Runtime.getRuntime();
        System.out.printf(
                "JDK %s (%s), %d CPUs (%s), max heap %d MB, GC %s%n",
                System.getProperty("java.version"),
                System.getProperty("java.vm.name"),
                rt.availableProcessors(),
                cpuModel(),
                rt.maxMemory() >> 20,
                ManagementFactory.getGarbageCollectorMXBeans().get(0).getName());

        Path dir = Files.createTempDirectory("np-bench");
        Path snapshotFile = dir.resolve("np-snapshot-20261127.txt");
        Path deltaFile = dir.resolve("np-delta-20261128.txt");
        try {
            long t0 = System.nanoTime();
            writeSnapshot(snapshotFile, n);
            System.out.printf(
                    "generated snapshot: %,d numbers, %,d bytes, %.2f s%n",
                    n, Files.size(snapshotFile), secondsSince(t0));

            long before = usedAfterGc();
            t0 = System.nanoTime();
            NpParseResult result = new NpFileParser().parseSnapshot(snapshotFile);
            double loadSeconds = secondsSince(t0);
            if (!result.isValid()) {
                throw new IllegalStateException("benchmark file rejected: " + result.errors());
            }
            PortedNumberIndex ported = result.snapshot().orElseThrow();
            long measured = usedAfterGc() - before;
            System.out.printf(
                    "load (stream, validate, sha256, sort, build): %.2f s = %,.0f lines/s%n",
                    loadSeconds, n / loadSeconds);
            System.out.printf(
                    "index: %,d numbers, retained by array sizes %.1f MB (%.2f B/number), measured after GC %.1f MB%n",
                    ported.size(),
                    ported.retainedBytes() / 1e6,
                    (double) ported.retainedBytes() / ported.size(),
                    measured / 1e6);

            RoutingIndexHolder holder = new RoutingIndexHolder(new RoutingIndex(
                    ported,
                    PrefixTable.taiwanDefaults(),
                    Carrier.CHT,
                    new RoutingIndex.Metadata(
                            "2026-11-27", snapshotFile.getFileName().toString(), Instant.now())));

            int[] probes = probes(ported, new SplittableRandom(7));
            String[] probeStrings = new String[1 << 20];
            for (int i = 0; i < probeStrings.length; i++) {
                probeStrings[i] = MobileNumbers.nationalOf(probes[i]);
            }
            System.out.println("probes: 50% ported numbers, 50% random numbers in 090-098 (mostly not ported)");

            LookupRate.Loop byKey = (start, deadline) -> {
                long count = 0;
                long sink = 0;
                int k = start;
                while (System.nanoTime() < deadline) {
                    PortedNumberIndex index = holder.current().ported(); // as a sender would: once per batch
                    for (int i = 0; i < BATCH; i++) {
                        sink += index.lookupOrdinal(probes[k++ & (PROBES - 1)]);
                    }
                    count += BATCH;
                }
                return new long[] {count, sink};
            };
            LookupRate.Loop route = (start, deadline) -> {
                long count = 0;
                long sink = 0;
                int k = start;
                while (System.nanoTime() < deadline) {
                    RoutingIndex index = holder.current();
                    for (int i = 0; i < BATCH; i++) {
                        sink += index.route(probeStrings[k++ & (probeStrings.length - 1)])
                                .carrier()
                                .ordinal();
                    }
                    count += BATCH;
                }
                return new long[] {count, sink};
            };
            LookupRate.measure(null, 1, 1, byKey, PROBES);
            LookupRate.measure(null, 1, 1, route, PROBES);
            for (int threads : new int[] {1, 2}) {
                LookupRate.measure("PortedNumberIndex.lookupOrdinal(int)", threads, seconds, byKey, PROBES);
            }
            for (int threads : new int[] {1, 2}) {
                LookupRate.measure(
                        "RoutingIndex.route(String): ported, else prefix, else default",
                        threads,
                        seconds,
                        route,
                        PROBES);
            }

            List<DeltaEntry> delta = delta(ported, 100_000, new SplittableRandom(11));
            try (Writer out = Files.newBufferedWriter(deltaFile, StandardCharsets.UTF_8);
                    NpFileWriter w = NpFileWriter.delta(
                            out, LocalDate.parse("2026-11-28"), LocalDate.parse("2026-11-27"), "TWNP", delta.size())) {
                delta.forEach(w::entry);
            }
            t0 = System.nanoTime();
            NpParseResult parsedDelta = new NpFileParser().parseDelta(deltaFile);
            double parseDelta = secondsSince(t0);
            t0 = System.nanoTime();
            RoutingIndex next = holder.current().withDelta(parsedDelta, Instant.now());
            double apply = secondsSince(t0);
            holder.swap(next);
            System.out.printf(
                    "delta of %,d entries: parse %.0f ms, apply (copy-on-write merge into %,d) %.0f ms; index now %,d%n",
                    parsedDelta.deltaEntries().size(),
                    parseDelta * 1e3,
                    ported.size(),
                    apply * 1e3,
                    holder.current().ported().size());
        } finally {
            Files.deleteIfExists(snapshotFile);
            Files.deleteIfExists(deltaFile);
            Files.deleteIfExists(dir);
        }
    }

    /** Distinct numbers in 090-098 in scrambled order (so the builder sorts): 7919 is coprime to 90,000,000. */
    private static void writeSnapshot(Path file, int n) throws IOException {
        SplittableRandom random = new SplittableRandom(3);
        int offset = random.nextInt(90_000_000);
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                NpFileWriter w = NpFileWriter.snapshot(out, LocalDate.parse("2026-11-27"), "TWNP", n)) {
            for (int i = 0; i < n; i++) {
                w.ported((int) ((offset + i * 7919L) % 90_000_000), CARRIERS[random.nextInt(3)]);
            }
        }
    }

    private static int[] probes(PortedNumberIndex index, SplittableRandom random) {
        int[] p = new int[PROBES];
        for (int i = 0; i < p.length; i++) {
            p[i] = i % 2 == 0 ? index.keyAt(random.nextInt(index.size())) : random.nextInt(90_000_000);
        }
        return p;
    }

    /** A third new ports, a third ports again to another carrier, a third ports back (removals). */
    private static List<DeltaEntry> delta(PortedNumberIndex index, int size, SplittableRandom random) {
        List<DeltaEntry> d = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            String existing = MobileNumbers.nationalOf(index.keyAt(random.nextInt(index.size())));
            switch (i % 3) {
                case 0 ->
                    d.add(DeltaEntry.port(
                            MobileNumbers.nationalOf(random.nextInt(90_000_000)), CARRIERS[random.nextInt(3)]));
                case 1 -> d.add(DeltaEntry.port(existing, CARRIERS[random.nextInt(3)]));
                default -> d.add(DeltaEntry.remove(existing));
            }
        }
        return d;
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

    private static long usedAfterGc() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return rt.totalMemory() - rt.freeMemory();
    }

    private static double secondsSince(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
