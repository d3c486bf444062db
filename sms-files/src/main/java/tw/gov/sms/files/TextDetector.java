package tw.gov.sms.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import tw.gov.sms.shared.domain.ProblemCode;

/**
 * Decides the encoding of a text file in one streaming pass, never holding more than a chunk: a byte-order mark
 * decides alone (and the rest must be valid in it); otherwise strict UTF-8 and strict CP950 decoders run side by
 * side over every byte, and the first that never fails wins, UTF-8 first (pure ASCII is UTF-8). NUL bytes are
 * refused outright: UTF-16 without a byte-order mark is valid "UTF-8" when its text is ASCII, so decoding alone would
 * let it through.
 */
final class TextDetector {

    static final int CHUNK = 64 * 1024;

    /** Looks at the first bytes before anything is decoded (a zip entry must not be a zip, for instance). */
    @FunctionalInterface
    interface HeadCheck {
        void check(byte[] head, int length) throws FileRejectedException;
    }

    private TextDetector() {}

    static TextEncoding detect(InputStream in, String name, String entry, HeadCheck headCheck)
            throws IOException, FileRejectedException {
        byte[] buf = new byte[CHUNK];
        int n = in.readNBytes(buf, 0, CHUNK);
        if (n <= 0) {
            throw Problems.reject(entry, ProblemCode.FILE_EMPTY, name);
        }
        headCheck.check(buf, n);
        TextEncoding bom = bom(buf, n);
        int start = bom == null ? 0 : bom.bomLength();
        boolean checkNul = bom == null || bom == TextEncoding.UTF8_BOM;
        Strict first = new Strict(bom == null ? StandardCharsets.UTF_8 : bom.charset(), start);
        Strict second = bom == null ? new Strict(TextEncoding.BIG5.charset(), 0) : null;
        long offset = 0;
        long lineFeeds = 0;
        while (n > 0) {
            if (checkNul) {
                for (int i = start; i < n; i++) {
                    if (buf[i] == 0) {
                        throw Problems.reject(entry, ProblemCode.FILE_NUL_BYTES, name, lineFeeds + 1, offset + i);
                    }
                    if (buf[i] == '\n') {
                        lineFeeds++;
                    }
                }
            }
            first.feed(buf, start, n - start);
            if (second != null) {
                second.feed(buf, start, n - start);
            }
            if (first.failed && (second == null || second.failed)) {
                break;
            }
            offset += n;
            start = 0;
            n = in.readNBytes(buf, 0, CHUNK);
        }
        first.finish();
        if (second != null) {
            second.finish();
        }
        if (bom != null) {
            if (first.failed) {
                throw Problems.reject(
                        entry, ProblemCode.FILE_ENCODING_INVALID, name, bom.label(), first.failLine, first.failOffset);
            }
            return bom;
        }
        if (!first.failed) {
            return TextEncoding.UTF8;
        }
        if (!second.failed) {
            return TextEncoding.BIG5;
        }
        throw Problems.reject(
                entry,
                ProblemCode.FILE_ENCODING_UNDECIDED,
                name,
                first.failLine,
                first.failOffset,
                second.failLine,
                second.failOffset);
    }

    static TextEncoding bom(byte[] b, int n) {
        if (n >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF) {
            return TextEncoding.UTF8_BOM;
        }
        if (n >= 2 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE) {
            return TextEncoding.UTF16LE_BOM;
        }
        if (n >= 2 && (b[0] & 0xFF) == 0xFE && (b[1] & 0xFF) == 0xFF) {
            return TextEncoding.UTF16BE_BOM;
        }
        return null;
    }

    /** A decoder that only validates: it remembers where (byte offset, 1-based line) it first failed. */
    private static final class Strict {
        private final CharsetDecoder decoder;
        private final ByteBuffer in = ByteBuffer.allocate(CHUNK + 16);
        private final CharBuffer out = CharBuffer.allocate(CHUNK + 16);
        private long base;
        private long lines;
        boolean failed;
        long failOffset;
        long failLine;

        Strict(Charset charset, long base) {
            this.decoder = charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            this.base = base;
        }

        void feed(byte[] b, int off, int len) {
            if (failed) {
                return;
            }
            in.put(b, off, len);
            in.flip();
            decode(false);
            base += in.position();
            in.compact();
        }

        void finish() {
            if (failed) {
                return;
            }
            in.flip();
            decode(true);
        }

        private void decode(boolean end) {
            while (true) {
                CoderResult r = decoder.decode(in, out, end);
                out.flip();
                while (out.hasRemaining()) {
                    if (out.get() == '\n') {
                        lines++;
                    }
                }
                out.clear();
                if (r.isError()) {
                    failed = true;
                    failOffset = base + in.position();
                    failLine = lines + 1;
                    return;
                }
                if (r.isUnderflow()) {
                    return;
                }
            }
        }
    }
}
