package tw.gov.sms.files;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.List;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import tw.gov.sms.shared.domain.ProblemCode;

/**
 * A zip file opened for checked reading (an upload zip, or an xlsx workbook, which is a zip too).
 *
 * <p>Before commons-compress loads the central directory, its entries are counted by walking it, so a directory of a
 * million tiny entries is refused without building a million objects. Entry names without the UTF-8 flag are decoded
 * as CP950, which is what Windows' built-in zip writes on a Traditional Chinese system. Entry data is inflated here,
 * from the raw compressed bytes, so the compressed bytes actually consumed are known and the ratio is real.
 */
final class ZipAccess implements Closeable {

    static final int STORED = 0;
    static final int DEFLATED = 8;

    private final ZipFile zip;
    private final List<ZipArchiveEntry> entries;

    private ZipAccess(ZipFile zip, List<ZipArchiveEntry> entries) {
        this.zip = zip;
        this.entries = entries;
    }

    /**
     * @param maxRawEntries how many central-directory entries (directories and ignored files included) are tolerated
     * @param limitForMessage the limit the agency is told about
     */
    static ZipAccess open(Path file, String name, String entry, int maxRawEntries, int limitForMessage)
            throws IOException, FileRejectedException {
        long counted = countEntries(file, maxRawEntries);
        if (counted > maxRawEntries) {
            throw Problems.reject(entry, ProblemCode.FILE_ZIP_TOO_MANY_ENTRIES, name, counted, limitForMessage);
        }
        ZipFile zip = ZipFile.builder()
                .setPath(file)
                .setCharset(TextEncoding.BIG5.charset())
                .setUseUnicodeExtraFields(true)
                .get();
        List<ZipArchiveEntry> list = Collections.list(zip.getEntries());
        if (list.size() > maxRawEntries) {
            zip.close();
            throw Problems.reject(entry, ProblemCode.FILE_ZIP_TOO_MANY_ENTRIES, name, list.size(), limitForMessage);
        }
        return new ZipAccess(zip, list);
    }

    /** Entries in central-directory order. */
    List<ZipArchiveEntry> entries() {
        return entries;
    }

    /**
     * The entry name as stored, decoded but not normalised: commons-compress turns the backslashes of names written
     * on a FAT platform into slashes, which would hide {@code dir\list.csv} and {@code ..\x}. The raw bytes are
     * decoded as a whole (never scanned for byte 0x5C, which is the second byte of CP950 characters such as 許 and 功).
     */
    static String rawName(ZipArchiveEntry e) {
        java.nio.charset.Charset cs = e.getGeneralPurposeBit().usesUTF8ForNames()
                ? java.nio.charset.StandardCharsets.UTF_8
                : TextEncoding.BIG5.charset();
        return new String(e.getRawName(), cs);
    }

    static boolean encrypted(ZipArchiveEntry e) {
        return e.getGeneralPurposeBit().usesEncryption()
                || e.getGeneralPurposeBit().usesStrongEncryption();
    }

    /** The entry's decompressed bytes, counted against the budget while they stream. */
    InputStream open(ZipArchiveEntry e, Inflation budget, String label, String entry) throws IOException {
        InputStream raw = zip.getRawInputStream(e);
        if (raw == null) {
            throw new java.util.zip.ZipException("entry data not found: " + e.getName());
        }
        Inflation.Counting compressed = new Inflation.Counting(raw);
        InputStream data;
        if (e.getMethod() == STORED) {
            data = compressed;
        } else if (e.getMethod() == DEFLATED) {
            Inflater inflater = new Inflater(true);
            data = new InflaterInputStream(compressed, inflater, 8192) {
                private boolean closed;

                @Override
                public void close() throws IOException {
                    if (!closed) {
                        closed = true;
                        try {
                            super.close();
                        } finally {
                            inflater.end();
                        }
                    }
                }
            };
        } else {
            raw.close();
            throw new java.util.zip.ZipException("compression method " + e.getMethod());
        }
        return budget.guard(data, compressed, label, entry);
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }

    /**
     * Counts central-directory headers from the offset the end record gives, stopping after {@code cap + 1}.
     * Returns 0 when the structure cannot be followed (commons-compress then decides whether the zip is readable).
     */
    static long countEntries(Path file, long cap) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            int tail = (int) Math.min(size, 22 + 65535);
            ByteBuffer b = read(ch, size - tail, tail);
            int eocd = -1;
            for (int i = tail - 22; i >= 0; i--) {
                if (b.getInt(i) == 0x06054b50) {
                    eocd = i;
                    break;
                }
            }
            if (eocd < 0) {
                return 0;
            }
            long declared = b.getShort(eocd + 10) & 0xFFFF;
            long cdOffset = b.getInt(eocd + 16) & 0xFFFFFFFFL;
            if ((declared == 0xFFFF || cdOffset == 0xFFFFFFFFL) && eocd >= 20 && b.getInt(eocd - 20) == 0x07064b50) {
                long zip64End = b.getLong(eocd - 20 + 8);
                if (zip64End >= 0 && zip64End + 56 <= size) {
                    ByteBuffer z = read(ch, zip64End, 56);
                    if (z.getInt(0) == 0x06064b50) {
                        declared = z.getLong(32);
                        cdOffset = z.getLong(48);
                    }
                }
            }
            if (declared > cap) {
                return declared;
            }
            long n = 0;
            long pos = cdOffset;
            while (n <= cap && pos >= 0 && pos + 46 <= size) {
                ByteBuffer h = read(ch, pos, 46);
                if (h.getInt(0) != 0x02014b50) {
                    break;
                }
                n++;
                pos += 46L + (h.getShort(28) & 0xFFFF) + (h.getShort(30) & 0xFFFF) + (h.getShort(32) & 0xFFFF);
            }
            return n;
        }
    }

    private static ByteBuffer read(FileChannel ch, long position, int length) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            if (ch.read(b, position + b.position()) < 0) {
                break;
            }
        }
        return b;
    }
}
