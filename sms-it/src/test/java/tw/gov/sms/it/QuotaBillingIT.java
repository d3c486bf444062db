package tw.gov.sms.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tw.gov.sms.quota.infrastructure.jdbc.QuotaLedger;

/**
 * Quota, settlement, bills and reports through the whole platform (issue 7): sends reserve their
 * segments and are refused with the numbers when short, concurrent sends never overspend, receipts
 * settle each message (delivered segments charged, the rest released), the month's bill is computed by
 * hand here and compared to the platform's, and the reports are read back cell by cell.
 */
@ExtendWith(ArquillianExtension.class)
class QuotaBillingIT {

    @Deployment(testable = false, name = "sms")
    static EnterpriseArchive ear() {
        java.io.File ear = new java.io.File(System.getProperty("sms.ear", "../sms-ear/target/sms.ear"));
        return ShrinkWrap.create(ZipImporter.class, "sms.ear").importFrom(ear).as(EnterpriseArchive.class);
    }

    private static final int RUN = new java.util.Random().nextInt(900_000) + 100_000;
    private static final ZoneId TAIWAN = ZoneId.of("Asia/Taipei");

    @AfterEach
    void clearFaults() {
        Platform.postForm(Platform.SIMULATOR + "/faults?clear=true");
    }

    @Test
    void aSendReservesItsSegmentsAndIsRefusedWithTheNumbersWhenShort() throws Exception {
        String token = SftpServer.agencyWithClient(
                "QA" + RUN, "額度測試機關甲" + RUN, "quota-a-" + RUN, "quota-a-secret", "send,view", 10);
        long agency = agencyId("QA" + RUN);
        JsonObject before = Platform.get("/api/v1/quota", token).json();
        assertThat(before.getJsonObject("agency").getJsonNumber("available").longValue())
                .isEqualTo(10);
        assertThat(before.getJsonObject("test").getInt("left")).isEqualTo(20);

        long job = send(token, numbers("0912", 0, 3), "額度測試", false, null);
        assertThat(Platform.get("/api/v1/quota", token)
                        .json()
                        .getJsonObject("agency")
                        .getJsonNumber("available")
                        .longValue())
                .isEqualTo(7);

        Platform.Reply short8 = sendReply(token, numbers("0912", 10, 8), "額度不足", false, null);
        assertThat(short8.status()).isEqualTo(422);
        JsonObject problem = short8.json().getJsonArray("problems").getJsonObject(0);
        assertThat(problem.getString("code")).isEqualTo("QUOTA_AGENCY_INSUFFICIENT");
        assertThat(problem.getString("messageEn")).contains("8 segments needed, 7 left");
        assertThat(problem.getString("messageZh")).contains("需要 8 則").contains("剩餘 7 則");
        assertThat(count("select count(*) from send_job where agency_id = ?", agency))
                .as("nothing of the refused send is stored")
                .isEqualTo(1);

        // Free test messages: 20, never paid quota, never from 111.
        long testJob = send(token, numbers("0912", 100, 20), "測試額度", true, null);
        Platform.Reply twentyFirst = sendReply(token, numbers("0912", 200, 1), "測試額度", true, null);
        assertThat(twentyFirst.status()).isEqualTo(422);
        assertThat(twentyFirst.json().getJsonArray("problems").getJsonObject(0).getString("code"))
                .isEqualTo("QUOTA_TEST_EXHAUSTED");
        assertThat(count("select count(*) from quota_ledger where job_id = ?", testJob))
                .as("a test job never touches the ledger")
                .isZero();
        assertThat(Platform.get("/api/v1/quota", token)
                        .json()
                        .getJsonObject("test")
                        .getInt("used"))
                .isEqualTo(20);

        // Receipts settle the paid job: its 3 delivered segments are charged, nothing stays reserved.
        Platform.awaitJob(token, job, "COMPLETED", Duration.ofSeconds(90));
        JsonObject settled = awaitQuota(
                token, q -> q.getJsonObject("agency").getJsonNumber("reserved").longValue() == 0);
        assertThat(settled.getJsonObject("agency").getJsonNumber("charged").longValue())
                .isEqualTo(3);
        assertThat(settled.getJsonObject("agency").getJsonNumber("available").longValue())
                .isEqualTo(7);
        assertLedgerConsistent();
    }

