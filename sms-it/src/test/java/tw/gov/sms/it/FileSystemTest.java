package tw.gov.sms.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 5's "done when", on the platform deployed as {@code ./sms run} deploys it: a 200,000-row Big5
 * CSV written the way Excel writes it goes through the API (validated, confirmed, sent and delivered)
 * and through SFTP (validated, sent, its status report written back); and a validation interrupted by a server
 * restart resumes at its last chunk without duplicating a row.
 */
class FileSystemTest {

    private static final Charset BIG5 = Charset.forName("x-windows-950");
    private static final String[] SURNAMES = {"陳", "林", "黃", "張", "李", "王", "吳", "劉", "蔡", "楊"};

    /** Rows {@code 0912xxxxxx / 0922… / 0936…} from {@code base}, each with a Traditional Chinese name. */
    private static byte[] csv(int rows, int base, Charset charset) {
        StringBuilder b = new StringBuilder(rows * 24);
        b.append("手機號碼,姓名\r\n");
        String[] prefixes = {"0912", "0922", "0936"};
        for (int i = 0; i < rows; i++) {
            b.append(prefixes[i % 3])
                    .append(String.format("%06d", base + i))
                    .append(',')
                    .append(SURNAMES[i % 10])
                    .append("先生")
                    .append("\r\n");
        }
        return b.toString().getBytes(charset);
    }

    @Test
    void twoHundredThousandRowBig5CsvThroughTheApiAndThroughSftp() throws Exception {
        String token = Platform.demoToken();
        byte[] file = csv(200_000, 400_000, BIG5);

        // API: validated in full, shown as a summary, confirmed into a job and sent.
        Platform.Reply r =
                Platform.postMultipart("/api/v1/files", token, Map.of("text", "{姓名}您好，您的補助款已核撥。"), "補助名冊.csv", file);
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        long id = r.json().getJsonNumber("id").longValue();
        JsonObject upload = Platform.awaitUpload(token, id, Duration.ofMinutes(10));
        assertThat(upload.getString("state")).as(upload.toString()).isEqualTo("VALIDATED");
        assertThat(upload.getString("encoding")).isEqualTo("BIG5");
        assertThat(upload.getString("fileName")).isEqualTo("補助名冊.csv");
        assertThat(upload.getJsonObject("summary").getInt("recipients")).isEqualTo(200_000);
        assertThat(upload.getJsonObject("summary").getInt("segments")).isEqualTo(200_000);
        Platform.Reply confirmed = Platform.postJson("/api/v1/files/" + id + "/confirm", token, "");
        assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(202);
        long apiJob = confirmed.json().getJsonNumber("jobId").longValue();

        // SFTP: taken, validated, sent, and the status report of all 200,000 rows written back.
        SftpServer.Account demo = SftpServer.provisionAgency(
                "smsag-demo", Platform.get("/api/v1/sftp", token).json().getString("platformPublicKey"), token);
        String name = "subsidy-200k-" + java.util.UUID.randomUUID().toString().substring(0, 8) + ".csv";
        SftpServer.upload(
                demo, name, file, SftpServer.manifest(name, file, "{姓名}您好，您的補助款已核撥。", "reference = BIG-200K"));
        String receipt = SftpServer.awaitOutbox(demo, name + ".receipt.txt", Duration.ofMinutes(10));
        assertThat(receipt).contains("受理 ACCEPTED", "Recipients: 200000", "BIG5");
        String status = SftpServer.awaitOutbox(demo, name + ".status.csv", Duration.ofMinutes(30));
        String[] lines = status.substring(1).split("\r\n");
        assertThat(lines).hasSize(200_001);
        long delivered = java.util.Arrays.stream(lines)
                .filter(l -> l.contains(",DELIVERED,"))
                .count();
        assertThat(delivered).isEqualTo(200_000);
        assertThat(lines[1]).startsWith("2,,0912400000,DELIVERED,");

        JsonObject sent = Platform.awaitJob(Platform.demoToken(), apiJob, "COMPLETED", Duration.ofMinutes(10));
        assertThat(sent.getJsonObject("messagesByState").getInt("DELIVERED")).isEqualTo(200_000);
        assertThat(sent.getString("channel")).isEqualTo("FILE");
    }

    @Test
    void aValidationInterruptedByARestartResumesWithoutDuplicatingRows() throws Exception {
        String token = Platform.demoToken();
        byte[] file = csv(1_000_000, 0, StandardCharsets.UTF_8); // ~45 s of validation: time to restart mid-way
        Platform.Reply r =
                Platform.postMultipart("/api/v1/files", token, Map.of("text", "{姓名}您好"), "restart.csv", file);
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        long id = r.json().getJsonNumber("id").longValue();

        long before = 0;
        for (int i = 0; i < 600 && before < 10_000; i++) {
            JsonObject u = Platform.get("/api/v1/files/" + id, token).json();
            before = u.getJsonNumber("rowsRead").longValue();
            Thread.sleep(100);
        }
        assertThat(before).as("validation under way before the restart").isBetween(10_000L, 999_999L);
        Long executionBefore = execution(id);

        Platform.restartServer();

        JsonObject upload = Platform.awaitUpload(Platform.demoToken(), id, Duration.ofMinutes(10));
        assertThat(upload.getString("state")).as(upload.toString()).isEqualTo("VALIDATED");
        assertThat(upload.getJsonNumber("rowsRead").longValue()).isEqualTo(1_000_000);
        assertThat(upload.getJsonObject("summary").getInt("recipients")).isEqualTo(1_000_000);
        assertThat(upload.getJsonObject("summary").getInt("duplicates")).isZero();
        assertThat(execution(id)).as("a new execution resumed it").isNotEqualTo(executionBefore);
        try (var c = Platform.db();
                PreparedStatement ps = c.prepareStatement(
                        "select count(*), count(distinct msisdn_hash) from file_row where upload_id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(1_000_000);
                assertThat(rs.getLong(2)).isEqualTo(1_000_000);
            }
        }
        Platform.postJson("/api/v1/files/" + id + "/cancel", Platform.demoToken(), "");
    }

    private static Long execution(long uploadId) throws Exception {
        try (var c = Platform.db();
                PreparedStatement ps = c.prepareStatement("select execution_id from file_upload where id = ?")) {
            ps.setLong(1, uploadId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
