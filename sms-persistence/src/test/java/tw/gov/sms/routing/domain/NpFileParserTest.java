package tw.gov.sms.routing.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpFileParserTest {

    private static final String SNAPSHOT_HEADER = "#NP-SNAPSHOT v1 date=2026-11-27 source=TWNP count=";
    private static final String DELTA_HEADER = "#NP-DELTA v1 date=2026-11-28 base=2026-11-27 source=TWNP count=";

    private final NpFileParser parser = new NpFileParser();

    @Test
    void readsASnapshotWithItsTrailer() {
        String text = SNAPSHOT_HEADER + "3\n0912345678,FET\n0933123456,TWM\n0955000111,CHT\n"
                + trailer(3, "0912345678,FET", "0933123456,TWM", "0955000111,CHT");

        NpParseResult result = parser.parseSnapshot(new StringReader(text), "np-snapshot-20261127.txt");

        assertThat(result.errors()).isEmpty();
        assertThat(result.isValid()).isTrue();
        assertThat(result.kind()).isEqualTo(NpParseResult.Kind.SNAPSHOT);
        assertThat(result.header())
                .isEqualTo(
                        new NpHeader(NpParseResult.Kind.SNAPSHOT, 1, LocalDate.parse("2026-11-27"), null, "TWNP", 3));
        assertThat(result.recordCount()).isEqualTo(3);
        assertThat(result.linesRead()).isEqualTo(5);
        PortedNumberIndex index = result.snapshot().orElseThrow();
        assertThat(index.size()).isEqualTo(3);
        assertThat(index.carrierOf("0912345678")).contains(Carrier.FET);
        assertThat(index.carrierOf("0933123456")).contains(Carrier.TWM);
        assertThat(index.carrierOf("0955000111")).contains(Carrier.CHT);
    }

    @Test
    void theExamplesInTheDocsAreValid() {
        String snapshot = SNAPSHOT_HEADER + "3\n0912345678,FET\n0933123456,TWM\n0955000111,CHT\n"
                + "#END count=3 sha256=b965f9004d65e6ea3c3b6835bc8d6ce1b3978da68bccac4ce79fb3347e5195ca\n";
        String delta = DELTA_HEADER + "3\n+,0912000003,TWM\n+,0912345678,TWM\n-,0933123456\n"
                + "#END count=3 sha256=a297404fe14e4292e86243edcaaa39c017e98b05ae29c7a7220cd3629a950f7f\n";

        assertThat(parser.parseSnapshot(new StringReader(snapshot), "s").errors())
                .isEmpty();
        assertThat(parser.parseDelta(new StringReader(delta), "d").errors()).isEmpty();
    }

    @Test
    void theTrailerIsOptionalAndCrLfAndABomAreAccepted() {
        String text = "\uFEFF" + SNAPSHOT_HEADER + "2\r\n0933123456,TWM\r\n0912345678,FET\r\n"
                + trailer(2, "0933123456,TWM", "0912345678,FET").replace("\n", "\r\n");

        assertThat(parser.parseSnapshot(new StringReader(text), "crlf.txt").errors())
                .isEmpty();
        assertThat(parser.parseSnapshot(new StringReader(SNAPSHOT_HEADER + "1\n0912345678,FET"), "no-trailer.txt")
                        .snapshot())
                .hasValueSatisfying(i -> assertThat(i.size()).isEqualTo(1));
    }

    @Test
    void readsAnEmptySnapshot() {
        NpParseResult result = parser.parseSnapshot(new StringReader(SNAPSHOT_HEADER + "0\n"), "empty.txt");

        assertThat(result.errors()).isEmpty();
        assertThat(result.snapshot())
                .hasValueSatisfying(i -> assertThat(i.size()).isZero());
    }

    @Test
    void readsADeltaInFileOrder() {
        String text = DELTA_HEADER + "3\n+,0912345678,TWM\n-,0933123456\n+,0912345678,CHT\n"
                + trailer(3, "+,0912345678,TWM", "-,0933123456", "+,0912345678,CHT");

        NpParseResult result = parser.parseDelta(new StringReader(text), "np-delta-20261128.txt");

        assertThat(result.errors()).isEmpty();
        assertThat(result.header().base()).isEqualTo(LocalDate.parse("2026-11-27"));
        assertThat(result.deltaEntries())
                .containsExactly(
                        DeltaEntry.port("0912345678", Carrier.TWM),
                        DeltaEntry.remove("0933123456"),
                        DeltaEntry.port("0912345678", Carrier.CHT));
        assertThat(result.snapshot()).isEmpty();
    }

    @Test
    void readsWhatTheWriterWrites(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("np.txt");
        try (var out = Files.newBufferedWriter(file);
                var w = NpFileWriter.snapshot(out, LocalDate.parse("2026-11-27"), "TWNP", 2)) {
            w.ported("0988000000", Carrier.TWM).ported("0912000000", Carrier.FET);
        }
        Path delta = dir.resolve("delta.txt");
        try (var out = Files.newBufferedWriter(delta);
                var w = NpFileWriter.delta(
                        out, LocalDate.parse("2026-11-28"), LocalDate.parse("2026-11-27"), "TWNP", 2)) {
            w.entry(DeltaEntry.remove("0988000000")).entry(DeltaEntry.port("0912000001", Carrier.CHT));
        }

        NpParseResult snapshot = parser.parseSnapshot(file);
        NpParseResult changes = parser.parseDelta(delta);

        assertThat(snapshot.errors()).isEmpty();
        assertThat(snapshot.sourceName()).isEqualTo("np.txt");
        assertThat(changes.errors()).isEmpty();
        PortedNumberIndex next = snapshot.snapshot().orElseThrow().applyDelta(changes.deltaEntries());
        assertThat(next.carrierOf("0988000000")).isEmpty();
        assertThat(next.carrierOf("0912000000")).contains(Carrier.FET);
        assertThat(next.carrierOf("0912000001")).contains(Carrier.CHT);
    }

    @Test
    void reportsEveryBadRecordWithItsLineAndRejectsTheWholeFile() {
        String text = SNAPSHOT_HEADER + "8\n" // blank and # lines are not records
                + "0912345678,FET\n" // 2 fine
                + "0912345678\n" // 3 no carrier
                + "0912345678,FET,x\n" // 4 three fields
                + "+886912345678,FET\n" // 5 international form
                + "0212345678,CHT\n" // 6 landline
                + "0990000000,CHT\n" // 7 outside the mobile range
                + "0933123456,APT\n" // 8 carrier merged away in 2023
                + "\n" // 9 blank
                + "# a comment\n" // 10 stray directive
                + "0933123456,twm\n"; // 11 lower case

        NpParseResult result = parser.parseSnapshot(new StringReader(text), "bad.txt");

        assertThat(result.isValid()).isFalse();
        assertThat(result.snapshot()).isEmpty();
        assertThat(result.errors())
                .extracting(NpFileError::lineNumber, NpFileError::code)
                .containsExactly(
                        tuple(3, NpErrorCode.BAD_RECORD),
                        tuple(4, NpErrorCode.BAD_RECORD),
                        tuple(5, NpErrorCode.BAD_NUMBER),
                        tuple(6, NpErrorCode.NOT_MOBILE),
                        tuple(7, NpErrorCode.NOT_MOBILE),
                        tuple(8, NpErrorCode.UNKNOWN_CARRIER),
                        tuple(9, NpErrorCode.BLANK_LINE),
                        tuple(10, NpErrorCode.BAD_RECORD),
                        tuple(11, NpErrorCode.UNKNOWN_CARRIER));
        assertThat(result.errorCount()).isEqualTo(9);
        NpFileError landline = result.errors().get(3);
        assertThat(landline.messageZh()).startsWith("非行動電話門號：").contains("0212345678");
        assertThat(landline.messageEn()).startsWith("not a mobile number: ");
        assertThat(landline.lineExcerpt()).isEqualTo("0212345678,CHT");
    }

    @Test
    void reportsDuplicateNumbersInASnapshotAtTheLaterLine() {
        String text = SNAPSHOT_HEADER + "4\n0912345678,FET\n0933123456,TWM\n0912345678,TWM\n0933123456,TWM\n";

        NpParseResult result = parser.parseSnapshot(new StringReader(text), "dup.txt");

        assertThat(result.snapshot()).isEmpty();
        assertThat(result.errors())
                .extracting(NpFileError::lineNumber, NpFileError::code, NpFileError::lineExcerpt)
                .containsExactly(
                        tuple(4, NpErrorCode.DUPLICATE_NUMBER, "0912345678,TWM"),
                        tuple(5, NpErrorCode.DUPLICATE_NUMBER, "0933123456,TWM"));
        assertThat(result.errors().get(0).messageEn()).contains("line 2");
    }

    @Test
    void reportsBadDeltaRecords() {
        String text = DELTA_HEADER + "6\n"
                + "+,0912345678,FET\n" // 2 fine
                + "*,0912345678,FET\n" // 3 unknown operation
                + "+,0912345678\n" // 4 port without carrier
                + "-,0912345678,FET\n" // 5 removal with carrier
                + "+0912345678,FET\n" // 6 no comma after the operation
                + "-,091234567\n"; // 7 short number

        NpParseResult result = parser.parseDelta(new StringReader(text), "bad-delta.txt");

        assertThat(result.deltaEntries()).isEmpty();
        assertThat(result.errors())
                .extracting(NpFileError::lineNumber, NpFileError::code)
                .containsExactly(
                        tuple(3, NpErrorCode.BAD_OPERATION),
                        tuple(4, NpErrorCode.BAD_RECORD),
                        tuple(5, NpErrorCode.BAD_RECORD),
                        tuple(6, NpErrorCode.BAD_RECORD),
                        tuple(7, NpErrorCode.BAD_NUMBER));
    }

    @Test
    void aDeltaMayRepeatANumber() {
        String text = DELTA_HEADER + "2\n+,0912345678,FET\n+,0912345678,TWM\n";

        assertThat(parser.parseDelta(new StringReader(text), "d.txt").deltaEntries())
                .hasSize(2);
    }

    @Test
    void theHeaderMustComeFirst() {
        NpParseResult result =
                parser.parseSnapshot(new StringReader("0912345678,FET\n" + SNAPSHOT_HEADER + "1\n"), "x.txt");

        assertThat(result.errors())
                .extracting(NpFileError::lineNumber, NpFileError::code)
                .containsExactly(tuple(1, NpErrorCode.MISSING_HEADER), tuple(2, NpErrorCode.BAD_RECORD));
        assertThat(codes(parser.parseSnapshot(new StringReader(""), "empty.txt")))
                .containsExactly(NpErrorCode.MISSING_HEADER);
    }

    @Test
    void rejectsMalformedHeaders() {
        assertThat(headerErrors("#NP-SNAPSHOT v2 date=2026-11-27 source=TWNP count=0"))
                .containsExactly(NpErrorCode.BAD_HEADER);
        assertThat(headerErrors("#NP-SNAPSHOT v1 date=2026-11-27 count=0")).containsExactly(NpErrorCode.BAD_HEADER);
        assertThat(headerErrors("#NP-SNAPSHOT v1 date=2026-11-31 source=TWNP count=0"))
                .containsExactly(NpErrorCode.BAD_HEADER);
        assertThat(headerErrors("#NP-SNAPSHOT v1 date=2026-11-27 source=TWNP count=-1"))
                .containsExactly(NpErrorCode.BAD_HEADER);
        assertThat(headerErrors("#NP-SNAPSHOT v1 date=2026-11-27 source=TWNP count=0 extra=1"))
                .containsExactly(NpErrorCode.BAD_HEADER);
        assertThat(headerErrors("#NP-SNAPSHOT v1 date=2026-11-27 source=TW/NP count=0"))
                .containsExactly(NpErrorCode.BAD_HEADER);
        assertThat(headerErrors("#NP-SNAPSHOT v1 date=2026-11-27  source=TWNP count=0"))
                .containsExactly(NpErrorCode.BAD_HEADER);
        assertThat(headerErrors("#NP-FULL v1 date=2026-11-27 source=TWNP count=0"))
                .containsExactly(NpErrorCode.BAD_HEADER);
        NpParseResult delta = parser.parseDelta(
                new StringReader("#NP-DELTA v1 date=2026-11-27 base=2026-11-27 source=TWNP count=0\n"), "d.txt");
        assertThat(codes(delta)).containsExactly(NpErrorCode.BAD_HEADER);
        assertThat(delta.header()).isNull();
    }

    @Test
    void aDeltaIsNotASnapshot() {
        NpParseResult result =
                parser.parseSnapshot(new StringReader(DELTA_HEADER + "1\n+,0912345678,FET\n"), "delta.txt");

        assertThat(result.errors())
                .extracting(NpFileError::lineNumber, NpFileError::code)
                .containsExactly(tuple(1, NpErrorCode.WRONG_FILE_KIND));
        assertThat(codes(parser.parseDelta(new StringReader(SNAPSHOT_HEADER + "0\n"), "s.txt")))
                .containsExactly(NpErrorCode.WRONG_FILE_KIND);
    }

    @Test
    void checksTheCountsAgainstTheRecords() {
        String text = SNAPSHOT_HEADER + "3\n0912345678,FET\n0933123456,TWM\n" + "#END count=1 sha256="
                + sha256("0912345678,FET", "0933123456,TWM") + "\n";

        NpParseResult result = parser.parseSnapshot(new StringReader(text), "short.txt");

        assertThat(result.errors())
                .extracting(NpFileError::lineNumber, NpFileError::code)
                .containsExactly(tuple(4, NpErrorCode.COUNT_MISMATCH), tuple(4, NpErrorCode.COUNT_MISMATCH));
        assertThat(result.errors().get(0).messageEn()).contains("header says 3", "has 2");
        assertThat(codes(parser.parseSnapshot(new StringReader(SNAPSHOT_HEADER + "2\n0912345678,FET\n"), "t.txt")))
                .containsExactly(NpErrorCode.COUNT_MISMATCH);
    }

    @Test
    void checksTheChecksumOfTheRecords() {
        String text = SNAPSHOT_HEADER + "1\n0912345678,TWM\n" + trailer(1, "0912345678,FET");

        NpParseResult result = parser.parseSnapshot(new StringReader(text), "tampered.txt");

        assertThat(result.errors())
                .extracting(NpFileError::lineNumber, NpFileError::code)
                .containsExactly(tuple(3, NpErrorCode.CHECKSUM_MISMATCH));
        assertThat(result.snapshot()).isEmpty();
    }

    @Test
    void rejectsABadTrailerAndAnythingAfterTheTrailer() {
        String bad = SNAPSHOT_HEADER + "1\n0912345678,FET\n#END count=1\n";
        String after = SNAPSHOT_HEADER + "1\n0912345678,FET\n" + trailer(1, "0912345678,FET") + "0933123456,TWM\n";

        assertThat(parser.parseSnapshot(new StringReader(bad), "b.txt").errors())
                .extracting(NpFileError::lineNumber, NpFileError::code)
                .containsExactly(tuple(3, NpErrorCode.BAD_TRAILER));
        assertThat(parser.parseSnapshot(new StringReader(after), "a.txt").errors())
                .extracting(NpFileError::lineNumber, NpFileError::code)
                .containsExactly(tuple(4, NpErrorCode.AFTER_TRAILER));
    }

    @Test
    void rejectsBytesThatAreNotUtf8() {
        byte[] bytes = (SNAPSHOT_HEADER + "2\n0912345678,FET\n0933123456,").getBytes(StandardCharsets.UTF_8);
        byte[] bad = new byte[bytes.length + 5];
        System.arraycopy(bytes, 0, bad, 0, bytes.length);
        System.arraycopy(new byte[] {(byte) 0xC3, (byte) 0x28, 'T', 'W', '\n'}, 0, bad, bytes.length, 5);

        NpParseResult result = parser.parseSnapshot(new ByteArrayInputStream(bad), "latin.txt");

        assertThat(result.errors()).extracting(NpFileError::code).contains(NpErrorCode.BAD_ENCODING);
        assertThat(result.snapshot()).isEmpty();
    }

    @Test
    void rejectsBytesThatAreNotUtf8InAFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("big5.txt");
        Files.write(file, (SNAPSHOT_HEADER + "1\n0912345678,遠傳\n").getBytes("Big5"));

        assertThat(codes(parser.parseSnapshot(file))).contains(NpErrorCode.BAD_ENCODING);
    }

    @Test
    void reportsAFileThatCannotBeRead(@TempDir Path dir) {
        NpParseResult result = parser.parseSnapshot(dir.resolve("missing.txt"));

        assertThat(result.errors())
                .extracting(NpFileError::lineNumber, NpFileError::code)
                .containsExactly(tuple(0, NpErrorCode.IO_ERROR));
    }

    @Test
    void stopsAtTheRecordLimit() {
        NpParseResult result = new NpFileParser(10, 2)
                .parseSnapshot(
                        new StringReader(SNAPSHOT_HEADER + "2\n0912000001,FET\n0912000002,FET\n0912000003,FET\n"),
                        "long.txt");

        assertThat(result.errors())
                .extracting(NpFileError::lineNumber, NpFileError::code)
                .containsExactly(tuple(4, NpErrorCode.TOO_MANY_RECORDS));
    }

    @Test
    void keepsTheFirstErrorsAndCountsTheRest() {
        StringBuilder text = new StringBuilder(SNAPSHOT_HEADER + "2000\n");
        for (int i = 0; i < 2000; i++) {
            text.append("0212345678,CHT\n");
        }

        NpParseResult result = parser.parseSnapshot(new StringReader(text.toString()), "junk.txt");

        assertThat(result.errors()).hasSize(NpFileParser.DEFAULT_MAX_ERRORS);
        assertThat(result.errorCount()).isEqualTo(2000);
        assertThat(result.errorsTruncated()).isTrue();
        assertThat(result.errors().get(999).lineNumber()).isEqualTo(1001);
    }

    @Test
    void excerptsAreShortAndPrintable() {
        String line = "0912345678,\tFET" + "x".repeat(200);

        NpFileError e = parser.parseSnapshot(new StringReader(SNAPSHOT_HEADER + "1\n" + line + "\n"), "x")
                .errors()
                .get(0);

        assertThat(e.lineExcerpt()).hasSize(80).startsWith("0912345678,?FET");
    }

    static List<NpErrorCode> codes(NpParseResult result) {
        return result.errors().stream().map(NpFileError::code).toList();
    }

    private List<NpErrorCode> headerErrors(String header) {
        return codes(parser.parseSnapshot(new StringReader(header + "\n"), "h.txt"));
    }

    static String trailer(int count, String... records) {
        return "#END count=" + count + " sha256=" + sha256(records) + "\n";
    }

    static String sha256(String... records) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            for (String r : records) {
                d.update((r + "\n").getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(d.digest());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
