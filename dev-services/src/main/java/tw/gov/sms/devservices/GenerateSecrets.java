package tw.gov.sms.devservices;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;

/**
 * Prints fresh secrets for a development or test platform as shell assignments: the column encryption
 * key, the number-hash key, and the RSA key pair that signs and verifies API tokens (the public key as a
 * JWKS, the form MicroProfile JWT reads). {@code ./sms} writes them once to {@code .sms/ENV/secrets.env},
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
        RSAPublicKey pub = (RSAPublicKey) pair.getPublic();
        String jwks = "{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"k1\",\"use\":\"sig\",\"alg\":\"RS256\",\"n\":\""
                + b64url(pub.getModulus()) + "\",\"e\":\"" + b64url(pub.getPublicExponent()) + "\"}]}";
        Base64.Encoder b64 = Base64.getEncoder();
        System.out.println("SMS_CRYPTO_KEYS='1:" + b64.encodeToString(aes) + "'");
        System.out.println("SMS_CRYPTO_ACTIVE_KEY_VERSION=1");
        System.out.println("SMS_CRYPTO_NUMBER_HASH_KEY='" + b64.encodeToString(hmac) + "'");
        System.out.println(
                "SMS_JWT_SIGNING_KEY='" + b64.encodeToString(pair.getPrivate().getEncoded()) + "'");
        System.out.println("SMS_JWT_KEY_ID=k1");
        System.out.println("MP_JWT_VERIFY_PUBLICKEY='" + jwks + "'");
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
