package tw.gov.sms.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PdfReportWriterTest {

    private static Path font;

    @BeforeEach
    void findFont() {
        font = Fixtures.cjkFont();
    }

    @Test
    void paginatesAChineseTableRepeatingTheHeader() throws IOException {
        byte[] pdf = write(Fixtures.statistics("統計"), rows -> {
            rows.row(Fixtures.FIRST);
            rows.row(Fixtures.FORMULA_LIKE);
            for (int i = 1; i <= 80; i++) {
                rows.row(Arrays.asList(
                        "第 " + i + " 列 很長的機關名稱很長的機關名稱很長的機關名稱很長的機關名稱很長的機關名稱很長的機關名稱很長的機關名稱很長的機關名稱",
                        (long) i * 1000,
                        null,
                        BigDecimal.valueOf(i),
                        null,
                        LocalDate.of(2026, 10, 1),
                        null));
            }
            rows.total(Fixtures.TOTAL);
        });

        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(document.getNumberOfPages()).isEqualTo(3);
            assertThat(document.getDocumentInformation().getTitle()).isEqualTo("簡訊發送統計表 SMS sending statistics");
            String first = text(document, 1);
            assertThat(first)
                    .contains("簡訊發送統計表", "SMS sending statistics", "機關 Agency: 數位發展部", "期間 Period: 2026-10")
                    .contains("發送則數", "Messages sent", "完成時間")
                    .contains("數位發展部", "12,345", "1.5", "1,234,567", "98.76%", "2026-10-01", "2026-10-01 09:02:03")
                    .contains("=1+1", "0.70", "2026-11-01 00:30:00")
                    .contains("第 1 頁 Page 1", "產製時間 Generated: 2026-11-01 09:00:00")
                    .contains("第 1 列 很長的機關名稱")
                    .contains("…")
                    .doesNotContain("第 1 列 很長的機關名稱很長的機關名稱很長的機關名稱很長的機關名稱很長的機關名稱很長的機關名稱很長的機關名稱很長的機關名稱");
            String second = text(document, 2);
            assertThat(second).contains("發送則數", "Messages sent", "（續 continued）", "第 2 頁 Page 2");
            assertThat(second).doesNotContain("機關 Agency: 數位發展部");
            String third = text(document, 3);
            assertThat(third)
                    .contains("第 80 列", "80,000", "合計 Total", "1,234,567.70", "第 3 頁 Page 3")
                    .doesNotContain("1,234,567…");
        }
    }

    @Test
    void printsMissingCharactersAsQuestionMarks() throws IOException {
        byte[] pdf = write(
                Fixtures.statistics("統計"),
                rows -> rows.row(Arrays.asList("笑😀臉\u200D，雪人☃️ 𪚥 tab\there", null, null, null, null, null, null)));

        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(text(document, 1)).contains("笑?臉").contains("tab here");
        }
    }

    @Test
    void startsEachSheetOnANewPage() throws IOException {
        var out = new ByteArrayOutputStream();
        try (var report = new PdfReportWriter(out, font, Fixtures.GENERATED_AT)) {
            report.sheet(Fixtures.statistics("一"), rows -> rows.row(Fixtures.FIRST));
            report.sheet(
                    new Sheet("二", "帳號清冊", "Account roster", List.of(), Fixtures.ALL_KINDS.subList(0, 2)), rows -> {});
        }
        try (PDDocument document = Loader.loadPDF(out.toByteArray())) {
            assertThat(document.getNumberOfPages()).isEqualTo(2);
            assertThat(text(document, 1)).contains("簡訊發送統計表").doesNotContain("帳號清冊");
            assertThat(text(document, 2)).contains("帳號清冊", "Account roster", "無資料 No data", "第 2 頁 Page 2");
        }
    }

    @Test
    void carriesNotesOverToTheNextPageWhenThereAreMany() throws IOException {
        var notes = new ArrayList<String>();
        for (int i = 1; i <= 60; i++) {
            notes.add("附註 Note " + i);
        }
        byte[] pdf = write(
                new Sheet("n", "附註很多的表", "Many notes", notes, Fixtures.ALL_KINDS), rows -> rows.row(Fixtures.FIRST));

        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(document.getNumberOfPages()).isEqualTo(2);
            assertThat(text(document, 1)).contains("附註 Note 1\n").doesNotContain("附註 Note 60", "Messages sent");
            assertThat(text(document, 2)).contains("附註 Note 60", "Messages sent", "數位發展部", "第 2 頁 Page 2");
        }
    }

    @Test
    void survivesAFontWithoutChineseGlyphs() throws IOException {
        Path latin = Path.of("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf");
        assumeTrue(Files.isRegularFile(latin), "needs fonts-dejavu-core");
        var out = new ByteArrayOutputStream();
        try (var report = new PdfReportWriter(out, latin, Fixtures.GENERATED_AT)) {
            report.sheet(Fixtures.statistics("統計"), rows -> rows.row(Fixtures.FIRST));
        }
        try (PDDocument document = Loader.loadPDF(out.toByteArray())) {
            assertThat(text(document, 1)).contains("SMS sending statistics", "12,345", "? 1 ? Page 1");
        }
    }

    @Test
    void choosesAFontOfACollectionByName() throws IOException {
        assumeTrue(font.toString().endsWith(".ttc"), "needs a font collection");
        assertThatThrownBy(() ->
                        new PdfReportWriter(new ByteArrayOutputStream(), font, "NoSuchFont", Fixtures.GENERATED_AT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NoSuchFont");
    }

    @Test
    void explainsHowToGetAFont() {
        assertThatThrownBy(() -> PdfReportWriter.findFont(null, List.of(Path.of("/nonexistent/font.ttc"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("找不到")
                .hasMessageContaining("SMS_REPORT_FONT")
                .hasMessageContaining("fonts-wqy-zenhei");
        assertThatThrownBy(() -> PdfReportWriter.findFont("/nonexistent/font.ttf", List.of(font)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("/nonexistent/font.ttf");
        assertThat(PdfReportWriter.findFont(" " + font + " ", List.of())).isEqualTo(font);
    }

    @Test
    void printsTheGivenTimeInTaipei() throws IOException {
        var out = new ByteArrayOutputStream();
        var generatedAt = OffsetDateTime.of(2026, 12, 31, 23, 59, 59, 0, ZoneOffset.ofHours(-5));
        try (var report = new PdfReportWriter(out, font, generatedAt)) {
            report.sheet(Fixtures.statistics("統計"), rows -> {});
        }
        try (PDDocument document = Loader.loadPDF(out.toByteArray())) {
            assertThat(text(document, 1)).contains("產製時間 Generated: 2027-01-01 12:59:59");
        }
    }

    private static byte[] write(Sheet spec, Consumer<RowSink> rows) throws IOException {
        var out = new ByteArrayOutputStream();
        try (var report = new PdfReportWriter(out, font, Fixtures.GENERATED_AT)) {
            report.sheet(spec, rows);
        }
        return out.toByteArray();
    }

    private static String text(PDDocument document, int page) throws IOException {
        var stripper = new PDFTextStripper();
        stripper.setStartPage(page);
        stripper.setEndPage(page);
        return stripper.getText(document);
    }
}
