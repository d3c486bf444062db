package tw.gov.sms.reports;

import java.io.IOException;
import java.io.OutputStream;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The formats a report can be exported in, with what an HTTP download or a file name needs to know. */
public enum ReportFormat {
    XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    CSV("text/csv; charset=UTF-8"),
    PDF("application/pdf");

    private final String contentType;

    ReportFormat(String contentType) {
        this.contentType = contentType;
    }

    /** The media type for {@code Content-Type}. */
    public String contentType() {
        return contentType;
    }

    /** The file name extension, without the dot: {@code xlsx}, {@code csv}, {@code pdf}. */
    public String extension() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * A writer of this format on {@code out}. PDF uses {@link PdfReportWriter#defaultFont()}; construct a {@link
     * PdfReportWriter} directly to choose the font.
     *
     * @param generatedAt when the report was produced, printed in the PDF footer; the writers read no clock
     */
    public ReportWriter open(OutputStream out, OffsetDateTime generatedAt) throws IOException {
        return switch (this) {
            case XLSX -> new XlsxReportWriter(out);
            case CSV -> new CsvReportWriter(out);
            case PDF -> new PdfReportWriter(out, PdfReportWriter.defaultFont(), generatedAt);
        };
    }

    /**
     * The format named by {@code text}, ignoring case and surrounding blanks ({@code "XLSX"}, {@code " pdf "}).
     *
     * @throws IllegalArgumentException naming the accepted values, in Chinese and English
     */
    public static ReportFormat parse(String text) {
        String wanted = text == null ? "" : text.strip();
        for (ReportFormat format : values()) {
            if (format.extension().equalsIgnoreCase(wanted)) {
                return format;
            }
        }
        // The request parameter is echoed back, so only a short, printable part of it.
        String shown = wanted.codePoints()
                .limit(16)
                .map(cp -> Character.isISOControl(cp) ? '?' : cp)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
        throw new IllegalArgumentException("不支援的報表格式「" + shown + "」，可用的格式：" + accepted("、")
                + " / Unsupported report format \"" + shown + "\"; accepted: " + accepted(", "));
    }

    private static String accepted(String separator) {
        return Arrays.stream(values()).map(ReportFormat::extension).collect(Collectors.joining(separator));
    }
}
