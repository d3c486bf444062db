package tw.gov.sms.intake.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import tw.gov.sms.account.application.AccountException;

class SftpKeysTest {

    private static final String KEY = "AAAAC3NzaC1lZDI1NTE5AAAAIAzA7+ZpVbFiFj76a8EfzD5OfnvRKCFIK1Sh4QeI0jQv";

    @Test
    void readsAnOpenSshLineAndFingerprintsItAsSshKeygenDoes() {
        String[] parts = SftpKeys.parse("  ssh-ed25519 " + KEY + " agency@host\n");
        assertThat(parts).containsExactly("ssh-ed25519", KEY, "agency@host");
        // ssh-keygen -lf: 256 SHA256:KGt0BDUP8TtZkySjvlPGkxJLolJf5scBv8N4CY9JroM agency@host (ED25519)
        assertThat(SftpKeys.fingerprint(KEY)).isEqualTo("SHA256:KGt0BDUP8TtZkySjvlPGkxJLolJf5scBv8N4CY9JroM");
    }

    @Test
    void refusesOptionsOtherTypesBadBase64AndABodyOfAnotherType() {
        for (String line : new String[] {
            "from=\"*\" ssh-ed25519 " + KEY,
            "ssh-dss " + KEY,
            "ssh-ed25519 not-base64!",
            "ecdsa-sha2-nistp256 " + KEY,
            "ssh-ed25519",
            ""
        }) {
            assertThatThrownBy(() -> SftpKeys.parse(line))
                    .as(line)
                    .isInstanceOf(AccountException.class)
                    .extracting(e -> ((AccountException) e).code())
                    .isEqualTo("SFTP_KEY_INVALID");
        }
    }
}
