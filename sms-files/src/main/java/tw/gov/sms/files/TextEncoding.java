package tw.gov.sms.files;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * The text encodings a txt or csv file may use. {@link #BIG5} is Java's {@code x-windows-950} (Microsoft CP950): what
 * Excel on Traditional Chinese Windows writes as "CSV (逗號分隔)". Plain {@code Big5} would lack 碁 銹 裏 墻 恒 and
 * the box-drawing characters that CP950 adds.
 */
public enum TextEncoding {
    UTF8(StandardCharsets.UTF_8, 0, "UTF-8"),
    UTF8_BOM(StandardCharsets.UTF_8, 3, "UTF-8"),
    BIG5(Charset.forName("x-windows-950"), 0, "Big5 (CP950)"),
    UTF16LE_BOM(StandardCharsets.UTF_16LE, 2, "UTF-16LE"),
    UTF16BE_BOM(StandardCharsets.UTF_16BE, 2, "UTF-16BE");

    private final Charset charset;
    private final int bomLength;
    private final String label;

    TextEncoding(Charset charset, int bomLength, String label) {
        this.charset = charset;
        this.bomLength = bomLength;
        this.label = label;
    }

    /** The charset that decodes the bytes after the byte-order mark. */
    public Charset charset() {
        return charset;
    }

    /** Length of the byte-order mark the file starts with (0 when it has none). */
    public int bomLength() {
        return bomLength;
    }

    /** A name for people, as used in messages. */
    public String label() {
        return label;
    }
}
