package tw.gov.sms.files;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import tw.gov.sms.shared.domain.ProblemCode;

/**
 * The decompression budget of one upload: every byte any zip entry or xlsx part produces is counted against
 * {@link FileLimits#maxUncompressedBytes()}, and each entry's produced-to-consumed ratio against {@link
 * FileLimits#maxCompressionRatio()}, while it streams. Declared sizes are checked too, beforehand, but never trusted.
 */
final class Inflation {

    private final FileLimits limits;
    private final String uploadName;
    private long total;

    Inflation(FileLimits limits, String uploadName) {
        this.limits = limits;
        this.uploadName = uploadName;
    }

    /** Declared sizes, before any byte is read; {@code size < 0} means unknown. */
    void checkDeclared(String label, String entry, long size, long compressedSize) throws FileRejectedException {
        if (size > limits.maxUncompressedBytes()) {
            throw tooLarge(entry);
        }
        if (size > FileLimits.RATIO_GRACE_BYTES && size / Math.max(1, compressedSize) > limits.maxCompressionRatio()) {
            throw ratio(label, entry, size / Math.max(1, compressedSize));
        }
    }

    void checkDeclaredTotal(String entry, long declaredTotal) throws FileRejectedException {
        if (declaredTotal > limits.maxUncompressedBytes()) {
            throw tooLarge(entry);
        }
    }

    /**
     * Wraps an entry's decompressed bytes.
     *
     * @param compressed the stream of its compressed bytes, counted as the inflater consumes them
     * @param label what the ratio message names (the zip entry, or the workbook whose part it is)
     * @param entry the zip entry for {@link FileProblem#entry()}
     */
    InputStream guard(InputStream data, Counting compressed, String label, String entry) {
        return new Guarded(data, compressed, label, entry);
    }

    private FileRejectedException tooLarge(String entry) {
        return Problems.reject(
                entry,
                ProblemCode.FILE_ZIP_UNCOMPRESSED_TOO_LARGE,
                uploadName,
                Problems.size(limits.maxUncompressedBytes()));
    }

    private FileRejectedException ratio(String label, String entry, long ratio) {
        return Problems.reject(
                entry,
                ProblemCode.FILE_ZIP_RATIO_TOO_HIGH,
                label,
                Math.min(ratio, Integer.MAX_VALUE),
                limits.maxCompressionRatio());
    }

    /** Counts the bytes read through it. */
    static final class Counting extends FilterInputStream {
        long count;

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long s = super.skip(n);
            count += Math.max(0, s);
            return s;
        }
    }

    /** An {@link IOException} that carries a rejection through {@link InputStream#read}. */
    static final class Rejected extends IOException {
        private static final long serialVersionUID = 1L;
        final transient FileRejectedException rejection;

        Rejected(FileRejectedException rejection) {
            super(rejection.getMessage());
            this.rejection = rejection;
        }
    }

    private final class Guarded extends FilterInputStream {
        private final Counting compressed;
        private final String label;
        private final String entry;
        private long produced;

        Guarded(InputStream data, Counting compressed, String label, String entry) {
            super(data);
            this.compressed = compressed;
            this.label = label;
            this.entry = entry;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n <= 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                account(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            // Skipping still decompresses: count it by reading.
            byte[] tmp = new byte[(int) Math.min(8192, Math.max(1, n))];
            long done = 0;
            while (done < n) {
                int r = read(tmp, 0, (int) Math.min(tmp.length, n - done));
                if (r < 0) {
                    break;
                }
                done += r;
            }
            return done;
        }

        private void account(int n) throws Rejected {
            produced += n;
            total += n;
            if (total > limits.maxUncompressedBytes()) {
                throw new Rejected(tooLarge(entry));
            }
            if (produced > FileLimits.RATIO_GRACE_BYTES) {
                long ratio = produced / Math.max(1, compressed.count);
                if (ratio > limits.maxCompressionRatio()) {
                    throw new Rejected(ratio(label, entry, ratio));
                }
            }
        }
    }
}
