package tw.gov.sms.routing.domain;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The first line of a number-portability file: its kind, format version, the data date (the snapshot id), for a
 * delta the date of the data it continues ({@code base}), the sending system, and the number of records.
 */
public record NpHeader(
        NpParseResult.Kind kind, int version, LocalDate date, LocalDate base, String source, long count) {

    public NpHeader {
        Objects.requireNonNull(kind);
        Objects.requireNonNull(date);
        Objects.requireNonNull(source);
        if ((kind == NpParseResult.Kind.DELTA) != (base != null)) {
            throw new IllegalArgumentException("a delta, and only a delta, has a base date");
        }
    }

    /** The header line as written to a file. */
    public String line() {
        return switch (kind) {
            case SNAPSHOT -> "#NP-SNAPSHOT v" + version + " date=" + date + " source=" + source + " count=" + count;
            case DELTA ->
                "#NP-DELTA v" + version + " date=" + date + " base=" + base + " source=" + source + " count=" + count;
        };
    }
}
