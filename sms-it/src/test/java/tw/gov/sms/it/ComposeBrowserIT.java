package tw.gov.sms.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;

/**
 * The portal's compose and send page in headless Chromium (issue 8 item 2): a pasted list is counted (valid,
 * duplicate, invalid with its reason), the text is counted and previewed with the agency prefix as it is typed,
 * the confirmation states the segments and quota, and the job sent from the page is delivered; a scheduled send
 * waits for its Taiwan time. axe-core finds no serious or critical WCAG 2.1 AA violation on the page.
 */
class ComposeBrowserIT extends PortalBrowserTest {

    private static final Path SHOTS = Path.of(System.getProperty("sms.screenshots", "target/screenshots"));
    private static final ZoneId TAIWAN = ZoneId.of("Asia/Taipei");
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    /** The demo agency's display name in the default prefix template {@code 【{agency}】} (docs/content-rules.md). */
    private static final String PREFIX = "【數位發展部】";

    @Test
    void aPastedListIsCheckedPreviewedConfirmedAndDelivered() throws Exception {
        String cht = number("0912");
        String twm = number("0935");
        String fet = number("0936");
        // One number a line; the first again in international form (a duplicate); a landline (invalid).
        String list = String.join(
                "\n", cht, twm, "+886 " + cht.substring(1, 4) + " " + cht.substring(4), fet, "02-2737-7111");

        PortalLogin.as(browser, "demo-user");
        browser.click("#menu-compose");
        browser.waitForUrl("/app/compose.xhtml");

        // The list is checked when it changes (here: when focus moves on to the text).
        String shortText = "颱風停班停課通知：明日全市停止上班上課，請民眾注意安全並減少外出。";
        browser.type("#compose\\:recipients", list);
        browser.type("#compose\\:text", shortText);
        browser.waitForText("#compose\\:validCount", "3");
        assertThat(browser.text("#compose\\:duplicateCount")).isEqualTo("1");
        assertThat(browser.text("#compose\\:invalidCount")).isEqualTo("1");
        assertThat(browser.text("#compose\\:recipientNotices"))
                .contains("第 5 筆（第 5 行）")
                .contains("02-2737-7111")
                .contains("市內電話")
                .contains("NUMBER_LANDLINE")
                .contains("NUMBER_DUPLICATE");

        // The live counter: units with the prefix, UCS-2, one segment; then longer than one SMS, two.
        int shortUnits = PREFIX.length() + shortText.length();
        assertThat(shortUnits).isLessThanOrEqualTo(70);
        browser.waitForText("#compose\\:characters", Integer.toString(shortUnits));
        assertThat(browser.text("#compose\\:encoding")).contains("UCS-2");
        assertThat(browser.text("#compose\\:segments")).isEqualTo("1");

        String more = "停班停課期間，各機關將視災情調整上班時間，請留意各縣市政府公告。";
        browser.find("#compose\\:text").sendKeys(more);
        String text = shortText + more;
        int units = PREFIX.length() + text.length();
        int segments = units <= 70 ? 1 : (units + 66) / 67;
        assertThat(segments).as("the text is meant to need two segments").isEqualTo(2);
        browser.waitForText("#compose\\:characters", Integer.toString(units));
        browser.waitForText("#compose\\:segments", Integer.toString(segments));

        // The phone shows exactly what citizens receive: the prefix, then the text.
        assertThat(browser.text("#compose\\:previewText")).isEqualTo(PREFIX + text);
        assertThat(browser.axe()).as("compose page accessibility").isEmpty();
        browser.screenshot(SHOTS.resolve("compose.png"));

        // The confirmation: recipients, segments per message, total = quota needed, quota left.
        browser.click("#compose\\:confirm");
        browser.find("#compose\\:confirmation");
        assertThat(browser.text("#compose\\:summaryRecipients")).isEqualTo("3");
        assertThat(browser.text("#compose\\:segmentsPerMessage")).isEqualTo(Integer.toString(segments));
        assertThat(browser.text("#compose\\:totalSegments")).isEqualTo(Integer.toString(3 * segments));
        assertThat(Long.parseLong(browser.text("#compose\\:quotaLeft"))).isGreaterThanOrEqualTo(3L * segments);
        assertThat(browser.text("#compose\\:summaryText")).isEqualTo(PREFIX + text);
        assertThat(browser.axe()).as("confirmation accessibility").isEmpty();
        browser.screenshot(SHOTS.resolve("compose-confirm.png"));

        browser.click("#compose\\:send");
        long jobId = jobIdFromLink();
        assertThat(browser.text("#compose\\:jobState")).isEqualTo("已受理");
        assertThat(browser.text("#compose\\:accepted")).isEqualTo("3");
        assertThat(browser.axe()).as("result accessibility").isEmpty();

        String token = People.token("demo-user");
        JsonObject job = Platform.awaitJob(token, jobId, "COMPLETED", Duration.ofMinutes(2));
        assertThat(job.getString("channel")).isEqualTo("PORTAL");
        assertThat(job.getInt("recipients")).isEqualTo(3);
        assertThat(job.getInt("rejected")).isEqualTo(1);
        assertThat(job.getInt("segments")).isEqualTo(3 * segments);
        assertThat(job.getJsonObject("messagesByState").getInt("DELIVERED")).isEqualTo(3);
    }

