package tw.gov.sms.identity;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a new password must satisfy. Lengths count Unicode code points, so 中文 characters count one each.
 *
 * @param minLength at least this many characters (default 12)
 * @param maxLength at most this many (default 128), which also bounds the work of hashing
 * @param historyDepth how many of the most recent passwords may not be reused (default 3)
 * @param requiredClasses how many of the four classes (upper-case, lower-case, digit, symbol) must appear (default 3)
 */
public record PasswordPolicy(int minLength, int maxLength, int historyDepth, int requiredClasses) {

    public static final PasswordPolicy DEFAULT = new PasswordPolicy(12, 128, 3, 3);

    private static final int MIN_USERNAME_LENGTH = 3;

    public PasswordPolicy {
        if (minLength < 1 || maxLength < minLength) {
            throw new IllegalArgumentException("need 1 <= minLength <= maxLength: " + minLength + ", " + maxLength);
        }
        if (historyDepth < 0) {
            throw new IllegalArgumentException("historyDepth must be >= 0: " + historyDepth);
        }
        if (requiredClasses < 0 || requiredClasses > 4) {
            throw new IllegalArgumentException("requiredClasses must be 0..4: " + requiredClasses);
        }
    }

    /**
     * Every problem with {@code candidate} as the new password of {@code username}; empty when acceptable.
     *
     * @param username the account's login name, or {@code null}; for an e-mail address its local part is checked too
     * @param recentHashes stored hashes of the account's passwords, newest first, starting with the current one; only
     *     the first {@link #historyDepth()} are consulted
     */
    public List<PasswordProblem> check(String candidate, String username, List<String> recentHashes) {
        if (candidate == null || candidate.isBlank()) {
            return List.of(PasswordProblem.BLANK);
        }
        List<PasswordProblem> problems = new ArrayList<>();
        int length = candidate.codePointCount(0, candidate.length());
        if (length < minLength) {
            problems.add(PasswordProblem.TOO_SHORT);
        }
        if (length > maxLength) {
            problems.add(PasswordProblem.TOO_LONG);
        }
        if (characterClasses(candidate) < requiredClasses) {
            problems.add(PasswordProblem.TOO_FEW_CHARACTER_CLASSES);
        }
        if (containsUsername(candidate, username)) {
            problems.add(PasswordProblem.CONTAINS_USERNAME);
        }
        // Each comparison costs a PBKDF2 run; an over-long candidate is refused anyway.
        if (length <= maxLength && reused(candidate, recentHashes)) {
            problems.add(PasswordProblem.REUSED);
        }
        return List.copyOf(problems);
    }

    /** Upper-case, lower-case, digit, and anything else that is not white space (a symbol, or a 中文 character). */
    static int characterClasses(String candidate) {
        boolean upper = false, lower = false, digit = false, symbol = false;
        for (int cp : candidate.codePoints().toArray()) {
            if (Character.isUpperCase(cp)) {
                upper = true;
            } else if (Character.isLowerCase(cp)) {
                lower = true;
            } else if (Character.isDigit(cp)) {
                digit = true;
            } else if (!Character.isWhitespace(cp) && !Character.isSpaceChar(cp)) {
                symbol = true;
            }
        }
        return (upper ? 1 : 0) + (lower ? 1 : 0) + (digit ? 1 : 0) + (symbol ? 1 : 0);
    }

    private static boolean containsUsername(String candidate, String username) {
        if (username == null) {
            return false;
        }
        String password = candidate.toLowerCase(Locale.ROOT);
        String name = username.strip().toLowerCase(Locale.ROOT);
        int at = name.indexOf('@');
        String local = at > 0 ? name.substring(0, at) : name;
        return contains(password, name) || contains(password, local);
    }

    private static boolean contains(String password, String name) {
        return name.codePointCount(0, name.length()) >= MIN_USERNAME_LENGTH && password.contains(name);
    }

    private boolean reused(String candidate, List<String> recentHashes) {
        if (recentHashes == null) {
            return false;
        }
        return recentHashes.stream().limit(historyDepth).anyMatch(stored -> PasswordHasher.matches(candidate, stored));
    }
}
