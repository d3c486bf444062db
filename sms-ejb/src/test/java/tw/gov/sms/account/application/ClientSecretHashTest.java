package tw.gov.sms.account.application;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tw.gov.sms.identity.PasswordHasher;

/** API client secrets are hashed by the same {@link PasswordHasher} as people's passwords, in this format. */
class ClientSecretHashTest {

    @Test
    void matchesOnlyTheRightSecretAndSaltsEveryHash() {
        String stored = PasswordHasher.hash("s3cret-密碼");
        assertThat(stored).startsWith("pbkdf2-sha256$210000$").doesNotContain("s3cret");
        assertThat(PasswordHasher.matches("s3cret-密碼", stored)).isTrue();
        assertThat(PasswordHasher.matches("s3cret-密", stored)).isFalse();
        assertThat(PasswordHasher.hash("s3cret-密碼")).isNotEqualTo(stored);
    }

    @Test
    void rejectsStoredValuesOfAnotherFormat() {
        assertThat(PasswordHasher.matches("x", "plain:x")).isFalse();
    }
}
