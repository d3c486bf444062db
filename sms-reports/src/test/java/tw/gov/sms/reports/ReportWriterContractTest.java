package tw.gov.sms.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What every writer promises, whatever the format. */
class ReportWriterContractTest {

    @ParameterizedTest
    @EnumSource(ReportFormat.class)
    void namesTheRowAndColumnOfABadValue(ReportFormat format) throws IOException {
        try (ReportWriter report = open(format, new ByteArrayOutputStream())) {
            assertThatThrownBy(() -> report.sheet(Fixtures.statistics("s"), rows -> {
                        rows.row(Fixtures.FIRST);
                        rows.row(Arrays.asList("x", 1L, null, 0.5d, null, null, null));
                    }))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("sheet s, row 2: column fee (MONEY)");
            assertThatThrownBy(() -> report.sheet(Fixtures.statistics("t"), rows -> {}))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("failed");
        }
    }

    @ParameterizedTest
    @EnumSource(ReportFormat.class)
    void refusesARowOfTheWrongLength(ReportFormat format) throws IOException {
        try (ReportWriter report = open(format, new ByteArrayOutputStream())) {
            assertThatThrownBy(() -> report.sheet(Fixtures.statistics("s"), rows -> rows.row(Arrays.asList("x", 1L))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("row 1: 2 values for 7 columns");
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = ReportFormat.class,
            names = {"XLSX", "PDF"})
    void writesNothingAfterAFailure(ReportFormat format) throws IOException {
        var out = new ByteArrayOutputStream();
        try (ReportWriter report = open(format, out)) {
            assertThatThrownBy(() -> report.sheet(Fixtures.statistics("s"), rows -> {
                        rows.row(Fixtures.FIRST);
                        throw new IllegalStateException("database gone");
                    }))
                    .hasMessage("database gone");
        }
        assertThat(out.size()).isZero();
    }

    @ParameterizedTest
    @EnumSource(ReportFormat.class)
    void neitherClosesTheCallersStreamNorKeepsItsSink(ReportFormat format) throws IOException {
        var closed = new boolean[1];
        var out = new ByteArrayOutputStream() {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        var kept = new AtomicReference<RowSink>();
        try (ReportWriter report = open(format, out)) {
            report.sheet(Fixtures.statistics("s"), kept::set);
            assertThatThrownBy(() -> kept.get().row(Fixtures.FIRST)).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> report.sheet(Fixtures.statistics("t"), rows -> {
                        try {
                            report.sheet(Fixtures.statistics("u"), inner -> {});
                        } catch (IOException e) {
                            throw new AssertionError(e);
                        }
                    }))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("re-entrant");
        }
        assertThat(closed[0]).isFalse();
    }

    @ParameterizedTest
    @EnumSource(ReportFormat.class)
    void writesADocumentEvenWithoutSheets(ReportFormat format) throws IOException {
        var out = new ByteArrayOutputStream();
        open(format, out).close();
        if (format == ReportFormat.CSV) {
            assertThat(out.size()).isZero();
        } else {
            assertThat(out.size()).isPositive();
        }
    }

    private static ReportWriter open(ReportFormat format, OutputStream out) throws IOException {
        if (format == ReportFormat.PDF) {
            Fixtures.cjkFont(); // skips, or fails on CI, without one
        }
        return format.open(out, Fixtures.GENERATED_AT);
    }
}
