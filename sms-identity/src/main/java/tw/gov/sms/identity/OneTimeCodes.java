package tw.gov.sms.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Random secrets sent to the user: numeric codes for the e-mail and SMS second factor, tokens for password-reset
 * links. Both are stored only as {@link #sha256Hex} and compared with {@link #constantTimeEquals}; expiry and single
 * use are the caller's record.
 */
public final class OneTimeCodes {

    public static final int DEFAULT_DIGITS = 6;
    private static final int TOKEN_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private OneTimeCodes() {}

    public static String numeric() {
        return numeric(DEFAULT_DIGITS);
    }

    /** {@code digits} uniformly random decimal digits, leading zeros kept. */
    public static String numeric(int digits) {
        if (digits < 4 || digits > 12) {
            throw new IllegalArgumentException("digits must be 4..12: " + digits);
        }
        char[] code = new char[digits];
        for (int i = 0; i < digits; i++) {
            code[i] = (char) ('0' + RANDOM.nextInt(10));
        }
        return new String(code);
    }

    /** 256 random bits, URL-safe Base64 without padding (43 characters): safe in a link's path or query. */
    public static String token() {
        byte[] bytes = new byte[TOKEN_BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Lower-case hex SHA-256 of the UTF-8 bytes of {@code value}. */
    public static String sha256Hex(String value) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    /** Equality whose time does not depend on where the strings differ; {@code null} equals nothing. */
    public static boolean constantTimeEquals(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
