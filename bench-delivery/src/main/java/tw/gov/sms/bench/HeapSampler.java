package tw.gov.sms.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Samples the heap of another JVM (the Payara server): {@code jstat -gc PID 500} streaming (one attach, little
 * overhead); if jstat cannot attach, {@code jcmd PID GC.heap_info} every 2 s. Shared by the benchmarks that run
 * against a live platform ({@code DeliveryBenchmark}, and {@code FileBenchmark} in bench-file), hence public.
 */
public final class HeapSampler {
    private final long pid;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private volatile double peakUsedKb, peakCommittedKb, firstUsedKb = -1, lastUsedKb;
    private volatile double gcStart = -1, gcLast, ygcStart = -1, ygcLast, fgcStart = -1, fgcLast;
    private volatile int samples;
    private volatile String method = "none";
    private Process jstat;
    private Thread thread;

    private HeapSampler(long pid) {
        this.pid = pid;
    }

    /** Starts sampling on a daemon thread; {@link #stop()} ends it and gives the figures. */
    public static HeapSampler start(long pid) {
        HeapSampler s = new HeapSampler(pid);
        s.thread = new Thread(s::loop, "heap-sampler");
        s.thread.setDaemon(true);
        s.thread.start();
        return s;
    }

    /** Waits up to {@code millis} for the first sample, so a figure "before" is really taken before; false if none. */
    public boolean awaitFirstSample(long millis) {
        long until = System.nanoTime() + millis * 1_000_000;
        while (samples == 0 && running.get() && System.nanoTime() < until) {
            sleep(100);
        }
        return samples > 0;
    }

    /** A JDK tool of the running JVM ({@code jstat}, {@code jcmd}), or its bare name from the PATH. */
    static String tool(String name) {
        Path p = Path.of(System.getProperty("java.home"), "bin", name);
        return Files.isExecutable(p) ? p.toString() : name;
    }

    private void loop() {
        try {
            jstat = new ProcessBuilder(tool("jstat"), "-gc", Long.toString(pid), "500")
                    .redirectErrorStream(true)
                    .start();
            method = "jstat -gc";
            try (BufferedReader r = new BufferedReader(new InputStreamReader(jstat.getInputStream()))) {
                String[] header = null;
                String l;
                while (running.get() && (l = r.readLine()) != null) {
                    String[] f = l.trim().split("\\s+");
                    if (f.length > 0 && f[0].equals("S0C")) {
                        header = f;
                        continue;
                    }
                    if (header == null || f.length != header.length) {
                        continue;
                    }
                    Map<String, Double> v = new HashMap<>();
                    for (int i = 0; i < f.length; i++) {
                        try {
                            v.put(header[i], Double.parseDouble(f[i]));
                        } catch (NumberFormatException e) {
                            v.put(header[i], 0.0);
                        }
                    }
                    double used = v.get("S0U") + v.get("S1U") + v.get("EU") + v.get("OU");
                    double committed = v.get("S0C") + v.get("S1C") + v.get("EC") + v.get("OC");
                    record(
                            used,
                            committed,
                            v.getOrDefault("GCT", 0.0),
                            v.getOrDefault("YGC", 0.0),
                            v.getOrDefault("FGC", 0.0));
                }
            }
        } catch (IOException e) {
            // fall through to jcmd
        }
        if (samples > 0 || !running.get()) {
            return;
        }
        method = "jcmd GC.heap_info";
        var used = java.util.regex.Pattern.compile("total (\\d+)K, used (\\d+)K");
        while (running.get()) {
            try {
                Process p = new ProcessBuilder(tool("jcmd"), Long.toString(pid), "GC.heap_info")
                        .redirectErrorStream(true)
                        .start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                var m = used.matcher(out);
                if (m.find()) {
                    record(Double.parseDouble(m.group(2)), Double.parseDouble(m.group(1)), 0, 0, 0);
                }
            } catch (IOException e) {
                method = "unavailable (" + e.getMessage() + ")";
                return;
            }
            sleep(2000);
        }
    }

    private synchronized void record(double used, double committed, double gct, double ygc, double fgc) {
        samples++;
        if (firstUsedKb < 0) {
            firstUsedKb = used;
            gcStart = gct;
            ygcStart = ygc;
            fgcStart = fgc;
        }
        lastUsedKb = used;
        peakUsedKb = Math.max(peakUsedKb, used);
        peakCommittedKb = Math.max(peakCommittedKb, committed);
        gcLast = gct;
        ygcLast = ygc;
        fgcLast = fgc;
    }

    public record Result(
            String method,
            int samples,
            double startUsedMb,
            double peakUsedMb,
            double peakCommittedMb,
            double endUsedMb,
            double gcSeconds,
            long youngGcs,
            long fullGcs) {
        @Override
        public String toString() {
            if (samples == 0) {
                return "no samples (" + method + ")";
            }
            return String.format(
                    Locale.ROOT,
                    "peak used %,.0f MB (committed up to %,.0f MB); at start %,.0f MB, at end %,.0f MB;"
                            + " GC during the run: %d young, %d full, %.1f s total [%s, %d samples]",
                    peakUsedMb,
                    peakCommittedMb,
                    startUsedMb,
                    endUsedMb,
                    youngGcs,
                    fullGcs,
                    gcSeconds,
                    method,
                    samples);
        }
    }

    public Result stop() {
        running.set(false);
        if (jstat != null) {
            jstat.destroy();
        }
        try {
            thread.join(3000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            return new Result(
                    method,
                    samples,
                    firstUsedKb / 1024,
                    peakUsedKb / 1024,
                    peakCommittedKb / 1024,
                    lastUsedKb / 1024,
                    gcLast - gcStart,
                    (long) (ygcLast - ygcStart),
                    (long) (fgcLast - fgcStart));
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
