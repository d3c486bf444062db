package tw.gov.sms.routing.domain;

/**
 * The compact key of a canonical national mobile number: {@code 09xxxxxxxx} becomes the int of its last eight
 * digits (0..99,999,999), so a number costs four bytes in the index instead of a String.
 */
public final class MobileNumbers {

    /** Keys are below 10^8, which also fits in 27 bits (used when packing keys into longs). */
    public static final int KEY_LIMIT = 100_000_000;

    private MobileNumbers() {}

    /** The key of {@code 09} + 8 digits, or -1 if the text is not of that shape. Allocation-free. */
    public static int keyOf(CharSequence national) {
        return national == null ? -1 : keyOf(national, 0, national.length());
    }

    /** {@link #keyOf(CharSequence)} of {@code text[from, to)}, without copying it out. */
    public static int keyOf(CharSequence text, int from, int to) {
        if (to - from != 10 || text.charAt(from) != '0' || text.charAt(from + 1) != '9') {
            return -1;
        }
        int key = 0;
        for (int i = from + 2; i < to; i++) {
            int d = text.charAt(i) - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            key = key * 10 + d;
        }
        return key;
    }

    /** True for a key in the mobile range of DOMAIN.md ({@code 099…} is not allocated to mobile). */
    public static boolean isMobileKey(int key) {
        return key >= 0 && key < 90_000_000;
    }

    /** True for the mobile range of DOMAIN.md, {@code 09[0-8]\d{7}}. */
    public static boolean isMobile(CharSequence national) {
        return keyOf(national) >= 0 && national.charAt(2) != '9';
    }

    /** The canonical national number of a key. */
    public static String nationalOf(int key) {
        if (key < 0 || key >= KEY_LIMIT) {
            throw new IllegalArgumentException("not a mobile number key: " + key);
        }
        char[] c = new char[10];
        c[0] = '0';
        c[1] = '9';
        for (int i = 9, k = key; i >= 2; i--, k /= 10) {
            c[i] = (char) ('0' + k % 10);
        }
        return new String(c);
    }
}
