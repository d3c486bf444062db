package tw.gov.sms.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import tw.gov.sms.shared.domain.ProblemCode;

/** docs/file-formats.md lists every FILE_ code with its exact messages, and the phone column names in use. */
class FileFormatsDocTest {

    static final Path DOC = Path.of("../docs/file-formats.md");

    @Test
    void documentsEveryFileCodeWithItsMessages() throws Exception {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        for (ProblemCode code : ProblemCode.values()) {
            if (code.name().startsWith("FILE_")) {
                assertThat(doc)
                        .as(code.name())
                        .contains("| `" + code.name() + "` | " + code.defaultSeverity() + " |")
                        .contains(code.zh().replace("|", "\\|"))
                        .contains(code.en().replace("|", "\\|"));
            }
        }
    }

    @Test
    void documentsEveryPhoneColumnName() throws Exception {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        for (var tier : PhoneColumn.TIERS) {
            for (String name : tier) {
                assertThat(doc.replace(" ", "")).as(name).contains(name);
            }
        }
    }
}
