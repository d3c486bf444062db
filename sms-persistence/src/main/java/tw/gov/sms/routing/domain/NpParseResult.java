package tw.gov.sms.routing.domain;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of reading one number-portability file: either the built snapshot index or the delta entries, or
 * the errors. A file with any error is rejected whole: there is then no index and no entries, never a partial one.
 */
public final class NpParseResult {

    public enum Kind {
        SNAPSHOT,
        DELTA
    }

    private final Kind kind;
    private final String sourceName;
    private final NpHeader header;
    private final PortedNumberIndex snapshot;
    private final List<DeltaEntry> deltaEntries;
    private final List<NpFileError> errors;
    private final int errorCount;
    private final int linesRead;
    private final int recordCount;

    NpParseResult(
            Kind kind,
            String sourceName,
            NpHeader header,
            PortedNumberIndex snapshot,
            List<DeltaEntry> deltaEntries,
            List<NpFileError> errors,
            int errorCount,
            int linesRead,
            int recordCount) {
        this.kind = kind;
        this.sourceName = sourceName;
        this.header = header;
        boolean valid = errors.isEmpty();
        this.snapshot = valid ? snapshot : null;
        this.deltaEntries = valid && deltaEntries != null ? List.copyOf(deltaEntries) : List.of();
        this.errors = List.copyOf(errors);
        this.errorCount = errorCount;
        this.linesRead = linesRead;
        this.recordCount = recordCount;
    }

    /** True when the file had no error and its content may be used. */
    public boolean isValid() {
        return errors.isEmpty();
    }

    /** The kind the parser was asked to read. */
    public Kind kind() {
        return kind;
    }

    public String sourceName() {
        return sourceName;
    }

    /** The header, or null when it was missing or malformed. */
    public NpHeader header() {
        return header;
    }

    /** The index of a valid snapshot file. */
    public Optional<PortedNumberIndex> snapshot() {
        return Optional.ofNullable(snapshot);
    }

    /** The entries of a valid delta file, in file order; empty otherwise. */
    public List<DeltaEntry> deltaEntries() {
        return deltaEntries;
    }

    /** The errors, in line order, at most the parser's cap. */
    public List<NpFileError> errors() {
        return errors;
    }

    /** All errors found, including those beyond the cap. */
    public int errorCount() {
        return errorCount;
    }

    public boolean errorsTruncated() {
        return errorCount > errors.size();
    }

    public int linesRead() {
        return linesRead;
    }

    /** Record lines seen (between header and trailer, excluding blank lines), valid or not. */
    public int recordCount() {
        return recordCount;
    }

    @Override
    public String toString() {
        return "NpParseResult[" + kind + " " + sourceName + ", lines=" + linesRead + ", records=" + recordCount
                + ", errors=" + errorCount + "]";
    }
}
