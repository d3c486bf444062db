package tw.gov.sms.reporting.interfaces.rest;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.function.Consumer;
import tw.gov.sms.reports.ReportFormat;
import tw.gov.sms.reports.ReportWriter;
import tw.gov.sms.shared.interfaces.rest.ApiInputException;

/**
 * Writes a report to a temporary file first and only then answers, so a refusal or a failure half-way
 * is a proper error response, never a truncated download; the file is removed once sent.
 */
public final class ReportDownloads {

    private ReportDownloads() {}

    public static Response respond(String format, String baseName, Consumer<ReportWriter> report) {
        String wanted =
                format == null || format.isBlank() ? "json" : format.strip().toLowerCase(java.util.Locale.ROOT);
        ReportFormat file = null;
        if (!"json".equals(wanted)) {
            try {
                file = ReportFormat.parse(wanted);
            } catch (IllegalArgumentException e) {
                throw new ApiInputException(
                        "REPORT_FORMAT_INVALID",
                        "format 須為 json、xlsx、csv 或 pdf。",
                        "format must be json, xlsx, csv or pdf.");
            }
        }
        Path temp;
        try {
            temp = Files.createTempFile("sms-report-", ".tmp");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            try (OutputStream out = Files.newOutputStream(temp);
                    ReportWriter writer =
                            file == null ? new JsonReportWriter(out) : file.open(out, OffsetDateTime.now())) {
                report.accept(writer);
            }
        } catch (IOException e) {
            delete(temp);
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            delete(temp);
            throw e;
        }
        StreamingOutput body = out -> {
            try {
                Files.copy(temp, out);
            } finally {
                delete(temp);
            }
        };
        if (file == null) {
            return Response.ok(body, "application/json; charset=UTF-8").build();
        }
        String name = baseName + "." + file.extension();
        return Response.ok(body, file.contentType())
                .header(
                        "Content-Disposition",
                        "attachment; filename=\"" + name.replaceAll("[^A-Za-z0-9._-]", "_") + "\"; filename*=UTF-8''"
                                + URLEncoder.encode(name, StandardCharsets.UTF_8)
                                        .replace("+", "%20"))
                .build();
    }

    private static void delete(Path temp) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // the temporary directory is cleaned by the platform anyway
        }
    }
}
