package tw.gov.sms.shared.infrastructure.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts the sensitive columns (recipient numbers, message texts) with AES-256-GCM (R9.4).
 *
 * <p>Keys are versioned and live outside the database (configuration key {@code sms.crypto.keys}, e.g.
 * {@code 1:<base64 32 bytes>,2:<base64>}); new data is written with the active version, old data stays
 * readable while its key is configured. A stored value is {@code version (1 byte) | IV (12) | ciphertext+tag}.
 * The column's purpose is bound in as associated data, so a number cannot be passed off as a text.
 */
public final class FieldCipher {

    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final Map<Integer, SecretKey> keys;
    private final int activeVersion;
    private final SecureRandom random = new SecureRandom();

    public FieldCipher(Map<Integer, byte[]> keys, int activeVersion) {
        if (!keys.containsKey(activeVersion)) {
            throw new IllegalArgumentException("no key configured for the active version " + activeVersion);
        }
        Map<Integer, SecretKey> copy = new TreeMap<>();
        keys.forEach((version, raw) -> {
            if (version < 1 || version > 255) {
                throw new IllegalArgumentException("key versions run from 1 to 255, not " + version);
            }
            if (raw.length != 32) {
                throw new IllegalArgumentException("key version " + version + " must be 32 bytes, not " + raw.length);
            }
            copy.put(version, new SecretKeySpec(raw, "AES"));
        });
        this.keys = Map.copyOf(copy);
        this.activeVersion = activeVersion;
    }

    /** Parses {@code "1:base64,2:base64"}. */
    public static Map<Integer, byte[]> parseKeys(String spec) {
        Map<Integer, byte[]> keys = new TreeMap<>();
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException(
                    "sms.crypto.keys is empty: the platform refuses to store data unencrypted");
        }
        for (String entry : spec.split(",")) {
            String[] parts = entry.strip().split(":", 2);
            if (parts.length != 2) {
                throw new IllegalArgumentException("a key entry must look like <version>:<base64>");
            }
            keys.put(Integer.parseInt(parts[0].strip()), Base64.getDecoder().decode(parts[1].strip()));
        }
        return keys;
    }

    public int activeVersion() {
        return activeVersion;
    }

    public byte[] encrypt(String plain, Purpose purpose) {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(activeVersion), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(purpose.aad());
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(1 + IV_BYTES + sealed.length)
                    .put((byte) activeVersion)
                    .put(iv)
                    .put(sealed)
                    .array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    public String decrypt(byte[] stored, Purpose purpose) {
        int version = Byte.toUnsignedInt(stored[0]);
        SecretKey key = keys.get(version);
        if (key == null) {
            throw new IllegalStateException("no key configured for version " + version + " of stored data");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, stored, 1, IV_BYTES));
            cipher.updateAAD(purpose.aad());
            byte[] plain = cipher.doFinal(stored, 1 + IV_BYTES, stored.length - 1 - IV_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("stored " + purpose + " failed its integrity check", e);
        }
    }

    /** What an encrypted value is, bound into the ciphertext as associated data. */
    public enum Purpose {
        MSISDN,
        MESSAGE_TEXT,
        JOB_TEXT,
        SFTP_KEY,
        TOTP_SEED,
        /** A contact's name and placeholder values, as one JSON object. */
        CONTACT_DATA;

        byte[] aad() {
            return name().getBytes(StandardCharsets.US_ASCII);
        }
    }
}
