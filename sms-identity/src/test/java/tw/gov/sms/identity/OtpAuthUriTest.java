package tw.gov.sms.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OtpAuthUriTest {

    private static final byte[] SECRET = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    @Test
    void percentEncodesIssuerAndAccountInUtf8() {
        String uri = OtpAuthUri.of("111 政府簡訊平台", "alice@moi.gov.tw", SECRET);

        assertThat(uri)
                .isEqualTo(
                        "otpauth://totp/111%20%E6%94%BF%E5%BA%9C%E7%B0%A1%E8%A8%8A%E5%B9%B3%E5%8F%B0:alice%40moi.gov.tw"
                                + "?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
                                + "&issuer=111%20%E6%94%BF%E5%BA%9C%E7%B0%A1%E8%A8%8A%E5%B9%B3%E5%8F%B0"
                                + "&algorithm=SHA1&digits=6&period=30");
    }

    @Test
    void isAUriThatDecodesBackToItsParts() {
        URI uri = URI.create(OtpAuthUri.of("111 政府簡訊平台", "王小明+test&x=1", SECRET));

        assertThat(uri.getScheme()).isEqualTo("otpauth");
        assertThat(uri.getHost()).isEqualTo("totp");
        assertThat(uri.getPath()).isEqualTo("/111 政府簡訊平台:王小明+test&x=1");
        assertThat(uri.getRawQuery()).startsWith("secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=");
        assertThat(uri.getRawQuery().split("&")).hasSize(5);
    }

    @Test
    void carriesNonDefaultParameters() {
        String uri = OtpAuthUri.of("SMS", "bob", SECRET, new Totp(Totp.Algorithm.SHA256, 8, 60));

        assertThat(uri).endsWith("&algorithm=SHA256&digits=8&period=60");
    }

    @Test
    void refusesColonsAndBlanksInTheLabel() {
        assertThatThrownBy(() -> OtpAuthUri.of("a:b", "bob", SECRET)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OtpAuthUri.of("SMS", "bob:1", SECRET)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OtpAuthUri.of(" ", "bob", SECRET)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OtpAuthUri.of("SMS", null, SECRET)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OtpAuthUri.of("SMS", "bob", new byte[0])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void leavesOnlyUnreservedCharactersUnencoded() {
        assertThat(OtpAuthUri.encode("Az09-._~ /?#[]@!$&'()*+,;=%"))
                .isEqualTo("Az09-._~%20%2F%3F%23%5B%5D%40%21%24%26%27%28%29%2A%2B%2C%3B%3D%25");
    }
}
