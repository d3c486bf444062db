package tw.gov.sms.carrier.infrastructure.smpp;

import java.io.ByteArrayOutputStream;

/** Test-only GSM 03.38 encoder (unpacked septets); the platform's real one lives in sms-content. */
final class TestGsm {

    private static final String BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001BÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private static final String EXTENDED = "^{}\\[~]|€";
    private static final byte[] EXTENDED_CODES = {0x14, 0x28, 0x29, 0x2F, 0x3C, 0x3D, 0x3E, 0x40, 0x65};

    private TestGsm() {}

    static byte[] encode(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (char c : text.toCharArray()) {
            int basic = BASIC.indexOf(c);
            int extended = EXTENDED.indexOf(c);
            if (basic >= 0 && c != 0x1B) {
                out.write(basic);
            } else if (extended >= 0) {
                out.write(0x1B);
                out.write(EXTENDED_CODES[extended]);
            } else {
                throw new IllegalArgumentException("not GSM: " + c);
            }
        }
        return out.toByteArray();
    }
}
