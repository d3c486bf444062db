package tw.gov.sms.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class OneTimeCodesTest {

    @Test
    void numericCodesHaveTheirLengthAndKeepLeadingZeros() {
        assertThat(OneTimeCodes.numeric()).matches("[0-9]{6}");
        assertThat(OneTimeCodes.numeric(8)).matches("[0-9]{8}");
        assertThat(IntStream.range(0, 2_000).mapToObj(i -> OneTimeCodes.numeric()))
                .anyMatch(code -> code.startsWith("0"));
    }

    @Test
    void numericCodesUseEveryDigitInEveryPosition() {
        for (int position = 0; position < 6; position++) {
            Set<Character> seen = new HashSet<>();
            for (int i = 0; i < 500; i++) {
                seen.add(OneTimeCodes.numeric().charAt(position));
            }
            assertThat(seen).hasSize(10);
        }
    }

    @Test
    void refusesCodesTooShortToResistGuessing() {
        assertThatThrownBy(() -> OneTimeCodes.numeric(3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OneTimeCodes.numeric(13)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tokensAre256BitsOfUrlSafeBase64() {
        String token = OneTimeCodes.token();

        assertThat(token).hasSize(43).matches("[A-Za-z0-9_-]+");
        assertThat(Base64.getUrlDecoder().decode(token)).hasSize(32);
        assertThat(OneTimeCodes.token()).isNotEqualTo(token);
    }

    @Test
    void hashesWithSha256InLowerCaseHex() {
        assertThat(OneTimeCodes.sha256Hex("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(OneTimeCodes.sha256Hex(""))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void comparesInConstantTime() {
        assertThat(OneTimeCodes.constantTimeEquals("123456", "123456")).isTrue();
        assertThat(OneTimeCodes.constantTimeEquals("123456", "123457")).isFalse();
        assertThat(OneTimeCodes.constantTimeEquals("123456", "1234567")).isFalse();
        assertThat(OneTimeCodes.constantTimeEquals("政府", "政府")).isTrue();
        assertThat(OneTimeCodes.constantTimeEquals(null, "1")).isFalse();
        assertThat(OneTimeCodes.constantTimeEquals("1", null)).isFalse();
        assertThat(OneTimeCodes.constantTimeEquals(null, null)).isFalse();
    }
}