    @Test
    void aSendScheduledForTomorrowMorningWaitsForItsTaiwanTime() throws Exception {
        PortalLogin.as(browser, "demo-user");
        browser.go("/app/compose.xhtml");
        browser.type("#compose\\:recipients", number("0912") + "\n" + number("0936"));
        browser.type("#compose\\:text", "明日上午九時起停水，請預先儲水。");
        browser.waitForText("#compose\\:validCount", "2");

        // The test send states the free allowance left (and the account's phone, or that it has none).
        browser.click("input[name='compose:mode'][value='TEST']");
        browser.waitForText("#compose\\:modeDetails", "免費測試額度剩餘");

        browser.click("input[name='compose:mode'][value='SCHEDULED']");
        LocalDateTime at = LocalDate.now(TAIWAN).plusDays(1).atTime(9, 0);
        browser.type("#compose\\:scheduleAt_input", SHOWN.format(at));
        browser.find("#compose\\:scheduleAt_input").sendKeys(Keys.TAB);
        assertThat(browser.axe())
                .as("compose page with the date picker accessibility")
                .isEmpty();

        browser.click("#compose\\:confirm");
        browser.waitForText("#compose\\:summaryWhen", SHOWN.format(at));
        browser.click("#compose\\:send");
        long jobId = jobIdFromLink();
        String token = People.token("demo-user");
        try {
            assertThat(browser.text("#compose\\:jobState")).isEqualTo("預約中");
            JsonObject job = Platform.get("/api/v1/jobs/" + jobId, token).json();
            assertThat(job.getString("state")).isEqualTo("SCHEDULED");
            assertThat(OffsetDateTime.parse(job.getString("scheduledAt")).toInstant())
                    .isEqualTo(at.atZone(TAIWAN).toInstant());
        } finally {
            // Leave nothing scheduled behind.
            Platform.Reply cancelled = Platform.postJson("/api/v1/jobs/" + jobId + "/cancel", token, "{}");
            assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
        }
    }

    @Test
    void aFileIsCheckedRowByRowThenConfirmedAndDelivered() throws Exception {
        PortalLogin.as(browser, "demo-user");
        browser.go("/app/compose.xhtml");
        browser.type("#compose\\:text", "{姓名}您好：您申請的補助已核定，金額 {金額} 元。");

        // A wrong row refuses the file, with its line and reason, and nothing is sent.
        Path bad = Files.createTempFile("recipients-", ".csv");
        Files.writeString(bad, "手機號碼,姓名,金額\n" + number("0912") + ",王小明,1000\n02-2737-7111,李大華,2000\n");
        browser.attach("#compose\\:file", bad);
        browser.waitForText("#compose\\:fileInfo", bad.getFileName().toString());
        browser.click("#compose\\:confirm");
        browser.waitForText("#compose\\:problems", "第 3 列");
        assertThat(browser.text("#compose\\:problems"))
                .contains("NUMBER_LANDLINE")
                .contains("未發送任何簡訊");

        // A correct file: checked by the batch job, then the confirmation from its figures.
        Path good = Files.createTempFile("recipients-", ".csv");
        Files.writeString(
                good,
                "手機號碼,姓名,金額\n" + number("0912") + ",王小明,1000\n" + number("0935") + ",李大華,2000\n" + number("0936")
                        + ",陳美玲,3000\n");
        browser.attach("#compose\\:file", good);
        browser.waitForText("#compose\\:fileInfo", good.getFileName().toString());
        browser.click("#compose\\:confirm");
        browser.waitForText("#compose\\:summaryRecipients", "3");
        assertThat(browser.text("#compose\\:totalSegments")).isEqualTo("3");
        assertThat(browser.axe()).as("file confirmation accessibility").isEmpty();
        browser.click("#compose\\:send");
        long jobId = jobIdFromLink();
        JsonObject job = Platform.awaitJob(People.token("demo-user"), jobId, "COMPLETED", Duration.ofMinutes(2));
        assertThat(job.getString("channel")).isEqualTo("PORTAL");
        assertThat(job.getJsonObject("messagesByState").getInt("DELIVERED")).isEqualTo(3);
    }

    /** Waits for the result's link to the job page and reads the job id from it. */
    private static long jobIdFromLink() {
        String href = browser.find("#compose\\:jobLink").getAttribute("href");
        assertThat(href).contains("/app/jobs.xhtml?id=");
        return Long.parseLong(href.substring(href.indexOf("?id=") + 4).replaceAll("[^0-9].*$", ""));
    }

    /** A mobile number of the given carrier prefix with six random digits. */
    private static String number(String prefix) {
        return prefix + String.format("%06d", ThreadLocalRandom.current().nextInt(1_000_000));
    }
}
