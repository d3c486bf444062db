package tw.gov.sms.account.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretHasherTest {

    @Test
    void matchesOnlyTheRightSecretAndSaltsEveryHash() {
        String stored = SecretHasher.hash("s3cret-密碼");
        assertThat(stored).startsWith("pbkdf2-sha256$210000$").doesNotContain("s3cret");
        assertThat(SecretHasher.matches("s3cret-密碼", stored)).isTrue();
        assertThat(SecretHasher.matches("s3cret-密", stored)).isFalse();
        assertThat(SecretHasher.hash("s3cret-密碼")).isNotEqualTo(stored);
    }

    @Test
    void rejectsStoredValuesOfAnotherFormat() {
        assertThat(SecretHasher.matches("x", "plain:x")).isFalse();
    }
}
