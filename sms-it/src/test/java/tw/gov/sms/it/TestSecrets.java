package tw.gov.sms.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The test platform's secrets (written by {@code ./sms} to {@code .sms/test/secrets.env}), so tests can
 * check stored ciphertext and forge tokens the way an attacker holding a key could. Only the test env's.
 */
final class TestSecrets {

    private static final Map<String, String> VALUES = load();

    private TestSecrets() {}

    private static Map<String, String> load() {
        Path file = Path.of(System.getProperty("sms.state", "../.sms/test"), "secrets.env");
        Map<String, String> values = new HashMap<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    values.put(line.substring(0, eq), line.substring(eq + 1).replaceAll("^'|'$", ""));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file + ": is the test platform running?", e);
        }
        return values;
    }

    /** Decrypts a stored column the way the platform's FieldCipher does (version | IV | ciphertext+tag). */
    static String decrypt(byte[] stored, String purpose) throws Exception {
        String keys = VALUES.get("SMS_CRYPTO_KEYS");
        int version = Byte.toUnsignedInt(stored[0]);
        byte[] key = null;
        for (String entry : keys.split(",")) {
            String[] parts = entry.split(":", 2);
            if (Integer.parseInt(parts[0]) == version) {
                key = Base64.getDecoder().decode(parts[1]);
            }
        }
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, stored, 1, 12));
        cipher.updateAAD(purpose.getBytes(StandardCharsets.US_ASCII));
        return new String(cipher.doFinal(stored, 13, stored.length - 13), StandardCharsets.UTF_8);
    }

    /** A token signed with the platform's real key, with the claims given (e.g. an expired one). */
    static String signedToken(String payloadJson) throws Exception {
        return signedToken(payloadJson, "SMS_JWT_SIGNING_KEY", "k1");
    }

    /** Signed with the key in the named secret ({@code SMS_JWT_NEXT_SIGNING_KEY} is the rotation's next key). */
    static String signedToken(String payloadJson, String keyVariable, String kid) throws Exception {
        byte[] der = Base64.getDecoder().decode(VALUES.get(keyVariable));
        PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        return sign(payloadJson, key, kid);
    }

    static String sign(String payloadJson, PrivateKey key, String kid) throws Exception {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String input = b64.encodeToString(("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"" + kid + "\"}")
                        .getBytes(StandardCharsets.UTF_8))
                + "." + b64.encodeToString(payloadJson.getBytes(StandardCharsets.UTF_8));
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(key);
        rsa.update(input.getBytes(StandardCharsets.US_ASCII));
        return input + "." + b64.encodeToString(rsa.sign());
    }
}
