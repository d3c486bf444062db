package tw.gov.sms.sending.domain.content;

import java.util.Arrays;

/**
 * The GSM 03.38 default alphabet and its extension table (Latin/default national language only).
 *
 * <p>Extension characters {@code ^ { } \ [ ~ ] | €} are sent as the escape septet 0x1B followed by their code, so they
 * take two septets. The form feed of the extension table is left out on purpose: control characters are refused
 * by the content checks anyway.
 */
public final class GsmAlphabet {

    /** Septet 0x1B: escape to the extension table. */
    public static final int ESCAPE = 0x1B;

    private static final String BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001BÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

    private static final char[] EXTENSION_CHARS = {'^', '{', '}', '\\', '[', '~', ']', '|', '€'};
    private static final int[] EXTENSION_CODES = {0x14, 0x28, 0x29, 0x2F, 0x3C, 0x3D, 0x3E, 0x40, 0x65};

    /** Per BMP char: -1 not in the alphabet, 0..127 basic septet, 0x100 | code for extension characters. */
    private static final short[] LOOKUP = new short[0x10000];

    private static final char[] EXTENSION_DECODE = new char[128];

    static {
        if (BASIC.length() != 128) {
            throw new ExceptionInInitializerError("GSM basic table must have 128 entries: " + BASIC.length());
        }
        Arrays.fill(LOOKUP, (short) -1);
        for (int i = 0; i < 128; i++) {
            if (i != ESCAPE) {
                LOOKUP[BASIC.charAt(i)] = (short) i;
            }
        }
        for (int i = 0; i < EXTENSION_CHARS.length; i++) {
            LOOKUP[EXTENSION_CHARS[i]] = (short) (0x100 | EXTENSION_CODES[i]);
            EXTENSION_DECODE[EXTENSION_CODES[i]] = EXTENSION_CHARS[i];
        }
    }

    private GsmAlphabet() {}

    /** Septets for one UTF-16 char: 1, 2 (extension) or -1 when not in the alphabet. */
    public static int septets(char c) {
        short v = LOOKUP[c];
        return v < 0 ? -1 : (v >= 0x100 ? 2 : 1);
    }

    public static boolean isExtension(char c) {
        return LOOKUP[c] >= 0x100;
    }

    /** True when every character is in the basic or extension table (an empty string is encodable). */
    public static boolean canEncode(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            if (LOOKUP[s.charAt(i)] < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Septets needed for {@code s}, extension characters counting two.
     *
     * @throws IllegalArgumentException if {@code s} cannot be encoded
     */
    public static int septets(String s) {
        int total = 0;
        for (int i = 0, n = s.length(); i < n; i++) {
            int k = septets(s.charAt(i));
            if (k < 0) {
                throw notEncodable(s, i);
            }
            total += k;
        }
        return total;
    }

    /** One septet per byte; extension characters as {@code 0x1B, code}. */
    public static byte[] encodeUnpacked(String s) {
        byte[] out = new byte[septets(s)];
        int j = 0;
        for (int i = 0, n = s.length(); i < n; i++) {
            short v = LOOKUP[s.charAt(i)];
            if (v >= 0x100) {
                out[j++] = ESCAPE;
                out[j++] = (byte) (v & 0x7F);
            } else {
                out[j++] = (byte) v;
            }
        }
        return out;
    }

    /**
     * Inverse of {@link #encodeUnpacked(String)}.
     *
     * @throws IllegalArgumentException on a value above 0x7F, a trailing escape or an unknown extension code
     */
    public static String decodeUnpacked(byte[] b) {
        StringBuilder sb = new StringBuilder(b.length);
        for (int i = 0; i < b.length; i++) {
            int v = b[i];
            if (v < 0) {
                throw new IllegalArgumentException("not a septet at " + i + ": " + (v & 0xFF));
            }
            if (v == ESCAPE) {
                if (i + 1 >= b.length || b[i + 1] < 0 || EXTENSION_DECODE[b[i + 1]] == 0) {
                    throw new IllegalArgumentException("bad extension sequence at " + i);
                }
                sb.append(EXTENSION_DECODE[b[++i]]);
            } else {
                sb.append(BASIC.charAt(v));
            }
        }
        return sb.toString();
    }

    private static IllegalArgumentException notEncodable(String s, int i) {
        return new IllegalArgumentException(
                String.format("U+%04X at %d is not in the GSM 7-bit alphabet", (int) s.charAt(i), i));
    }
}
