package tw.gov.sms.routing.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import tw.gov.sms.account.application.AccountException;

class NpUploadNameTest {

    @Test
    void keepsAPlainNpName() {
        assertThat(NpUploadName.of("np-snapshot_2026-11-27.np")).isEqualTo("np-snapshot_2026-11-27.np");
        assertThat(NpUploadName.of("  delta.np ")).isEqualTo("delta.np");
    }

    @Test
    void takesOnlyTheLastPathSegmentABrowserSends() {
        assertThat(NpUploadName.of("C:\\Users\\op\\Desktop\\delta-2026-11-28.np"))
                .isEqualTo("delta-2026-11-28.np");
        assertThat(NpUploadName.of("/home/op/snap.np")).isEqualTo("snap.np");
        assertThat(NpUploadName.of("../../etc/snap.np")).isEqualTo("snap.np");
    }

    @Test
    void refusesHiddenUnfinishedOrForeignNames() {
        for (String bad : new String[] {
            null, "", ".np", ".hidden.np", "snap.np.part", "snap.txt", "snap", "快照.np", "a b.np", "a..np", "x/"
        }) {
            assertThatThrownBy(() -> NpUploadName.of(bad))
                    .as(String.valueOf(bad))
                    .isInstanceOf(AccountException.class)
                    .satisfies(e -> assertThat(((AccountException) e).code()).isEqualTo("NP_FILE_NAME_INVALID"))
                    .satisfies(
                            e -> assertThat(((AccountException) e).messageZh()).contains(".np"))
                    .satisfies(
                            e -> assertThat(((AccountException) e).messageEn()).contains(".np"));
        }
    }

    @Test
    void refusesOverlongNames() {
        assertThatThrownBy(() -> NpUploadName.of("a".repeat(198) + ".np")).isInstanceOf(AccountException.class);
        assertThat(NpUploadName.of("a".repeat(197) + ".np")).hasSize(200);
    }
}
