package tw.gov.sms.routing.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A million-line snapshot streams through the parser: the heap keeps the 5-byte-a-number index, not the file. */
class NpFileParserLargeFileTest {

    private static final int N = 1_000_000;

    @Test
    void parsesAMillionLineSnapshotIntoACompactIndex(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("np-snapshot-1m.txt");
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                NpFileWriter w = NpFileWriter.snapshot(out, LocalDate.parse("2026-11-27"), "TWNP", N)) {
            for (int i = 0; i < N; i++) {
                w.ported(key(i), Carrier.values()[i % 3]); // scrambled order: the builder must sort
            }
        }
        assertThat(Files.size(file)).isGreaterThan(15L * N);
        long before = usedAfterGc();

        NpParseResult result = new NpFileParser().parseSnapshot(file);
        long retained = usedAfterGc() - before;

        assertThat(result.errors()).isEmpty();
        PortedNumberIndex index = result.snapshot().orElseThrow();
        assertThat(index.size()).isEqualTo(N);
        assertThat(index.retainedBytes() - PortedNumberIndex.empty().retainedBytes())
                .isBetween(5L * N, 5L * N + 64);
        // The file is 16 MB of text (32 MB as Java chars); what stays is about the 5 MB index.
        assertThat(retained).isLessThan(12L * 1024 * 1024);
        for (int i = 0; i < N; i += 7) {
            assertThat(index.lookupOrdinal(key(i))).isEqualTo(i % 3);
        }
        assertThat(index.lookupOrdinal(key(N))).isEqualTo(PortedNumberIndex.NOT_PORTED);
    }

    /** Distinct for i below 90M (7919 is prime and does not divide 90,000,000), all in the mobile range. */
    private static int key(int i) {
        return (int) ((i * 7919L) % 90_000_000);
    }

    private static long usedAfterGc() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
