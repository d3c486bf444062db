package tw.gov.sms.simulator;

import java.io.ByteArrayOutputStream;

/**
 * GSM 03.38 default alphabet, one septet per octet (SMPP data_coding 0, unpacked), with the 0x1B
 * extension table. Written here on purpose rather than shared with the platform: the simulator is
 * the test oracle and must decode independently of the code under test.
 */
public final class Gsm7 {

    private static final int ESCAPE = 0x1B;

    private static final String BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001BÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

    private static final char[] EXTENSION = new char[128];

    static {
        if (BASIC.length() != 128) {
            throw new IllegalStateException("GSM basic table must have 128 characters: " + BASIC.length());
        }
        EXTENSION[0x0A] = '\f';
        EXTENSION[0x14] = '^';
        EXTENSION[0x28] = '{';
        EXTENSION[0x29] = '}';
        EXTENSION[0x2F] = '\\';
        EXTENSION[0x3C] = '[';
        EXTENSION[0x3D] = '~';
        EXTENSION[0x3E] = ']';
        EXTENSION[0x40] = '|';
        EXTENSION[0x65] = '€';
    }

    private Gsm7() {}

    /** Decodes unpacked septets; an escape with no extension entry shows the basic character (03.38 §6.2.1.1). */
    public static String decode(byte[] septets) {
        StringBuilder text = new StringBuilder(septets.length);
        for (int i = 0; i < septets.length; i++) {
            int septet = septets[i] & 0x7F;
            if (septet == ESCAPE && i + 1 < septets.length) {
                int next = septets[++i] & 0x7F;
                char extended = EXTENSION[next];
                text.append(extended != 0 ? extended : BASIC.charAt(next));
            } else if (septet == ESCAPE) {
                text.append(' '); // a dangling escape at the very end: 03.38 says show a space
            } else {
                text.append(BASIC.charAt(septet));
            }
        }
        return text.toString();
    }

    /** Encodes to unpacked septets; for tests and tools. Throws on characters outside the alphabet. */
    public static byte[] encode(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int basic = c == ESCAPE ? -1 : BASIC.indexOf(c);
            if (basic >= 0) {
                out.write(basic);
                continue;
            }
            int extended = indexOfExtension(c);
            if (extended < 0) {
                throw new IllegalArgumentException("Not in the GSM 7-bit alphabet: U+" + Integer.toHexString(c));
            }
            out.write(ESCAPE);
            out.write(extended);
        }
        return out.toByteArray();
    }

    private static int indexOfExtension(char c) {
        for (int i = 0; i < EXTENSION.length; i++) {
            if (EXTENSION[i] == c && c != 0) {
                return i;
            }
        }
        return -1;
    }
}
