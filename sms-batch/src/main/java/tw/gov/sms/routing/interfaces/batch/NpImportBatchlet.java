package tw.gov.sms.routing.interfaces.batch;

import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.logging.Logger;
import tw.gov.sms.routing.application.NpImportService;
import tw.gov.sms.routing.domain.NpFileError;
import tw.gov.sms.routing.domain.NpFileParser;
import tw.gov.sms.routing.domain.NpParseResult;

/**
 * Validates every line of one number-portability file and, only if all are valid, stores it as the
 * ported-number set (R1.2). The file then moves to {@code processed/}, or to {@code rejected/} beside a
 * {@code .errors.txt} report (line, code, reason in Traditional Chinese and English).
 */
@Named
@Dependent
public class NpImportBatchlet extends AbstractBatchlet {

    private static final Logger LOG = Logger.getLogger(NpImportBatchlet.class.getName());

    @Inject
    @BatchProperty
    String file;

    @Inject
    NpImportService imports;

    @Override
    public String process() throws Exception {
        Path file = Path.of(this.file);
        NpFileParser parser = new NpFileParser();
        NpParseResult parsed = isDelta(file) ? parser.parseDelta(file) : parser.parseSnapshot(file);
        NpImportService.Outcome outcome =
                imports.apply(parsed, file.getFileName().toString());
        Path inbox = file.getParent().getParent();
        if (outcome.applied()) {
            imports.reloadNow();
            move(file, inbox.resolve("processed"));
            LOG.info(() -> "number-portability file " + file.getFileName() + " applied: " + outcome.records()
                    + " records, " + outcome.portedTotal() + " ported numbers in force");
            return "APPLIED";
        }
        Path rejected = move(file, inbox.resolve("rejected"));
        writeReport(rejected.resolveSibling(rejected.getFileName() + ".errors.txt"), parsed, outcome);
        LOG.warning(() -> "number-portability file " + file.getFileName() + " rejected: " + outcome.message());
        return "REJECTED";
    }

    private static boolean isDelta(Path file) throws IOException {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String first = r.readLine();
            return first != null && first.replace("\uFEFF", "").startsWith("#NP-DELTA");
        } catch (java.nio.charset.MalformedInputException e) {
            return false; // the parser reports the encoding error with its line
        }
    }

    private static Path move(Path file, Path folder) throws IOException {
        Files.createDirectories(folder);
        return Files.move(file, folder.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
    }

    private static void writeReport(Path report, NpParseResult parsed, NpImportService.Outcome outcome)
            throws IOException {
        StringBuilder text = new StringBuilder();
        text.append("檔案未匯入 / File not imported: ").append(outcome.message()).append('\n');
        text.append("行 line\t代碼 code\t說明\treason\t內容 excerpt\n");
        for (NpFileError e : parsed.errors()) {
            text.append(e.lineNumber())
                    .append('\t')
                    .append(e.code())
                    .append('\t')
                    .append(e.messageZh())
                    .append('\t')
                    .append(e.messageEn())
                    .append('\t')
                    .append(e.lineExcerpt() == null ? "" : e.lineExcerpt())
                    .append('\n');
        }
        if (parsed.errorsTruncated()) {
            text.append("… 錯誤過多，僅列出前 ")
                    .append(parsed.errors().size())
                    .append(" 筆 / too many errors, first ")
                    .append(parsed.errors().size())
                    .append(" listed\n");
        }
        Files.writeString(report, text, StandardCharsets.UTF_8);
    }
}
