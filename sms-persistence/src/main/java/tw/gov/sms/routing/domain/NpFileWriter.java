package tw.gov.sms.routing.domain;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.HexFormat;

/**
 * Writes a number-portability file in the format {@link NpFileParser} reads, trailer and checksum included: for
 * exports, test data and the benchmark. The record count is declared up front (it is in the header) and checked
 * on {@link #close()}.
 */
public final class NpFileWriter implements Closeable {

    private final Writer out;
    private final NpHeader header;
    private final MessageDigest digest = NpFileParser.sha256();
    private final StringBuilder line = new StringBuilder(32);
    private final byte[] bytes = new byte[32];
    private long written;

    private NpFileWriter(Writer out, NpHeader header) {
        this.out = out;
        this.header = header;
        write(header.line());
    }

    public static NpFileWriter snapshot(Writer out, LocalDate date, String source, long count) {
        return new NpFileWriter(out, new NpHeader(NpParseResult.Kind.SNAPSHOT, 1, date, null, source, count));
    }

    public static NpFileWriter delta(Writer out, LocalDate date, LocalDate base, String source, long count) {
        return new NpFileWriter(out, new NpHeader(NpParseResult.Kind.DELTA, 1, date, base, source, count));
    }

    /** A snapshot record: {@code 09xxxxxxxx,CARRIER}. */
    public NpFileWriter ported(int key, Carrier carrier) {
        requireKind(NpParseResult.Kind.SNAPSHOT);
        line.setLength(0);
        line.append(MobileNumbers.nationalOf(key)).append(',').append(carrier.name());
        return record();
    }

    public NpFileWriter ported(String national, Carrier carrier) {
        return ported(key(national), carrier);
    }

    /** A delta record: {@code +,09xxxxxxxx,CARRIER}. */
    public NpFileWriter port(String national, Carrier carrier) {
        requireKind(NpParseResult.Kind.DELTA);
        line.setLength(0);
        line.append("+,")
                .append(MobileNumbers.nationalOf(key(national)))
                .append(',')
                .append(carrier.name());
        return record();
    }

    /** A delta record: {@code -,09xxxxxxxx}. */
    public NpFileWriter remove(String national) {
        requireKind(NpParseResult.Kind.DELTA);
        line.setLength(0);
        line.append("-,").append(MobileNumbers.nationalOf(key(national)));
        return record();
    }

    public NpFileWriter entry(DeltaEntry e) {
        return e.operation() == DeltaEntry.Operation.PORT ? port(e.national(), e.carrier()) : remove(e.national());
    }

    private NpFileWriter record() {
        int n = line.length(); // records are ASCII
        for (int i = 0; i < n; i++) {
            bytes[i] = (byte) line.charAt(i);
        }
        bytes[n] = '\n';
        digest.update(bytes, 0, n + 1);
        written++;
        write(line);
        return this;
    }

    /** Writes the trailer; fails if fewer or more records were written than the header declared. */
    @Override
    public void close() {
        if (written != header.count()) {
            throw new IllegalStateException("header declared " + header.count() + " records, wrote " + written);
        }
        write("#END count=" + written + " sha256=" + HexFormat.of().formatHex(digest.digest()));
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(CharSequence s) {
        try {
            out.append(s).append('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void requireKind(NpParseResult.Kind kind) {
        if (header.kind() != kind) {
            throw new IllegalStateException("not a " + kind + " file");
        }
    }

    private static int key(String national) {
        int key = MobileNumbers.keyOf(national);
        if (key < 0) {
            throw new IllegalArgumentException("not a canonical mobile number: " + national);
        }
        return key;
    }
}
