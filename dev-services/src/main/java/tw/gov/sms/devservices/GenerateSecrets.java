package tw.gov.sms.devservices;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;

/**
 * Prints fresh secrets for a development or test platform as shell assignments: the column encryption
 * key, the number-hash key, and the RSA key pair that signs and verifies API tokens, and the next one (both
 * public keys in one JWKS, the form MicroProfile JWT reads, so a rotation overlaps). {@code ./sms} writes them once to {@code .sms/ENV/secrets.env},
 * outside the database and outside git. Production keys come from the operator's secret store instead.
 */
public final class GenerateSecrets {

    public static void main(String[] args) throws Exception {
        SecureRandom random = new SecureRandom();
        byte[] aes = new byte[32];
        random.nextBytes(aes);
        byte[] hmac = new byte[32];
        random.nextBytes(hmac);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048, random);
        KeyPair pair = generator.generateKeyPair();
        KeyPair next = generator.generateKeyPair();
        String jwks = "{\"keys\":[" + jwk("k1", (RSAPublicKey) pair.getPublic()) + ","
                + jwk("k2", (RSAPublicKey) next.getPublic()) + "]}";
        Base64.Encoder b64 = Base64.getEncoder();
        System.out.println("SMS_CRYPTO_KEYS='1:" + b64.encodeToString(aes) + "'");
        System.out.println("SMS_CRYPTO_ACTIVE_KEY_VERSION=1");
        System.out.println("SMS_CRYPTO_NUMBER_HASH_KEY='" + b64.encodeToString(hmac) + "'");
        System.out.println(
                "SMS_JWT_SIGNING_KEY='" + b64.encodeToString(pair.getPrivate().getEncoded()) + "'");
        System.out.println("SMS_JWT_KEY_ID=k1");
        // The next signing key, already trusted by verifiers: switching sms.jwt.signing-key to it (kid k2)
        // needs no restart of anything that verifies, which is how keys rotate without downtime.
        System.out.println("SMS_JWT_NEXT_SIGNING_KEY='"
                + b64.encodeToString(next.getPrivate().getEncoded()) + "'");
        System.out.println("MP_JWT_VERIFY_PUBLICKEY='" + jwks + "'");
    }

    private static String jwk(String kid, RSAPublicKey key) {
        return "{\"kty\":\"RSA\",\"kid\":\"" + kid + "\",\"use\":\"sig\",\"alg\":\"RS256\",\"n\":\""
                + b64url(key.getModulus()) + "\",\"e\":\"" + b64url(key.getPublicExponent()) + "\"}";
    }

    private static String b64url(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            byte[] trimmed = new byte[bytes.length - 1];
            System.arraycopy(bytes, 1, trimmed, 0, trimmed.length);
            bytes = trimmed;
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
