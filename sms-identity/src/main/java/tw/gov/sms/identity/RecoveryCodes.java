package tw.gov.sms.identity;

import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Single-use codes that stand in for the second factor when the phone is lost, e.g. {@code k7q3-9xmd-2p4a}: 12
 * characters from a 31-symbol alphabet without {@code 0 o 1 l i} (about 59.5 bits), in groups of four.
 */
public final class RecoveryCodes {

    public static final int DEFAULT_COUNT = 10;
    static final String ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz";
    private static final int GROUPS = 3;
    private static final int GROUP_LENGTH = 4;
    private static final SecureRandom RANDOM = new SecureRandom();

    private RecoveryCodes() {}

    public static List<String> generate() {
        return generate(DEFAULT_COUNT);
    }

    /** {@code count} distinct codes, formatted for display. */
    public static List<String> generate(int count) {
        if (count < 1 || count > 100) {
            throw new IllegalArgumentException("count must be 1..100: " + count);
        }
        Set<String> codes = new LinkedHashSet<>();
        while (codes.size() < count) {
            codes.add(next());
        }
        return List.copyOf(codes);
    }

    /**
     * The code as typed, reduced to the form that is hashed: full-width characters folded (NFKC), lower case, spaces
     * and dashes removed.
     */
    public static String normalise(String input) {
        String folded = Normalizer.normalize(input, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(folded.length());
        folded.codePoints()
                .filter(cp -> cp != '-' && !Character.isWhitespace(cp) && !Character.isSpaceChar(cp))
                .forEach(out::appendCodePoint);
        return out.toString();
    }

    /** Lower-case hex SHA-256 of {@link #normalise(String) normalise(code)}: what is stored, and looked up. */
    public static String hash(String code) {
        return OneTimeCodes.sha256Hex(normalise(code));
    }

    private static String next() {
        StringBuilder code = new StringBuilder(GROUPS * (GROUP_LENGTH + 1));
        for (int g = 0; g < GROUPS; g++) {
            if (g > 0) {
                code.append('-');
            }
            for (int i = 0; i < GROUP_LENGTH; i++) {
                code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
            }
        }
        return code.toString();
    }
}
