package tw.gov.sms.shared.domain;

/**
 * A Taiwan mobile number in canonical national form {@code 09xxxxxxxx} ({@code 09[0-8]} + 7 digits).
 *
 * <p>Build one from agency input with {@link MsisdnParser#parse(String)}, which accepts every written form; this
 * constructor only accepts the canonical form. {@link #toString()} is masked so that numbers do not leak into logs;
 * use {@link #national()} or {@link #international()} when the full number is needed.
 */
public record Msisdn(String national) implements Comparable<Msisdn> {

    public Msisdn {
        if (!isCanonical(national)) {
            throw new IllegalArgumentException("not a canonical Taiwan mobile number (09[0-8] + 7 digits): "
                    + (national == null ? "null" : mask(national)));
        }
    }

    /** The canonical form, e.g. {@code "0912345678"}; anything else is rejected. */
    public static Msisdn of(String canonical) {
        return new Msisdn(canonical);
    }

    /** True for exactly {@code 09[0-8]\d{7}}. */
    public static boolean isCanonical(String s) {
        if (s == null || s.length() != 10 || s.charAt(0) != '0' || s.charAt(1) != '9') {
            return false;
        }
        char third = s.charAt(2);
        if (third < '0' || third > '8') {
            return false;
        }
        for (int i = 3; i < 10; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** E.164 without the plus, as SMPP destination addresses use it: {@code "886912345678"}. */
    public String international() {
        return "886" + national.substring(1);
    }

    /** E.164 with the plus: {@code "+886912345678"}. */
    public String e164() {
        return "+886" + national.substring(1);
    }

    /** The last three digits, used by the "triple check" prefix ({@code {last3}}). */
    public String last3() {
        return national.substring(7);
    }

    /** {@code "0912***678"}: for screens and logs. */
    public String masked() {
        return mask(national);
    }

    @Override
    public int compareTo(Msisdn other) {
        return national.compareTo(other.national);
    }

    @Override
    public String toString() {
        return "Msisdn[" + masked() + "]";
    }

    private static String mask(String s) {
        if (s.length() < 7) {
            return "***";
        }
        return s.substring(0, 4) + "***" + s.substring(s.length() - 3);
    }
}
