package tw.gov.sms.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordHasherTest {

    /** Made by sms-ejb's former {@code SecretHasher.hash("sk_live_Zq8 政府 secret")}. */
    private static final String FROM_SECRET_HASHER =
            "pbkdf2-sha256$210000$r46YVIdt/DOhrub377UAZQ$v7/fV572DDnnl9GqWrNZh732q9mZ2lZZx9VWCiqqwqs";

    @Test
    void storesSchemeIterationsSaltAndHashInBase64WithoutPadding() {
        String stored = PasswordHasher.hash("Correct-Horse-9");

        String[] parts = stored.split("\\$");
        assertThat(parts).hasSize(4);
        assertThat(parts[0]).isEqualTo("pbkdf2-sha256");
        assertThat(parts[1]).isEqualTo("210000");
        assertThat(stored).doesNotContain("=");
        assertThat(Base64.getDecoder().decode(parts[2])).hasSize(16);
        assertThat(Base64.getDecoder().decode(parts[3])).hasSize(32);
        assertThat(PasswordHasher.needsRehash(stored)).isFalse();
    }

    @Test
    void matchesTheRightPasswordOnly() {
        String stored = PasswordHasher.hash("Correct-Horse-9".toCharArray());

        assertThat(PasswordHasher.matches("Correct-Horse-9", stored)).isTrue();
        assertThat(PasswordHasher.matches("Correct-Horse-9".toCharArray(), stored))
                .isTrue();
        assertThat(PasswordHasher.matches("correct-Horse-9", stored)).isFalse();
        assertThat(PasswordHasher.matches("Correct-Horse-9 ", stored)).isFalse();
        assertThat(PasswordHasher.matches((String) null, stored)).isFalse();
    }

    @Test
    void saltsEveryHash() {
        assertThat(PasswordHasher.hash("same".toCharArray(), 1_000))
                .isNotEqualTo(PasswordHasher.hash("same".toCharArray(), 1_000));
    }

    @Test
    void verifiesApiClientSecretsHashedBySecretHasher() {
        assertThat(PasswordHasher.matches("sk_live_Zq8 政府 secret", FROM_SECRET_HASHER))
                .isTrue();
        assertThat(PasswordHasher.matches("sk_live_Zq8 政府 secreT", FROM_SECRET_HASHER))
                .isFalse();
    }

    @Test
    void hashesAndMatchesNonAsciiAndEmptyPasswords() {
        String chinese = PasswordHasher.hash("臺灣密碼很長很安全".toCharArray(), 1_000);
        String empty = PasswordHasher.hash("".toCharArray(), 1_000);

        assertThat(PasswordHasher.matches("臺灣密碼很長很安全", chinese)).isTrue();
        assertThat(PasswordHasher.matches("台灣密碼很長很安全", chinese)).isFalse();
        assertThat(PasswordHasher.matches("", empty)).isTrue();
        assertThat(PasswordHasher.matches("x", empty)).isFalse();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(
            strings = {
                "plain",
                "bcrypt$210000$r46YVIdt/DOhrub377UAZQ$v7/fV572DDnnl9GqWrNZh732q9mZ2lZZx9VWCiqqwqs",
                "pbkdf2-sha256$210000$r46YVIdt/DOhrub377UAZQ",
                "pbkdf2-sha256$210000$r46YVIdt/DOhrub377UAZQ$v7/fV572DDnnl9GqWrNZh732q9mZ2lZZx9VWCiqqwqs$",
                "pbkdf2-sha256$abc$r46YVIdt/DOhrub377UAZQ$v7/fV572DDnnl9GqWrNZh732q9mZ2lZZx9VWCiqqwqs",
                "pbkdf2-sha256$0$r46YVIdt/DOhrub377UAZQ$v7/fV572DDnnl9GqWrNZh732q9mZ2lZZx9VWCiqqwqs",
                "pbkdf2-sha256$-5$r46YVIdt/DOhrub377UAZQ$v7/fV572DDnnl9GqWrNZh732q9mZ2lZZx9VWCiqqwqs",
                "pbkdf2-sha256$999999999$r46YVIdt/DOhrub377UAZQ$v7/fV572DDnnl9GqWrNZh732q9mZ2lZZx9VWCiqqwqs",
                "pbkdf2-sha256$99999999999$r46YVIdt/DOhrub377UAZQ$v7/fV572DDnnl9GqWrNZh732q9mZ2lZZx9VWCiqqwqs",
                "pbkdf2-sha256$210000$!!notbase64!!$v7/fV572DDnnl9GqWrNZh732q9mZ2lZZx9VWCiqqwqs",
                "pbkdf2-sha256$210000$$v7/fV572DDnnl9GqWrNZh732q9mZ2lZZx9VWCiqqwqs",
                "pbkdf2-sha256$210000$r46YVIdt/DOhrub377UAZQ$v7/fV572DDnnl9GqWrNZh7",
                "PBKDF2-SHA256$210000$r46YVIdt/DOhrub377UAZQ$v7/fV572DDnnl9GqWrNZh732q9mZ2lZZx9VWCiqqwqs"
            })
    void aMalformedStoredValueIsNoMatchAndNeedsRehash(String stored) {
        assertThat(PasswordHasher.matches("sk_live_Zq8 政府 secret", stored)).isFalse();
        assertThat(PasswordHasher.needsRehash(stored)).isTrue();
    }

    @Test
    void askForARehashWhenMadeWithFewerIterations() {
        String old = PasswordHasher.hash("Correct-Horse-9".toCharArray(), 100_000);

        assertThat(PasswordHasher.matches("Correct-Horse-9", old)).isTrue();
        assertThat(PasswordHasher.needsRehash(old)).isTrue();
        assertThat(PasswordHasher.needsRehash(FROM_SECRET_HASHER)).isFalse();
    }
}
