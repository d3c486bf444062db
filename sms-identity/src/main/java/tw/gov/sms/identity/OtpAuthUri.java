package tw.gov.sms.identity;

import java.nio.charset.StandardCharsets;

/**
 * The {@code otpauth://totp/} URI that enrols a secret in an authenticator app (the "Key Uri Format" of Google
 * Authenticator, which the other apps follow), usually shown as a {@link QrCode}.
 */
public final class OtpAuthUri {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private OtpAuthUri() {}

    /** With the {@link Totp#DEFAULT} parameters. */
    public static String of(String issuer, String accountName, byte[] secret) {
        return of(issuer, accountName, secret, Totp.DEFAULT);
    }

    /**
     * @param issuer shown by the app above the code, e.g. {@code 111 政府簡訊平台}
     * @param accountName the user's login name or e-mail address
     * @throws IllegalArgumentException when issuer or account name is blank or contains {@code :}, which the format
     *     reserves as their separator
     */
    public static String of(String issuer, String accountName, byte[] secret, Totp totp) {
        requireLabelPart("issuer", issuer);
        requireLabelPart("accountName", accountName);
        if (secret == null || secret.length == 0) {
            throw new IllegalArgumentException("secret is required");
        }
        return "otpauth://totp/" + encode(issuer) + ":" + encode(accountName)
                + "?secret=" + Base32.encode(secret)
                + "&issuer=" + encode(issuer)
                + "&algorithm=" + totp.algorithm().name()
                + "&digits=" + totp.digits()
                + "&period=" + totp.periodSeconds();
    }

    private static void requireLabelPart(String what, String value) {
        if (value == null || value.isBlank() || value.indexOf(':') >= 0) {
            throw new IllegalArgumentException(what + " must be non-blank and free of ':': " + value);
        }
    }

    /** RFC 3986 percent-encoding of UTF-8: everything but the unreserved characters, a space as {@code %20}. */
    static String encode(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z')
                    || (c >= 'a' && c <= 'z')
                    || (c >= '0' && c <= '9')
                    || c == '-'
                    || c == '.'
                    || c == '_'
                    || c == '~') {
                out.append(c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0x0f]);
            }
        }
        return out.toString();
    }
}
