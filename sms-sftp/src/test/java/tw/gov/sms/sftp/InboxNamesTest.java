package tw.gov.sms.sftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class InboxNamesTest {

    @Test
    void uploadsInProgressAndHiddenFilesAreIgnored() {
        assertThat(InboxNames.ignored("bills.csv.part")).isTrue();
        assertThat(InboxNames.ignored("bills.csv.manifest.part")).isTrue();
        assertThat(InboxNames.ignored("bills.csv.filepart")).as("WinSCP").isTrue();
        assertThat(InboxNames.ignored(".bills.csv")).isTrue();
        assertThat(InboxNames.ignored("bills.csv")).isFalse();
    }

    @Test
    void dataFileTypesAreMatchedWhateverTheCase() {
        assertThat(InboxNames.isDataFile("名冊.XLSX")).isTrue();
        assertThat(InboxNames.isDataFile("a.txt")).isTrue();
        assertThat(InboxNames.isDataFile("a.zip")).isTrue();
        assertThat(InboxNames.isDataFile("a.xls")).isTrue();
        assertThat(InboxNames.isDataFile("a.pdf")).isFalse();
        assertThat(InboxNames.isDataFile("a.csv.manifest")).isFalse();
    }

    @Test
    void aStampGoesBeforeTheTypeSoPairsStayPairs() {
        assertThat(InboxNames.withStamp("bills.csv", "S")).isEqualTo("bills.S.csv");
        assertThat(InboxNames.withStamp("bills.csv.manifest", "S")).isEqualTo("bills.S.csv.manifest");
        assertThat(InboxNames.withStamp("notes", "S")).isEqualTo("notes.S");
        assertThat(InboxNames.stamp(Instant.parse("2026-12-01T01:02:03Z"), 1)).isEqualTo("20261201T090203");
        assertThat(InboxNames.stamp(Instant.parse("2026-12-01T01:02:03Z"), 3)).isEqualTo("20261201T090203-3");
    }

    @Test
    void namesArePlainFileNamesNeverPaths() {
        for (String bad : new String[] {"", ".", "..", "../b/inbox/x.csv", "/etc/passwd", "a\0b"}) {
            assertThatThrownBy(() -> InboxNames.requirePlain(bad)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(InboxNames.requirePlain("水費 帳單.csv")).isEqualTo("水費 帳單.csv");
    }

    @Test
    void wildcardsAreQuotedForJsch() {
        assertThat(InboxNames.quote("inbox/a*b?.csv")).isEqualTo("inbox/a\\*b\\?.csv");
    }
}
