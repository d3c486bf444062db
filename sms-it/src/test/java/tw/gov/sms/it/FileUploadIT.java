package tw.gov.sms.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Recipient files through the REST API (issue 5, R2.3, R3.2): every format is validated by the batch job
 * on the real platform, a file with errors is rejected as a whole with a report naming row, column and
 * reason, a clean one shows its summary and becomes a job only when confirmed, and a scheduled job can
 * be cancelled until it starts.
 */
@ExtendWith(ArquillianExtension.class)
class FileUploadIT {

    private static final Charset BIG5 = Charset.forName("x-windows-950");
    private static String token;

    @Deployment(testable = false, name = "sms")
    static EnterpriseArchive ear() {
        File ear = new File(System.getProperty("sms.ear", "../sms-ear/target/sms.ear"));
        return ShrinkWrap.create(ZipImporter.class, "sms.ear").importFrom(ear).as(EnterpriseArchive.class);
    }

    @BeforeAll
    static void token() {
        token = Platform.demoToken();
    }

    private static Map<String, String> fields(String text, String... more) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("text", text);
        for (int i = 0; i + 1 < more.length; i += 2) {
            f.put(more[i], more[i + 1]);
        }
        return f;
    }

    private static long upload(String name, byte[] content, Map<String, String> fields) {
        Platform.Reply r = Platform.postMultipart("/api/v1/files", token, fields, name, content);
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        assertThat(r.raw().headers().firstValue("Location")).isPresent();
        return r.json().getJsonNumber("id").longValue();
    }

    @Test
    void big5CsvAsExcelWritesItIsValidatedConfirmedAndDeliveredWithItsPlaceholders() throws Exception {
        String csv = "手機號碼,姓名,金額\r\n"
                + "0912300001,王小明,120\r\n"
                + "0922300002,林美玲,85\r\n"
                + "0936-300-003,陳碁銹,300\r\n"
                + "0912300001,王小明,120\r\n";
        long id = upload("繳費通知.csv", csv.getBytes(BIG5), fields("{姓名}您好，本期水費{金額}元，請於月底前繳納。"));

        JsonObject upload = Platform.awaitUpload(token, id, Duration.ofSeconds(60));
        assertThat(upload.getString("state")).as(upload.toString()).isEqualTo("VALIDATED");
        assertThat(upload.getString("format")).isEqualTo("CSV");
        assertThat(upload.getString("encoding")).isEqualTo("BIG5");
        assertThat(upload.getString("fileName")).isEqualTo("繳費通知.csv");
        JsonObject summary = upload.getJsonObject("summary");
        assertThat(summary.getInt("recipients")).isEqualTo(3);
        assertThat(summary.getInt("duplicates")).isEqualTo(1);
        assertThat(summary.getInt("segments")).isEqualTo(3);
        assertThat(upload.containsKey("jobId")).as("no job before confirmation").isFalse();

        Platform.Reply confirmed = Platform.postJson("/api/v1/files/" + id + "/confirm", token, "");
        assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(202);
        long job = confirmed.json().getJsonNumber("jobId").longValue();
        JsonObject done = Platform.awaitJob(token, job, "COMPLETED", Duration.ofSeconds(90));
        assertThat(done.getString("channel")).isEqualTo("FILE");
        assertThat(done.getJsonObject("messagesByState").getInt("DELIVERED")).isEqualTo(3);

        JsonArray received = Platform.get(Platform.SIMULATOR + "/messages?destination=886936300003", null)
                .jsonValue()
                .asJsonArray();
        assertThat(received.getJsonObject(received.size() - 1).getString("text"))
                .isEqualTo("【數位發展部】陳碁銹您好，本期水費300元，請於月底前繳納。");

        Platform.Reply again = Platform.postJson("/api/v1/files/" + id + "/confirm", token, "");
        assertThat(again.status()).as("a file becomes one job only").isEqualTo(409);
        assertThat(again.json().getString("code")).isEqualTo("UPLOAD_STATE_CONFLICT");
    }

    @Test
    void everyFormatIsReadTxtUtf8BomCsvUtf16XlsxAndZip() throws Exception {
        byte[] txt = "0912300101\n0922300102\n\n0936300103\n".getBytes(StandardCharsets.UTF_8);
        byte[] csvBom = concat(
                new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                "phone,name\n0912300111,甲\n0922300112,乙\n".getBytes(StandardCharsets.UTF_8));
        byte[] utf16 = concat(
                new byte[] {(byte) 0xFF, (byte) 0xFE},
                "phone\tname\r\n0912300121\t丙\r\n".getBytes(StandardCharsets.UTF_16LE));
        ByteArrayOutputStream xlsx = new ByteArrayOutputStream();
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            var sheet = wb.createSheet("名單");
            sheet.createRow(0).createCell(0).setCellValue("門號");
            sheet.getRow(0).createCell(1).setCellValue("name");
            sheet.createRow(1).createCell(0).setCellValue(912300131d); // Excel dropped the leading zero
            sheet.getRow(1).createCell(1).setCellValue("丁");
            sheet.createRow(2).createCell(0).setCellValue("0922300132");
            sheet.getRow(2).createCell(1).setCellValue("戊");
            wb.write(xlsx);
        }
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(zip)) {
            z.putNextEntry(new ZipEntry("a.csv"));
            z.write("phone,name\n0912300141,己\n".getBytes(StandardCharsets.UTF_8));
            z.putNextEntry(new ZipEntry("b.xlsx"));
            z.write(xlsx.toByteArray());
        }

        record Case(String name, byte[] bytes, String text, String format, int recipients) {}
        for (Case c : new Case[] {
            new Case("list.txt", txt, "停水通知：明日上午停水。", "TXT", 3),
            new Case("list.csv", csvBom, "{name}您好", "CSV", 2),
            new Case("unicode.txt", utf16, "{name}您好", "TXT", 1),
            new Case("list.xlsx", xlsx.toByteArray(), "{name}您好", "XLSX", 2),
            new Case("lists.zip", zip.toByteArray(), "{name}您好", "ZIP", 3)
        }) {
            long id = upload(c.name(), c.bytes(), fields(c.text()));
            JsonObject upload = Platform.awaitUpload(token, id, Duration.ofSeconds(60));
            assertThat(upload.getString("state")).as(c.name() + ": " + upload).isEqualTo("VALIDATED");
            assertThat(upload.getString("format")).as(c.name()).isEqualTo(c.format());
            assertThat(upload.getJsonObject("summary").getInt("recipients"))
                    .as(c.name())
                    .isEqualTo(c.recipients());
            Platform.Reply cancelled = Platform.postJson("/api/v1/files/" + id + "/cancel", token, "");
            assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
            assertThat(cancelled.json().getString("state")).isEqualTo("CANCELLED");
        }
    }

    @Test
    void aFileWithErrorsIsRejectedAsAWholeWithARowByRowReport() throws Exception {
        String csv = "phone,name\n"
                + "0912300201,甲\n"
                + "0212345678,乙\n" // a landline
                + "0922300203,\n" // no value for {name}
                + "=cmd|' /C calc'!A0,丙\n"; // a formula-looking value: reported, never executed or echoed raw
        long id = upload("bad.csv", csv.getBytes(StandardCharsets.UTF_8), fields("{name}您好"));
        JsonObject upload = Platform.awaitUpload(token, id, Duration.ofSeconds(60));
        assertThat(upload.getString("state")).as(upload.toString()).isEqualTo("REJECTED");
        assertThat(upload.getInt("problemCount")).isEqualTo(3);
        JsonArray problems = upload.getJsonArray("problems");
        assertThat(problems.getJsonObject(0).getInt("row")).isEqualTo(3);
        assertThat(problems.getJsonObject(0).getString("column")).isEqualTo("phone");
        assertThat(problems.getJsonObject(0).getString("code")).isEqualTo("NUMBER_LANDLINE");
        assertThat(problems.getJsonObject(1).getInt("row")).isEqualTo(4);
        assertThat(problems.getJsonObject(1).getString("column")).isEqualTo("name");
        assertThat(problems.getJsonObject(1).getString("code")).isEqualTo("PLACEHOLDER_MISSING_VALUE");
        assertThat(problems.getJsonObject(2).getInt("row")).isEqualTo(5);

        HttpResponse<byte[]> report = Platform.download("/api/v1/files/" + id + "/report", token);
        assertThat(report.statusCode()).isEqualTo(200);
        byte[] bytes = report.body();
        assertThat(bytes[0]).as("UTF-8 BOM so Excel reads it").isEqualTo((byte) 0xEF);
        String text = new String(bytes, StandardCharsets.UTF_8);
        assertThat(text).contains("NUMBER_LANDLINE", "市內電話", "landline", "PLACEHOLDER_MISSING_VALUE");
        // No cell of the report starts like a formula, whatever the file held.
        assertThat(text).doesNotContainPattern("(^|,|\r\n)\"?[=+@]");
        assertThat(text.split("\r\n")).hasSize(4); // header and three problems

        Platform.Reply confirm = Platform.postJson("/api/v1/files/" + id + "/confirm", token, "");
        assertThat(confirm.status()).isEqualTo(409);
        try (var c = Platform.db();
                var ps = c.prepareStatement("select count(*) from file_row where upload_id = ?")) {
            ps.setLong(1, id);
            try (var rs = ps.executeQuery()) {
                rs.next();
                assertThat(rs.getLong(1))
                        .as("nothing of a rejected file is kept to send")
                        .isZero();
            }
        }
    }

    @Test
    void hostileAndMismatchedFilesAreRejectedWithASpecificReason() throws Exception {
        ByteArrayOutputStream traversal = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(traversal)) {
            z.putNextEntry(new ZipEntry("../../etc/cron.d/x.csv"));
            z.write("phone\n0912300301\n".getBytes(StandardCharsets.UTF_8));
        }
        long zipId = upload("evil.zip", traversal.toByteArray(), fields("測試"));
        JsonObject zip = Platform.awaitUpload(token, zipId, Duration.ofSeconds(60));
        assertThat(zip.getString("state")).isEqualTo("REJECTED");
        assertThat(zip.getJsonArray("problems").getJsonObject(0).getString("code"))
                .startsWith("FILE_");

        long exeId = upload("list.csv", new byte[] {'M', 'Z', 0, 0, 3, 0, 0, 0}, fields("測試"));
        JsonObject exe = Platform.awaitUpload(token, exeId, Duration.ofSeconds(60));
        assertThat(exe.getString("state")).isEqualTo("REJECTED");
        assertThat(exe.getJsonArray("problems").getJsonObject(0).getString("code"))
                .startsWith("FILE_");

        long missingColumn =
                upload("list.csv", "phone\n0912300311\n".getBytes(StandardCharsets.UTF_8), fields("{姓名}您好"));
        JsonObject missing = Platform.awaitUpload(token, missingColumn, Duration.ofSeconds(60));
        assertThat(missing.getString("state")).isEqualTo("REJECTED");
        assertThat(missing.getJsonArray("problems").getJsonObject(0).getString("code"))
                .isEqualTo("UPLOAD_PLACEHOLDER_COLUMN_MISSING");

        Platform.Reply noText = Platform.postMultipart(
                "/api/v1/files", token, Map.of(), "list.csv", "phone\n0912300321\n".getBytes(StandardCharsets.UTF_8));
        assertThat(noText.status()).isEqualTo(400);
    }

    @Test
    void aScheduledFileJobCanBeCancelledUntilItStarts() throws Exception {
        String at = OffsetDateTime.now(ZoneOffset.ofHours(8))
                .plusHours(2)
                .truncatedTo(ChronoUnit.SECONDS)
                .toString();
        long id = upload(
                "later.csv",
                "phone\n0912300401\n0922300402\n".getBytes(StandardCharsets.UTF_8),
                fields("明日停班停課通知", "scheduleAt", at, "autoConfirm", "true"));
        JsonObject upload = Platform.awaitUpload(token, id, Duration.ofSeconds(60));
        assertThat(upload.getString("state")).as(upload.toString()).isEqualTo("CONFIRMED");
        long job = upload.getJsonNumber("jobId").longValue();
        assertThat(Platform.get("/api/v1/jobs/" + job, token).json().getString("state"))
                .isEqualTo("SCHEDULED");

        Platform.Reply cancel = Platform.postJson("/api/v1/jobs/" + job + "/cancel", token, "");
        assertThat(cancel.status()).as(cancel.body()).isEqualTo(200);
        assertThat(cancel.json().getInt("cancelledMessages")).isEqualTo(2);
        JsonObject after = Platform.get("/api/v1/jobs/" + job, token).json();
        assertThat(after.getString("state")).isEqualTo("CANCELLED");
        assertThat(after.getJsonObject("messagesByState").getInt("CANCELLED")).isEqualTo(2);

        Platform.Reply twice = Platform.postJson("/api/v1/jobs/" + job + "/cancel", token, "");
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.json().getString("code")).isEqualTo("JOB_NOT_CANCELLABLE");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
