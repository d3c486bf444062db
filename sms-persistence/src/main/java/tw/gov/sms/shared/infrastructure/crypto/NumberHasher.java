package tw.gov.sms.shared.infrastructure.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed hash (HMAC-SHA-256) of a canonical number, stored beside the encrypted number so records can be
 * found by number without decrypting the table (R9.4). Keyed, so the 10^9 possible numbers cannot be
 * hashed by someone who only has the database.
 */
public final class NumberHasher {

    private final SecretKeySpec key;

    public NumberHasher(byte[] key) {
        if (key.length < 32) {
            throw new IllegalArgumentException("the number-hash key must be at least 32 bytes");
        }
        this.key = new SecretKeySpec(key, "HmacSHA256");
    }

    public byte[] hash(String canonicalNumber) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(canonicalNumber.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 unavailable", e);
        }
    }
}
