package tw.gov.sms.files;

/**
 * How much one upload may hold. Every limit is checked while streaming, never by trusting what a file declares.
 *
 * @param maxFileBytes size of the uploaded file itself
 * @param maxUncompressedBytes all bytes decompressed for one upload together (zip entries, and the parts of xlsx
 *     workbooks, which are zips too): declared sizes are checked first, then the bytes actually produced
 * @param maxCompressionRatio uncompressed to compressed size of any one compressed entry; checked once the entry has
 *     produced more than {@link #RATIO_GRACE_BYTES}, so tiny highly repetitive files are not refused. POI's own
 *     guard ({@code ZipSecureFile}, a JVM-wide setting) also refuses xlsx parts over 100:1; a deployment that raises
 *     this limit above 100 must lower {@code ZipSecureFile.setMinInflateRatio} to match
 * @param maxZipEntries list files in one zip (directories, {@code __MACOSX/}, {@code .DS_Store} and the like not
 *     counted)
 * @param maxRows data rows in the whole upload, across zip entries
 * @param maxColumns columns in a header row
 * @param maxCellChars characters in one value; a longer value is a problem of its row
 */
public record FileLimits(
        long maxFileBytes,
        long maxUncompressedBytes,
        int maxCompressionRatio,
        int maxZipEntries,
        long maxRows,
        int maxColumns,
        int maxCellChars) {

    /** An entry must have produced this many bytes before its compression ratio is judged (1 MiB). */
    public static final long RATIO_GRACE_BYTES = 1L << 20;

    private static final long MIB = 1L << 20;

    public FileLimits {
        if (maxFileBytes < 1
                || maxUncompressedBytes < 1
                || maxCompressionRatio < 1
                || maxZipEntries < 1
                || maxRows < 1
                || maxColumns < 1
                || maxCellChars < 1) {
            throw new IllegalArgumentException("every file limit must be positive");
        }
    }

    /** 100 MiB file, 500 MiB uncompressed, ratio 100, 20 zip entries, 2,000,000 rows, 50 columns, 1,000 chars. */
    public static FileLimits defaults() {
        return new FileLimits(100 * MIB, 500 * MIB, 100, 20, 2_000_000, 50, 1_000);
    }
}
