package tw.gov.sms.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class RecoveryCodesTest {

    @Test
    void generatesTenDistinctCodesInGroupsOfFour() {
        List<String> codes = RecoveryCodes.generate();

        assertThat(codes).hasSize(10).doesNotHaveDuplicates();
        assertThat(codes)
                .allSatisfy(
                        code -> assertThat(code).matches("[2-9a-hjkmnp-z]{4}-[2-9a-hjkmnp-z]{4}-[2-9a-hjkmnp-z]{4}"));
        assertThat(RecoveryCodes.generate(3)).hasSize(3);
    }

    @Test
    void usesAnUnambiguousAlphabetGivingAbout60Bits() {
        assertThat(RecoveryCodes.ALPHABET)
                .doesNotContain("0", "o", "1", "l", "i")
                .hasSize(31);
        assertThat(12 * Math.log(RecoveryCodes.ALPHABET.length()) / Math.log(2)).isGreaterThan(59);
    }

    @Test
    void usesEverySymbolOfTheAlphabet() {
        Set<Integer> seen = new HashSet<>();
        RecoveryCodes.generate(100).forEach(code -> code.chars().forEach(seen::add));
        seen.remove((int) '-');

        assertThat(seen).hasSize(31);
    }

    @Test
    void normalisesWhatUsersType() {
        assertThat(RecoveryCodes.normalise("k7q3-9xmd-2p4a")).isEqualTo("k7q39xmd2p4a");
        assertThat(RecoveryCodes.normalise(" K7Q3 9XMD 2P4A\n")).isEqualTo("k7q39xmd2p4a");
        assertThat(RecoveryCodes.normalise("ｋ７ｑ３－９ｘｍｄ　２ｐ４ａ")).isEqualTo("k7q39xmd2p4a");
    }

    @Test
    void hashesTheNormalisedCodeWithSha256() {
        assertThat(RecoveryCodes.hash("k7q3-9xmd-2p4a"))
                .isEqualTo(OneTimeCodes.sha256Hex("k7q39xmd2p4a"))
                .isEqualTo(RecoveryCodes.hash("K7Q3 9XMD 2P4A"))
                .hasSize(64)
                .matches("[0-9a-f]+");
        assertThat(RecoveryCodes.hash("k7q3-9xmd-2p4b")).isNotEqualTo(RecoveryCodes.hash("k7q3-9xmd-2p4a"));
    }

    @Test
    void refusesSillyCounts() {
        assertThatThrownBy(() -> RecoveryCodes.generate(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RecoveryCodes.generate(101)).isInstanceOf(IllegalArgumentException.class);
    }

    @Provide
    Arbitrary<String> separators() {
        return Arbitraries.of("", " ", "-", " - ", "\t", "\u3000");
    }

    @Property(tries = 200)
    void theHashSurvivesCaseAndSeparators(@ForAll("separators") String separator, @ForAll boolean upper) {
        String code = RecoveryCodes.generate(1).get(0);
        String typed = String.join(separator, code.split("-"));

        assertThat(RecoveryCodes.hash(upper ? typed.toUpperCase() : typed)).isEqualTo(RecoveryCodes.hash(code));
    }
}
