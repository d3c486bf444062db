package tw.gov.sms.files;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;

/**
 * Which header names the phone column. Names compare after NFKC (full-width letters become ASCII), lower-casing and
 * removing white space, {@code _} and {@code -}. Mobile-specific names win over generic ones, so a sheet with both
 * {@code 手機} and {@code 電話} (often a landline) uses {@code 手機}; two names of the same tier are ambiguous.
 */
final class PhoneColumn {

    static final List<List<String>> TIERS = List.of(
            List.of(
                    "手機號碼",
                    "手機門號",
                    "手機",
                    "行動電話號碼",
                    "行動電話",
                    "行動門號",
                    "門號",
                    "mobile",
                    "mobilenumber",
                    "mobilephone",
                    "cellphone",
                    "msisdn"),
            List.of("電話號碼", "電話", "phone", "phonenumber", "number"));

    private PhoneColumn() {}

    /** 0 for a mobile-specific name, 1 for a generic one, -1 when the header is not a phone column name. */
    static int tier(String header) {
        String n = normalize(header);
        for (int t = 0; t < TIERS.size(); t++) {
            if (TIERS.get(t).contains(n)) {
                return t;
            }
        }
        return -1;
    }

    static String normalize(String header) {
        String s = Normalizer.normalize(header, Normalizer.Form.NFKC);
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!Character.isWhitespace(c) && !Character.isSpaceChar(c) && c != '_' && c != '-' && c != '\uFEFF') {
                sb.append(c);
            }
        }
        return sb.toString().toLowerCase(Locale.ROOT);
    }

    /** The accepted names for messages: {@code 手機號碼、手機門號、…}. */
    static String acceptedNames() {
        StringBuilder sb = new StringBuilder();
        for (List<String> tier : TIERS) {
            for (String n : tier) {
                if (sb.length() > 0) {
                    sb.append('、');
                }
                sb.append(n);
            }
        }
        return sb.toString();
    }

    /**
     * Whether a header cell is really a phone number: at least 7 digits and nothing but digits and the separators
     * people write in numbers. Used to tell a file without a header from a header with an unknown name.
     */
    static boolean looksLikeNumber(String value) {
        String s = value.strip();
        int digits = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isDigit(c)) {
                digits++;
            } else if ("+-() ./\u3000＋－（）".indexOf(c) < 0) {
                return false;
            }
        }
        return digits >= 7;
    }
}
