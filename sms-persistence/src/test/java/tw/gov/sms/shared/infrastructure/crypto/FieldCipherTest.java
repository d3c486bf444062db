package tw.gov.sms.shared.infrastructure.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tw.gov.sms.shared.infrastructure.crypto.FieldCipher.Purpose;

class FieldCipherTest {

    private static final byte[] K1 = filled(1);
    private static final byte[] K2 = filled(2);

    @Test
    void roundTripsTextWithoutRevealingIt() {
        FieldCipher cipher = new FieldCipher(Map.of(1, K1), 1);
        byte[] stored = cipher.encrypt("0912345678", Purpose.MSISDN);
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("0912345678");
        assertThat(cipher.decrypt(stored, Purpose.MSISDN)).isEqualTo("0912345678");
    }

    @Test
    void encryptsTheSameTextDifferentlyEachTime() {
        FieldCipher cipher = new FieldCipher(Map.of(1, K1), 1);
        assertThat(cipher.encrypt("同一段文字", Purpose.MESSAGE_TEXT))
                .isNotEqualTo(cipher.encrypt("同一段文字", Purpose.MESSAGE_TEXT));
    }

    @Test
    void detectsTampering() {
        FieldCipher cipher = new FieldCipher(Map.of(1, K1), 1);
        byte[] stored = cipher.encrypt("【數位發展部】補助已核准", Purpose.MESSAGE_TEXT);
        stored[stored.length - 1] ^= 1;
        assertThatThrownBy(() -> cipher.decrypt(stored, Purpose.MESSAGE_TEXT)).hasMessageContaining("integrity");
    }

    @Test
    void refusesToReadANumberAsAText() {
        FieldCipher cipher = new FieldCipher(Map.of(1, K1), 1);
        byte[] number = cipher.encrypt("0912345678", Purpose.MSISDN);
        assertThatThrownBy(() -> cipher.decrypt(number, Purpose.MESSAGE_TEXT))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void readsOldVersionsAfterTheActiveKeyRotates() {
        byte[] old = new FieldCipher(Map.of(1, K1), 1).encrypt("舊資料", Purpose.JOB_TEXT);
        FieldCipher rotated = new FieldCipher(Map.of(1, K1, 2, K2), 2);
        assertThat(rotated.decrypt(old, Purpose.JOB_TEXT)).isEqualTo("舊資料");
        assertThat(rotated.encrypt("新資料", Purpose.JOB_TEXT)[0]).isEqualTo((byte) 2);
    }

    @Test
    void parsesTheKeyConfigurationAndRejectsBadKeys() {
        String spec = "1:" + Base64.getEncoder().encodeToString(K1) + ", 2:"
                + Base64.getEncoder().encodeToString(K2);
        assertThat(FieldCipher.parseKeys(spec)).containsOnlyKeys(1, 2);
        assertThatThrownBy(() -> FieldCipher.parseKeys("")).hasMessageContaining("unencrypted");
        assertThatThrownBy(() -> new FieldCipher(Map.of(1, new byte[16]), 1)).hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> new FieldCipher(Map.of(1, K1), 2)).hasMessageContaining("active version");
    }

    @Test
    void hashesNumbersWithAKey() {
        NumberHasher a = new NumberHasher(K1);
        NumberHasher b = new NumberHasher(K2);
        assertThat(a.hash("0912345678")).hasSize(32).isEqualTo(a.hash("0912345678"));
        assertThat(a.hash("0912345678")).isNotEqualTo(b.hash("0912345678"));
    }

    private static byte[] filled(int value) {
        byte[] key = new byte[32];
        java.util.Arrays.fill(key, (byte) value);
        return key;
    }
}
