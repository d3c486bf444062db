package tw.gov.sms.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ReportFormatTest {

    @Test
    void parsesExtensionsIgnoringCaseAndBlanks() {
        assertThat(ReportFormat.parse("xlsx")).isEqualTo(ReportFormat.XLSX);
        assertThat(ReportFormat.parse(" CSV ")).isEqualTo(ReportFormat.CSV);
        assertThat(ReportFormat.parse("Pdf")).isEqualTo(ReportFormat.PDF);
    }

    @Test
    void refusesOtherFormatsNamingTheAcceptedOnesInBothLanguages() {
        assertThatThrownBy(() -> ReportFormat.parse("docx"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("不支援的報表格式「docx」，可用的格式：xlsx、csv、pdf"
                        + " / Unsupported report format \"docx\"; accepted: xlsx, csv, pdf");
        assertThatThrownBy(() -> ReportFormat.parse(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("accepted: xlsx, csv, pdf");
        assertThatThrownBy(() -> ReportFormat.parse("x\nlsx-and-a-very-long-parameter-value"))
                .hasMessageContaining("「x?lsx-and-a-very」");
    }

    @Test
    void knowsContentTypeAndExtension() {
        assertThat(ReportFormat.XLSX.contentType())
                .isEqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        assertThat(ReportFormat.CSV.contentType()).isEqualTo("text/csv; charset=UTF-8");
        assertThat(ReportFormat.PDF.contentType()).isEqualTo("application/pdf");
        assertThat(ReportFormat.XLSX.extension()).isEqualTo("xlsx");
        assertThat(ReportFormat.CSV.extension()).isEqualTo("csv");
        assertThat(ReportFormat.PDF.extension()).isEqualTo("pdf");
    }
}
