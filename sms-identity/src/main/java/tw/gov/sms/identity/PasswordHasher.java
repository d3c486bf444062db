package tw.gov.sms.identity;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Salted, slow hashing of passwords: PBKDF2-HMAC-SHA-256, 16-byte salt, 256-bit result, stored as {@code
 * pbkdf2-sha256$<iterations>$<salt>$<hash>} (standard Base64 without padding). The same format as the API-client
 * secrets, which sms-ejb hashes with this class too.
 */
public final class PasswordHasher {

    /** OWASP's 2023 figure for PBKDF2-HMAC-SHA-256. */
    public static final int ITERATIONS = 210_000;

    static final String SCHEME = "pbkdf2-sha256";
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    /** A stored value asking for more than this is treated as malformed rather than run for minutes. */
    private static final int MAX_ITERATIONS = 10_000_000;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getEncoder().withoutPadding();

    private PasswordHasher() {}

    public static String hash(String password) {
        return hash(password.toCharArray());
    }

    /** Hashes without keeping a copy; the caller may clear {@code password} afterwards. */
    public static String hash(char[] password) {
        return hash(password, ITERATIONS);
    }

    static String hash(char[] password, int iterations) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        byte[] hash = derive(password, salt, iterations, HASH_BYTES);
        return SCHEME + "$" + iterations + "$" + ENCODER.encodeToString(salt) + "$" + ENCODER.encodeToString(hash);
    }

    /**
     * Whether {@code candidate} is the password behind {@code stored}, compared in constant time. A malformed or
     * {@code null} stored value is simply no match.
     */
    public static boolean matches(String candidate, String stored) {
        return candidate != null && matches(candidate.toCharArray(), stored);
    }

    public static boolean matches(char[] candidate, String stored) {
        if (candidate == null) {
            return false;
        }
        Optional<Stored> parsed = Stored.parse(stored);
        if (parsed.isEmpty()) {
            return false;
        }
        Stored s = parsed.get();
        return MessageDigest.isEqual(s.hash(), derive(candidate, s.salt(), s.iterations(), s.hash().length));
    }

    /** True when {@code stored} was made with fewer iterations than today's, or cannot be read at all. */
    public static boolean needsRehash(String stored) {
        return Stored.parse(stored).map(s -> s.iterations() < ITERATIONS).orElse(true);
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations, int bytes) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, bytes * 8);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(spec)
                    .getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 unavailable", e);
        } finally {
            spec.clearPassword();
        }
    }

    private record Stored(int iterations, byte[] salt, byte[] hash) {

        static Optional<Stored> parse(String stored) {
            if (stored == null) {
                return Optional.empty();
            }
            String[] parts = stored.split("\\$", -1);
            if (parts.length != 4 || !parts[0].equals(SCHEME) || !parts[1].matches("[1-9][0-9]{0,8}")) {
                return Optional.empty();
            }
            int iterations = Integer.parseInt(parts[1]);
            try {
                byte[] salt = Base64.getDecoder().decode(parts[2]);
                byte[] hash = Base64.getDecoder().decode(parts[3]);
                if (iterations > MAX_ITERATIONS || salt.length == 0 || hash.length != HASH_BYTES) {
                    return Optional.empty();
                }
                return Optional.of(new Stored(iterations, salt, hash));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
    }
}