    @Test
    void concurrentSendsNeverOverspendAndTheLedgerSumsExactly() throws Exception {
        String token = SftpServer.agencyWithClient(
                "QC" + RUN, "額度並行測試機關" + RUN, "quota-c-" + RUN, "quota-c-secret", "send,view", 100);
        long agency = agencyId("QC" + RUN);
        // 20 sends of 5 recipients × 2 segments (UCS-2, 70–134 characters) compete for 100 segments.
        String text = "並行".repeat(40);
        ExecutorService pool = Executors.newFixedThreadPool(10);
        List<Future<Integer>> replies = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            List<String> recipients = numbers("0921", 1000 + i * 10, 5);
            Callable<Integer> call =
                    () -> sendReply(token, recipients, text, false, null).status();
            replies.add(pool.submit(call));
        }
        int accepted = 0;
        int refused = 0;
        for (Future<Integer> f : replies) {
            int status = f.get();
            if (status == 202) {
                accepted++;
            } else {
                assertThat(status).isEqualTo(422);
                refused++;
            }
        }
        pool.shutdown();
        assertThat(accepted).as("exactly the sends 100 segments pay for").isEqualTo(10);
        assertThat(refused).isEqualTo(10);
        assertThat(count(
                        "select coalesce(sum(segments), 0) from quota_ledger where agency_id = ? and kind = 'RESERVE'"
                                + " and account_id is null",
                        agency))
                .isEqualTo(100);
        assertThat(count("select coalesce(sum(segment_count), 0) from send_job where agency_id = ?", agency))
                .isEqualTo(100);
        assertThat(Platform.quotaOf(agency)).isZero();
        assertLedgerConsistent();
    }

    @Test
    void theMonthsBillChargesExactlyTheDeliveredSegmentsRoundedOnceAndTheReportsAgree() throws Exception {
        String token = SftpServer.agencyWithClient(
                "QB" + RUN, "帳單測試機關" + RUN, "quota-b-" + RUN, "quota-b-secret", "send,view,reports", 1000);
        long agency = agencyId("QB" + RUN);
        String moda = People.token("moda-admin");
        // 3 UCS-2 segments each: the prefix 【帳單測試機關NNNNNN】 plus 130 characters.
        String text = "本月帳單測試，".repeat(18) + "帳單測試";
        simulator("/faults?carrier=FET&failRate=1.0&failStatus=11");
        simulator("/faults?carrier=TWM&withholdReceipts=true");

        long delivered = send(token, numbers("0912", 5000, 10), text, false, null); // CHT: delivered
        long failed = send(token, numbers("0936", 5000, 4), text, false, null); // FET: permanent error
        long expired = send(token, numbers("0935", 5000, 2), text, false, 1); // TWM: no receipt, 1 minute
        assertThat(count("select segment_count from send_job where id = ?", delivered))
                .as("each message is 3 segments")
                .isEqualTo(30);

        Platform.awaitJob(token, delivered, "COMPLETED", Duration.ofSeconds(120));
        Platform.awaitJob(token, failed, "COMPLETED", Duration.ofSeconds(120));
        Platform.awaitJob(token, expired, "COMPLETED", Duration.ofSeconds(180));
        awaitQuota(
                token, q -> q.getJsonObject("agency").getJsonNumber("reserved").longValue() == 0);

        // By hand: 10 messages × 3 segments delivered = 30 segments; 30 × NT$0.35 = NT$10.50, rounded half
        // up once on the total = NT$11 (rounding half to even would give 10). Failed and expired: nothing.
        JsonObject quota = Platform.get("/api/v1/quota", token).json().getJsonObject("agency");
        assertThat(quota.getJsonNumber("charged").longValue()).isEqualTo(30);
        assertThat(quota.getJsonNumber("available").longValue()).isEqualTo(1000 - 30);
        assertThat(count(
                        "select coalesce(sum(segments), 0) from quota_ledger where agency_id = ? and kind = 'RELEASE'"
                                + " and account_id is null",
                        agency))
                .as("released: 4 failed + 2 expired messages × 3 segments")
                .isEqualTo(18);

        YearMonth month = YearMonth.now(TAIWAN);
        Platform.Reply run = Platform.postJson("/api/v1/bills/" + month + "/run", moda, "{}");
        assertThat(run.status()).as(run.body()).isEqualTo(200);
        assertThat(run.json().getString("status")).isEqualTo("COMPLETED");
        JsonObject bill = billOf(moda, month, agency);
        assertThat(bill.getJsonNumber("deliveredSegments").longValue()).isEqualTo(30);
        assertThat(bill.getJsonNumber("exactAmount").bigDecimalValue()).isEqualByComparingTo("10.50");
        assertThat(bill.getJsonNumber("fee").bigDecimalValue()).isEqualByComparingTo("11");
        String figures = bill.getString("figuresSha256");

        // Re-running gives the same figures.
        assertThat(Platform.postJson("/api/v1/bills/" + month + "/run", moda, "{}")
                        .json()
                        .getString("status"))
                .isEqualTo("COMPLETED");
        JsonObject again = billOf(moda, month, agency);
        assertThat(again.getString("figuresSha256")).isEqualTo(figures);
        assertThat(again.getInt("runs")).isGreaterThanOrEqualTo(2);

        // The bill as xlsx: the fee cell of the summary, and 3 jobs in the detail by job.
        try (XSSFWorkbook book = xlsx("/api/v1/bills/" + agency + "/" + month + "?format=xlsx", token)) {
            Sheet summary = book.getSheetAt(0);
            Row feeRow = rowStartingWith(summary, "應付費用（元） Fee (NT$)");
            assertThat(feeRow.getCell(3).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(feeRow.getCell(3).getNumericCellValue()).isEqualTo(11.0);
            Row total = rowStartingWith(summary, "合計 Total");
            assertThat(total.getCell(2).getNumericCellValue()).isEqualTo(30.0);
            assertThat(total.getCell(3).getNumericCellValue()).isEqualTo(10.5);
            Sheet byJob = book.getSheetAt(2);
            List<Long> jobs = new ArrayList<>();
            for (Row r : byJob) {
                Cell c = r.getCell(0);
                if (c != null && c.getCellType() == CellType.NUMERIC) {
                    jobs.add((long) c.getNumericCellValue());
                }
            }
            assertThat(jobs).containsExactly(delivered, failed, expired);
        }
        var pdf = Platform.download("/api/v1/bills/" + agency + "/" + month + "?format=pdf", token);
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(new String(pdf.body(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");

        // The sending statistics agree with the bill, cell by cell, for this agency's row.
        LocalDate today = LocalDate.now(TAIWAN);
        try (XSSFWorkbook book =
                xlsx("/api/v1/reports/sending?from=" + today + "&to=" + today + "&by=agency&format=xlsx", token)) {
            Row row = rowStartingWith(book.getSheetAt(0), "帳單測試機關" + RUN);
            double[] expected = {3, 16, 48, 10, 30, 4, 2};
            for (int i = 0; i < expected.length; i++) {
                assertThat(row.getCell(1 + i).getNumericCellValue())
                        .as("column " + (1 + i))
                        .isEqualTo(expected[i]);
            }
            assertThat(row.getCell(8).getNumericCellValue()).as("delivery rate").isEqualTo(0.625);
            assertThat(row.getCell(9).getNumericCellValue()).as("fee").isEqualTo(11.0);
        }
        // The same as csv, and the per-message records with masked numbers.
        String csv = new String(
                Platform.download(
                                "/api/v1/reports/records?from=" + today + "&to=" + today + "&job=" + delivered
                                        + "&format=csv",
                                token)
                        .body(),
                StandardCharsets.UTF_8);
        List<String> lines = csv.lines().toList();
        assertThat(lines).hasSize(11);
        assertThat(lines.get(1)).contains("0912***").contains("DELIVERED").contains("CHT");
        assertThat(csv).doesNotContain(numbers("0912", 5000, 1).get(0));
        assertLedgerConsistent();
    }

    @Test
    void ordersAddToTheAgencysQuotaAndOnlyAdministratorsPlaceThem() throws Exception {
        SftpServer.agencyWithClient("QO" + RUN, "下單測試機關" + RUN, "quota-o-" + RUN, "quota-o-secret", "send", 0);
        long agency = agencyId("QO" + RUN);
        String moda = People.token("moda-admin");
        String order = "{\"agencyId\":" + agency + ",\"orderNo\":\"PO-" + RUN + "\",\"orderedOn\":\""
                + LocalDate.now(TAIWAN) + "\",\"segments\":500,\"amount\":175}";
        Platform.Reply placed = Platform.postJson("/api/v1/orders", moda, order);
        assertThat(placed.status()).as(placed.body()).isEqualTo(201);
        assertThat(Platform.get("/api/v1/quota?agency=" + agency, moda)
                        .json()
                        .getJsonObject("agency")
                        .getJsonNumber("ordered")
                        .longValue())
                .isEqualTo(500);
        assertThat(Platform.postJson("/api/v1/orders", moda, order).json().getString("code"))
                .isEqualTo("ORDER_DUPLICATE");
        assertThat(Platform.postJson("/api/v1/orders", People.token("demo-gadmin"), order.replace("PO-", "PX-"))
                        .status())
                .as("a group administrator placing an order")
                .isEqualTo(403);
        Platform.Reply bad = Platform.postJson(
                "/api/v1/orders",
                moda,
                order.replace("\"segments\":500", "\"segments\":-5").replace("PO-", "PN-"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().getString("code")).isEqualTo("ORDER_QUANTITY_INVALID");

        try (XSSFWorkbook book = xlsx("/api/v1/reports/orders?format=xlsx", moda)) {
            Row row = rowWith(book.getSheetAt(0), 1, "下單測試機關" + RUN);
            assertThat(row.getCell(0).getStringCellValue()).isEqualTo("DEV-CONTRACT");
            assertThat(row.getCell(2).getNumericCellValue()).as("orders").isEqualTo(1.0);
            assertThat(row.getCell(3).getNumericCellValue())
                    .as("segments ordered")
                    .isEqualTo(500.0);
            assertThat(row.getCell(4).getNumericCellValue()).as("amount").isEqualTo(175.0);
            assertThat(row.getCell(8).getNumericCellValue()).as("remaining").isEqualTo(500.0);
        }
    }

    @Test
    void unusedQuotaLapsesWhenTheContractEnds() throws Exception {
        SftpServer.agencyWithClient("QL" + RUN, "失效測試機關" + RUN, "quota-l-" + RUN, "quota-l-secret", "send", 0);
        long agency = agencyId("QL" + RUN);
        String moda = People.token("moda-admin");
        // A contract period long past (one per run, so runs on the same database never overlap).
        int year = 1000 + RUN % 900;
        String code = "LAPSE-" + RUN;
        Platform.Reply created = Platform.postJson(
                "/api/v1/contracts",
                moda,
                "{\"code\":\"" + code + "\",\"name\":\"失效測試\",\"startsOn\":\"" + year + "-01-01\",\"endsOn\":\"" + year
                        + "-12-31\",\"unitPrice\":0.5}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long contract = created.json().getJsonNumber("id").longValue();
        assertThat(Platform.postJson(
                                "/api/v1/orders",
                                moda,
                                "{\"contract\":\"" + code + "\",\"agencyId\":" + agency
                                        + ",\"orderNo\":\"L1\",\"orderedOn\":\"" + year
                                        + "-02-01\",\"segments\":10,\"amount\":5}")
                        .json()
                        .getString("code"))
                .as("an ended contract takes no orders")
                .isEqualTo("ORDER_CONTRACT_ENDED");
        // An order of that time, entered through the ledger as MODA entered it then.
        try (Connection c = Platform.db()) {
            c.setAutoCommit(false);
            long order;
            try (PreparedStatement ps = c.prepareStatement("insert into quota_order (contract_id, agency_id, order_no,"
                    + " ordered_on, segments, amount) values (?, ?, 'L1', ?, 250, 125) returning id")) {
                ps.setLong(1, contract);
                ps.setLong(2, agency);
                ps.setObject(3, LocalDate.of(year, 2, 1));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    order = rs.getLong(1);
                }
            }
            new QuotaLedger().order(c, contract, agency, order, 250, "test");
            c.commit();
        }
        Platform.Reply lapse = Platform.postJson("/api/v1/contracts/lapse", moda, "{}");
        assertThat(lapse.status()).as(lapse.body()).isEqualTo(200);
        assertThat(count(
                        "select coalesce(sum(segments), 0) from quota_ledger where agency_id = ? and kind = 'LAPSE'"
                                + " and contract_id = " + contract,
                        agency))
                .isEqualTo(250);
        assertThat(count(
                        "select ordered - lapsed - reserved - charged from quota_balance where agency_id = ?"
                                + " and account_id = 0 and contract_id = " + contract,
                        agency))
                .isZero();
        assertThat(Platform.postJson("/api/v1/contracts/lapse", moda, "{}")
                        .json()
                        .getJsonNumber("lapsedSegments")
                        .longValue())
                .as("lapsing twice lapses nothing more")
                .isZero();
        assertLedgerConsistent();
    }

    @Test
    void anAllocatedAgencyHoldsEachAccountToItsAllocation() throws Exception {
        String gadmin = People.token("demo-gadmin");
        String user = People.token("demo-user");
        long demoAgency = agencyId("MODA-DEMO");
        long userId = count("select id from account where username = 'demo-user'", null);
        try {
            assertThat(Platform.call(
                                    "PUT",
                                    "/api/v1/quota/mode",
                                    gadmin,
                                    "{\"agencyId\":" + demoAgency + ",\"mode\":\"ALLOCATED\"}")
                            .status())
                    .isEqualTo(200);
            long used = Platform.get("/api/v1/quota", user)
                    .json()
                    .getJsonObject("account")
                    .getJsonNumber("charged")
                    .longValue();
            long reservedNow = Platform.get("/api/v1/quota", user)
                    .json()
                    .getJsonObject("account")
                    .getJsonNumber("reserved")
                    .longValue();
            assertThat(Platform.call(
                                    "PUT",
                                    "/api/v1/quota/allocations/" + userId,
                                    gadmin,
                                    "{\"segments\":" + (used + reservedNow + 2) + "}")
                            .status())
                    .isEqualTo(200);
            Platform.Reply refused = sendReply(user, numbers("0912", 7000, 3), "配額測試", false, null);
            assertThat(refused.status()).isEqualTo(422);
            JsonObject problem = refused.json().getJsonArray("problems").getJsonObject(0);
            assertThat(problem.getString("code")).isEqualTo("QUOTA_ACCOUNT_INSUFFICIENT");
            assertThat(problem.getString("messageEn")).contains("3 segments needed, 2 left");
            assertThat(sendReply(user, numbers("0912", 7100, 2), "配額測試", false, null)
                            .status())
                    .isEqualTo(202);
            assertThat(Platform.call(
                                    "PUT",
                                    "/api/v1/quota/allocations/" + userId,
                                    People.token("demo-user"),
                                    "{\"segments\":100000}")
                            .status())
                    .as("a user allocating to themselves")
                    .isEqualTo(403);
        } finally {
            Platform.call("PUT", "/api/v1/quota/mode", gadmin, "{\"agencyId\":" + demoAgency + ",\"mode\":\"SHARED\"}");
        }
    }

    @Test
    void theAccountRosterShowsAGroupAdministratorTheirGroupOnly() throws Exception {
        try (XSSFWorkbook book = xlsx("/api/v1/reports/accounts?format=xlsx", People.token("demo-gadmin"))) {
            Sheet sheet = book.getSheetAt(0);
            List<String> usernames = new ArrayList<>();
            boolean data = false;
            for (Row r : sheet) {
                Cell c = r.getCell(0);
                if (c == null || c.getCellType() != CellType.STRING) {
                    continue;
                }
                if (data) {
                    usernames.add(c.getStringCellValue());
                }
                if ("Username".equals(c.getStringCellValue())) {
                    data = true;
                }
            }
            assertThat(usernames).contains("demo-user", "demo-gadmin").doesNotContain("moda-admin", "admin");
            Row user = rowStartingWith(sheet, "demo-user");
            assertThat(user.getCell(7).getStringCellValue()).as("second factor").isNotBlank();
        }
    }

    @Test
    void theMonthlyOperationsReportListsTheMonthsIncidentsForAdministratorsOnly() throws Exception {
        String moda = People.token("moda-admin");
        YearMonth month = YearMonth.now(TAIWAN);
        String title = "SMSC 連線中斷 " + RUN;
        Platform.Reply recorded = Platform.postJson(
                "/api/v1/incidents",
                moda,
                "{\"occurredAt\":\""
                        + java.time.OffsetDateTime.now(TAIWAN).minusHours(2).withNano(0)
                        + "\",\"resolvedAt\":\""
                        + java.time.OffsetDateTime.now(TAIWAN).minusHours(1).withNano(0)
                        + "\",\"severity\":\"HIGH\",\"title\":\"" + title
                        + "\",\"description\":\"中華電信 SMSC 主要端點中斷，自動切換至備援端點。\"}");
        assertThat(recorded.status()).as(recorded.body()).isEqualTo(201);
        assertThat(Platform.postJson(
                                "/api/v1/incidents",
                                moda,
                                "{\"occurredAt\":\"2026-11-03T09:30:00+08:00\",\"severity\":\"SEVERE\","
                                        + "\"title\":\"x\",\"description\":\"y\"}")
                        .json()
                        .getString("code"))
                .isEqualTo("INCIDENT_SEVERITY_INVALID");
        try (XSSFWorkbook book = xlsx("/api/v1/reports/operations?month=" + month + "&format=xlsx", moda)) {
            assertThat(book.getNumberOfSheets()).isEqualTo(4);
            Row incident = rowWith(book.getSheetAt(2), 3, title);
            assertThat(incident.getCell(2).getStringCellValue()).isEqualTo("HIGH");
        }
        var pdf = Platform.download("/api/v1/reports/operations?month=" + month + "&format=pdf", moda);
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(new String(pdf.body(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        assertThat(Platform.download(
                                "/api/v1/reports/operations?month=" + month + "&format=xlsx",
                                People.token("demo-gadmin"))
                        .statusCode())
                .isEqualTo(403);
    }

    // --- helpers ---

    /** A file is a send like any other: its segments are reserved when it is confirmed, and refused when short. */
    @Test
    void aConfirmedFileReservesItsSegmentsAndIsRefusedWhenShort() throws Exception {
        String token = SftpServer.agencyWithClient(
                "QF" + RUN, "額度測試機關檔案" + RUN, "quota-f-" + RUN, "quota-f-secret", "send,view", 5);
        long agency = agencyId("QF" + RUN);
        long first = uploadAndValidate(token, numbers("0913", 0, 3));
        Platform.Reply ok = Platform.postJson("/api/v1/files/" + first + "/confirm", token, "");
        assertThat(ok.status()).as(ok.body()).isEqualTo(202);
        long job = ok.json().getJsonNumber("jobId").longValue();
        assertThat(count("select count(*) from quota_ledger where job_id = ? and kind = 'RESERVE'", job))
                .isEqualTo(1);
        assertThat(Platform.quotaOf(agency)).isEqualTo(2);

        long second = uploadAndValidate(token, numbers("0913", 10, 3));
        Platform.Reply refused = Platform.postJson("/api/v1/files/" + second + "/confirm", token, "");
        assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        assertThat(refused.json().getJsonArray("problems").getJsonObject(0).getString("code"))
                .isEqualTo("QUOTA_AGENCY_INSUFFICIENT");
        assertThat(Platform.get("/api/v1/files/" + second, token).json().getString("state"))
                .as("a refused confirmation leaves the file validated, to confirm once quota is added")
                .isEqualTo("VALIDATED");
        assertThat(count("select count(*) from send_job where agency_id = ?", agency))
                .as("nothing of the refused confirmation is stored")
                .isEqualTo(1);

        Platform.fund(agency, 10);
        Platform.Reply later = Platform.postJson("/api/v1/files/" + second + "/confirm", token, "");
        assertThat(later.status()).as(later.body()).isEqualTo(202);
        assertThat(Platform.quotaOf(agency)).isEqualTo(9);

        // Sent to go at once (autoConfirm) but short: rejected with the quota problem, not left waiting.
        String csv = "手機號碼\n" + String.join("\n", numbers("0913", 20, 10)) + "\n";
        Platform.Reply auto = Platform.postMultipart(
                "/api/v1/files",
                token,
                java.util.Map.of("text", "檔案額度測試", "autoConfirm", "true"),
                "auto.csv",
                csv.getBytes(StandardCharsets.UTF_8));
        assertThat(auto.status()).as(auto.body()).isEqualTo(202);
        JsonObject refusedAuto =
                Platform.awaitUpload(token, auto.json().getJsonNumber("id").longValue(), Duration.ofSeconds(60));
        assertThat(refusedAuto.getString("state")).as(refusedAuto.toString()).isEqualTo("REJECTED");
        assertThat(refusedAuto.toString()).contains("QUOTA_AGENCY_INSUFFICIENT");
        assertThat(Platform.quotaOf(agency)).as("nothing reserved for it").isEqualTo(9);

        Platform.awaitJob(token, job, "COMPLETED", Duration.ofSeconds(90));
        assertLedgerConsistent();
    }

    private static long uploadAndValidate(String token, List<String> numbers) throws Exception {
        String csv = "手機號碼\n" + String.join("\n", numbers) + "\n";
        Platform.Reply r = Platform.postMultipart(
                "/api/v1/files",
                token,
                java.util.Map.of("text", "檔案額度測試"),
                "numbers.csv",
                csv.getBytes(StandardCharsets.UTF_8));
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        long id = r.json().getJsonNumber("id").longValue();
        JsonObject upload = Platform.awaitUpload(token, id, Duration.ofSeconds(60));
        assertThat(upload.getString("state")).as(upload.toString()).isEqualTo("VALIDATED");
        return id;
    }

    private static List<String> numbers(String prefix, int from, int count) {
        return IntStream.range(from, from + count)
                .mapToObj(i -> prefix + String.format("%06d", (RUN + i) % 1_000_000))
                .toList();
    }

    private static long send(String token, List<String> numbers, String text, boolean test, Integer validity) {
        Platform.Reply r = sendReply(token, numbers, text, test, validity);
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        return r.json().getJsonNumber("jobId").longValue();
    }

    private static Platform.Reply sendReply(
            String token, List<String> numbers, String text, boolean test, Integer validity) {
        String recipients = numbers.stream().map(n -> "\"" + n + "\"").collect(Collectors.joining(","));
        return Platform.postJson(
                "/api/v1/messages",
                token,
                "{\"recipients\":[" + recipients + "],\"text\":\"" + text + "\",\"test\":" + test
                        + (validity == null ? "" : ",\"validityMinutes\":" + validity) + "}");
    }

    private static JsonObject awaitQuota(String token, java.util.function.Predicate<JsonObject> done)
            throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        JsonObject q = null;
        while (Instant.now().isBefore(deadline)) {
            q = Platform.get("/api/v1/quota", token).json();
            if (done.test(q)) {
                return q;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("quota did not settle: " + q);
    }

    private static JsonObject billOf(String token, YearMonth month, long agency) {
        return Platform.get("/api/v1/bills?month=" + month, token).json().getJsonArray("bills").stream()
                .map(JsonValue::asJsonObject)
                .filter(b -> b.getJsonNumber("agencyId").longValue() == agency)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no bill for agency " + agency));
    }

    private static XSSFWorkbook xlsx(String path, String token) throws Exception {
        var response = Platform.download(path, token);
        assertThat(response.statusCode())
                .as(path + ": " + new String(response.body(), StandardCharsets.UTF_8))
                .isEqualTo(200);
        return new XSSFWorkbook(new ByteArrayInputStream(response.body()));
    }

    private static Row rowStartingWith(Sheet sheet, String first) {
        return rowWith(sheet, 0, first);
    }

    private static Row rowWith(Sheet sheet, int column, String value) {
        for (Row r : sheet) {
            Cell c = r.getCell(column);
            if (c != null && c.getCellType() == CellType.STRING && value.equals(c.getStringCellValue())) {
                return r;
            }
        }
        throw new AssertionError("no row with \"" + value + "\" in column " + column + " of " + sheet.getSheetName());
    }

    private static long agencyId(String code) throws Exception {
        try (Connection c = Platform.db();
                PreparedStatement ps = c.prepareStatement("select id from agency where code = ?")) {
            ps.setString(1, code);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static long count(String sql, Long arg) throws Exception {
        try (Connection c = Platform.db();
                PreparedStatement ps = c.prepareStatement(sql)) {
            if (arg != null) {
                ps.setLong(1, arg);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static void assertLedgerConsistent() throws Exception {
        try (Connection c = Platform.db()) {
            assertThat(new QuotaLedger().verify(c))
                    .as("balances equal the sums of the ledger")
                    .isEmpty();
        }
    }

    private static void simulator(String path) {
        Platform.Reply r = Platform.postForm(Platform.SIMULATOR + path);
        assertThat(r.status()).as(path + ": " + r.body()).isEqualTo(200);
    }
}
