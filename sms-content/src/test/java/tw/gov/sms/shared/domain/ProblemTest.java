package tw.gov.sms.shared.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ProblemTest {

    @Test
    void fillsBothLanguagesFromTheCodesTemplates() {
        Problem p = Problem.of(ProblemCode.TEXT_TOO_LONG, "fullText", 333, 340, 333);
        assertThat(p.severity()).isEqualTo(Severity.ERROR);
        assertThat(p.messageZh()).isEqualTo("簡訊長度 340 字（含機關名稱前綴），超過上限 333 字。");
        assertThat(p.messageEn()).contains("340").contains("333");
    }

    @Test
    void aWrongArgumentListStillGivesAMessage() {
        Problem p = Problem.of(ProblemCode.TEXT_TOO_LONG, "text", null);
        assertThat(p.messageZh()).isNotBlank();
        assertThat(p.messageEn()).isNotBlank();
    }

    @ParameterizedTest
    @EnumSource(ProblemCode.class)
    void everyCodeIsDocumented(ProblemCode code) throws IOException {
        // Content codes in content-rules.md; file codes in file-formats.md; SFTP codes in sftp.md; the
        // upload and job codes of the API in api.md: each where the developer who meets it reads.
        StringBuilder docs = new StringBuilder();
        for (String name : new String[] {"content-rules.md", "file-formats.md", "sftp.md", "api.md"}) {
            Path doc = Path.of("..", "docs", name);
            if (Files.exists(doc)) {
                docs.append(Files.readString(doc));
            }
        }
        assertThat(docs).as(code + " is documented").contains("`" + code.name() + "`");
    }

    @ParameterizedTest
    @EnumSource(ProblemCode.class)
    void everyCodeHasBothMessages(ProblemCode code) {
        assertThat(code.zh()).isNotBlank();
        assertThat(code.en()).isNotBlank();
        assertThat(code.defaultSeverity()).isNotNull();
    }
}
