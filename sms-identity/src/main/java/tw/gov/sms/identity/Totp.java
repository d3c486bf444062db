package tw.gov.sms.identity;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.OptionalLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-based one-time passwords (RFC 6238) as authenticator apps compute them.
 *
 * @param algorithm the HMAC; apps assume SHA1, so that is the default
 * @param digits code length, 6 to 8
 * @param periodSeconds length of a time step
 */
public record Totp(Algorithm algorithm, int digits, int periodSeconds) {

    /** HMAC-SHA1, 6 digits, 30 seconds: what every authenticator app understands. */
    public static final Totp DEFAULT = new Totp(Algorithm.SHA1, 6, 30);

    /** {@code lastUsedStep} for a secret never used: every step of the window is admissible. */
    public static final long NEVER_USED = -1;

    private static final int SECRET_BYTES = 20;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int[] POWERS = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};

    public enum Algorithm {
        SHA1("HmacSHA1"),
        SHA256("HmacSHA256"),
        SHA512("HmacSHA512");

        private final String mac;

        Algorithm(String mac) {
            this.mac = mac;
        }

        /** The JCA name, e.g. {@code HmacSHA1}; {@link #name()} is the {@code algorithm=} value of an otpauth URI. */
        public String mac() {
            return mac;
        }
    }

    public Totp {
        if (algorithm == null) {
            throw new IllegalArgumentException("algorithm is required");
        }
        if (digits < 6 || digits > 8) {
            throw new IllegalArgumentException("digits must be 6..8: " + digits);
        }
        if (periodSeconds < 1) {
            throw new IllegalArgumentException("periodSeconds must be >= 1: " + periodSeconds);
        }
    }

    /** A new random secret of 160 bits, the length RFC 4226 recommends. */
    public static byte[] newSecret() {
        byte[] secret = new byte[SECRET_BYTES];
        RANDOM.nextBytes(secret);
        return secret;
    }

    public long timeStep(Instant instant) {
        return Math.floorDiv(instant.getEpochSecond(), periodSeconds);
    }

    /** The code of {@code timeStep}, zero-padded to {@link #digits()}. */
    public String code(byte[] secret, long timeStep) {
        byte[] hmac = hmac(secret, ByteBuffer.allocate(8).putLong(timeStep).array());
        int offset = hmac[hmac.length - 1] & 0x0f;
        int binary = ((hmac[offset] & 0x7f) << 24)
                | ((hmac[offset + 1] & 0xff) << 16)
                | ((hmac[offset + 2] & 0xff) << 8)
                | (hmac[offset + 3] & 0xff);
        String code = Integer.toString(binary % POWERS[digits]);
        return "0".repeat(digits - code.length()) + code;
    }

    /**
     * Checks {@code code} against the steps just before, at and after {@code now} (one step of clock drift either
     * way), skipping every step at or before {@code lastUsedStep}, so that no code is accepted twice.
     *
     * @param code what the user typed; spaces are ignored ({@code 123 456} as apps show it)
     * @param lastUsedStep the step returned by the last successful verification, or {@link #NEVER_USED}
     * @return the step that matched, to be stored as the next {@code lastUsedStep}; empty when none did
     */
    public OptionalLong verify(byte[] secret, String code, Instant now, long lastUsedStep) {
        if (code == null) {
            return OptionalLong.empty();
        }
        String typed = code.replaceAll("\\s", "");
        if (typed.length() != digits || !typed.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return OptionalLong.empty();
        }
        byte[] typedBytes = typed.getBytes(StandardCharsets.US_ASCII);
        long current = timeStep(now);
        for (long step = current - 1; step <= current + 1; step++) {
            if (step > lastUsedStep
                    && step >= 0
                    && MessageDigest.isEqual(typedBytes, code(secret, step).getBytes(StandardCharsets.US_ASCII))) {
                return OptionalLong.of(step);
            }
        }
        return OptionalLong.empty();
    }

    private byte[] hmac(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance(algorithm.mac());
            mac.init(new SecretKeySpec(key, algorithm.mac()));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm.mac() + " unavailable", e);
        }
    }
}
