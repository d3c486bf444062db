package tw.gov.sms.identity;

/**
 * RFC 4648 Base32, the encoding of TOTP secrets in {@code otpauth://} URIs and in keys typed in by hand. Encodes
 * upper-case without padding; decodes forgivingly (lower case, {@code =} padding, spaces and dashes as authenticator
 * apps display them).
 */
public final class Base32 {

    private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

    private Base32() {}

    public static String encode(byte[] bytes) {
        StringBuilder out = new StringBuilder((bytes.length * 8 + 4) / 5);
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                bits -= 5;
                out.append(ALPHABET[(buffer >>> bits) & 0x1f]);
            }
        }
        if (bits > 0) {
            out.append(ALPHABET[(buffer << (5 - bits)) & 0x1f]);
        }
        return out.toString();
    }

    /** @throws IllegalArgumentException for a character outside the alphabet or a length no encoder produces */
    public static byte[] decode(String text) {
        StringBuilder symbols = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '=' && c != '-' && !Character.isWhitespace(c)) {
                symbols.append(c);
            }
        }
        int remainder = symbols.length() % 8;
        if (remainder == 1 || remainder == 3 || remainder == 6) {
            throw new IllegalArgumentException("not Base32: length " + symbols.length() + " is impossible");
        }
        byte[] out = new byte[symbols.length() * 5 / 8];
        int buffer = 0;
        int bits = 0;
        int n = 0;
        for (int i = 0; i < symbols.length(); i++) {
            buffer = (buffer << 5) | value(symbols.charAt(i));
            bits += 5;
            if (bits >= 8) {
                bits -= 8;
                out[n++] = (byte) (buffer >>> bits);
            }
        }
        return out;
    }

    private static int value(char c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a';
        }
        if (c >= '2' && c <= '7') {
            return c - '2' + 26;
        }
        throw new IllegalArgumentException("not Base32: '" + c + "'");
    }
}
