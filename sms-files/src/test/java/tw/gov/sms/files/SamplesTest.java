package tw.gov.sms.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tw.gov.sms.shared.domain.Severity;

/** Every file published in docs/samples is accepted as it is, without a single error. */
class SamplesTest {

    static final Path SAMPLES = Path.of("../docs/samples");

    static List<Path> samples() throws IOException {
        try (Stream<Path> s = Files.list(SAMPLES)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }

    @Test
    void publishesOneSampleOfEveryFormat() throws IOException {
        assertThat(samples())
                .extracting(p -> p.getFileName().toString())
                .contains(
                        "recipients.txt",
                        "recipients-utf8.csv",
                        "recipients-big5.csv",
                        "recipients.xlsx",
                        "recipients.zip");
    }

    @ParameterizedTest
    @MethodSource("samples")
    void acceptsEverySampleWithoutErrors(Path sample) throws Exception {
        Uploads.Read r = Uploads.read(sample);
        assertThat(r.rows()).isNotEmpty();
        assertThat(r.description().warnings()).isEmpty();
        assertThat(r.rows())
                .flatExtracting(FileRow::problems)
                .filteredOn(p -> p.problem().severity() == Severity.ERROR)
                .isEmpty();
        assertThat(r.rows()).allSatisfy(row -> assertThat(row.phone()).isNotBlank());
    }

    @Test
    void readsTheSamplesAsTheSpecificationSays() throws Exception {
        assertThat(Uploads.read(SAMPLES.resolve("recipients-big5.csv"))
                        .description()
                        .encoding())
                .isEqualTo(TextEncoding.BIG5);
        Uploads.Read utf8 = Uploads.read(SAMPLES.resolve("recipients-utf8.csv"));
        assertThat(utf8.description().encoding()).isEqualTo(TextEncoding.UTF8_BOM);
        assertThat(utf8.rows().get(2).values()).containsEntry("姓名", "林志明, 林志華");
        Uploads.Read xlsx = Uploads.read(SAMPLES.resolve("recipients.xlsx"));
        assertThat(xlsx.rows()).extracting(FileRow::phone).containsExactly("0912345678", "0922333444", "0933444555");
        assertThat(xlsx.rows().get(0).values()).containsEntry("金額", "1200").containsEntry("繳費期限", "2025/12/31");
        Uploads.Read zip = Uploads.read(SAMPLES.resolve("recipients.zip"));
        assertThat(zip.description().entries()).containsExactly("01-north.csv", "02-south.xlsx");
        assertThat(zip.rows()).extracting(FileRow::ordinal).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(Uploads.read(SAMPLES.resolve("recipients.txt")).rows()).hasSize(4);
    }

    @Test
    void publishedTextSamplesMatchTheGenerator(@TempDir Path dir) throws IOException {
        SampleFiles.writeAll(dir);
        for (String name : List.of("recipients.txt", "recipients-utf8.csv", "recipients-big5.csv")) {
            assertThat(Files.readAllBytes(SAMPLES.resolve(name)))
                    .as(name)
                    .isEqualTo(Files.readAllBytes(dir.resolve(name)));
        }
    }
}
