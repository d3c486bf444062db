package tw.gov.sms.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Lookup rate of a timed loop on several threads, shared by the routing benchmarks. */
final class LookupRate {

    private LookupRate() {}

    /** One thread's timed loop: returns {lookups, checksum}. Separate loops keep each call site monomorphic. */
    interface Loop {
        long[] run(int start, long deadline);
    }

    /**
     * Runs the loop on {@code threads} threads for {@code seconds}, each starting at its share of the
     * {@code probes}; prints and returns lookups per second. A null name is a silent warm-up.
     */
    static double measure(String name, int threads, double seconds, Loop loop, int probes) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            long deadline = System.nanoTime() + (long) (seconds * 1e9);
            List<Callable<long[]>> tasks = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int start = t * (probes / threads);
                tasks.add(() -> loop.run(start, deadline));
            }
            long t0 = System.nanoTime();
            long total = 0;
            long sink = 0;
            for (Future<long[]> f : pool.invokeAll(tasks)) {
                total += f.get()[0];
                sink += f.get()[1];
            }
            double elapsed = (System.nanoTime() - t0) / 1e9;
            if (name != null) {
                System.out.printf(
                        "%s, %d thread%s: %,.0f lookups/s (%,d in %.1f s; checksum %d)%n",
                        name, threads, threads == 1 ? "" : "s", total / elapsed, total, elapsed, sink);
            }
            return total / elapsed;
        } finally {
            pool.shutdown();
        }
    }
}
