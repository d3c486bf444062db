package tw.gov.sms.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The portal's records search in headless Chromium (issue 8 item 5, R5.2): a message sent through the API by
 * demo-user is found by its full number for today, masked; "show number" reveals it in place and leaves a
 * {@code RECORD_NUMBER_SHOWN} audit event; a message of the agency's API client is outside a plain user's sight
 * and not found; a period over 31 days is refused. axe-core finds no serious or critical WCAG 2.1 AA violation.
 */
class RecordsBrowserIT extends PortalBrowserTest {

    private static final Path SHOTS = Path.of(System.getProperty("sms.screenshots", "target/screenshots"));
    private static final ZoneId TAIWAN = ZoneId.of("Asia/Taipei");
    private static final String ROWS = "#records\\:results_data > tr";
    private static final String EMPTY = "ui-datatable-empty-message";

    @Test
    void aRecordIsFoundByItsNumberMaskedThenRevealedAndAudited() throws Exception {
        String mine = number();
        Platform.Reply sent = Platform.postJson(
                "/api/v1/messages",
                People.token("demo-user"),
                "{\"recipients\":[\"" + mine + "\"],\"text\":\"紀錄查詢測試\"}");
        assertThat(sent.status()).as(sent.body()).isEqualTo(202);
        long jobId = sent.json().getJsonNumber("jobId").longValue();

        String others = number();
        Platform.Reply othersSent = Platform.postJson(
                "/api/v1/messages", Platform.demoToken(), "{\"recipients\":[\"" + others + "\"],\"text\":\"紀錄查詢測試\"}");
        assertThat(othersSent.status()).as(othersSent.body()).isEqualTo(202);

        PortalLogin.as(browser, "demo-user");
        browser.go("/app/records.xhtml");
        String today = LocalDate.now(TAIWAN).toString();
        assertThat(browser.find("#records\\:from").getAttribute("value")).isEqualTo(today);
        assertThat(browser.find("#records\\:to").getAttribute("value")).isEqualTo(today);

        // By the full number, today: exactly one row, the number masked.
        browser.type("#records\\:number", mine);
        List<WebElement> rows = searchUntilRows(1);
        assertThat(rows).hasSize(1);
        String masked = mine.substring(0, 4) + "***" + mine.substring(7);
        assertThat(masked).startsWith("0912***");
        WebElement cell = rows.get(0).findElement(By.cssSelector("[id$='number']"));
        assertThat(cell.getText()).isEqualTo(masked);
        assertThat(rows.get(0).getText()).contains(String.valueOf(jobId)).doesNotContain(mine);

        // Show number: the full number in place, and an audit event for that message.
        rows.get(0).findElement(By.cssSelector("[id$='reveal']")).click();
        slowWait()
                .until(d -> d.findElement(By.cssSelector("#records\\:results [id$='number']"))
                        .getText()
                        .equals(mine));
        long messageId = messageOf(jobId);
        assertThat(auditEvents("message:" + messageId)).isGreaterThanOrEqualTo(1);
        assertThat(browser.axe()).as("records page accessibility").isEmpty();
        browser.screenshot(SHOTS.resolve("records.png"));

        // The agency's API client sent to another number: outside a plain user's sight, so no row.
        browser.type("#records\\:number", others);
        search();
        assertThat(browser.driver.findElements(By.cssSelector(ROWS)))
                .allSatisfy(r -> assertThat(r.getAttribute("class")).contains(EMPTY));
        assertThat(browser.text("#records\\:results")).contains("查無");

        // A period over 31 days is refused.
        browser.type("#records\\:number", mine);
        setDate("#records\\:from", LocalDate.now(TAIWAN).minusDays(40).toString());
        search();
        browser.waitForText("#records\\:errors", "31");
        assertThat(browser.driver.findElements(By.cssSelector(ROWS)))
                .allSatisfy(r -> assertThat(r.getAttribute("class")).contains(EMPTY));
    }

    /** Clicks "search" and waits for the form to be replaced by the answer. */
    private static void search() {
        WebElement form = browser.find("#records");
        browser.click("#records\\:search");
        slowWait().until(ExpectedConditions.stalenessOf(form));
        browser.find("#records\\:results");
    }

    /** Searches until the table shows {@code n} rows (the message is stored as the API accepts it; retry briefly). */
    private static List<WebElement> searchUntilRows(int n) {
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            search();
            List<WebElement> rows = browser.driver.findElements(By.cssSelector(ROWS)).stream()
                    .filter(r -> !r.getAttribute("class").contains(EMPTY))
                    .toList();
            if (rows.size() == n || System.nanoTime() > until) {
                return rows;
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return rows;
            }
        }
    }

    private static void setDate(String css, String isoDate) {
        ((JavascriptExecutor) browser.driver)
                .executeScript("arguments[0].value = arguments[1];", browser.find(css), isoDate);
    }

    private static long messageOf(long jobId) throws Exception {
        try (Connection c = Platform.db();
                PreparedStatement ps = c.prepareStatement("select id from message where job_id = ?")) {
            ps.setLong(1, jobId);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).as("the message of job " + jobId).isTrue();
                return rs.getLong(1);
            }
        }
    }

    private static int auditEvents(String target) throws Exception {
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            try (Connection c = Platform.db();
                    PreparedStatement ps = c.prepareStatement(
                            "select count(*) from audit_event where action = 'RECORD_NUMBER_SHOWN' and target = ?")) {
                ps.setString(1, target);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    int n = rs.getInt(1);
                    if (n > 0 || System.nanoTime() > until) {
                        return n;
                    }
                }
            }
            Thread.sleep(500);
        }
    }

    private static WebDriverWait slowWait() {
        WebDriverWait wait = new WebDriverWait(browser.driver, Duration.ofSeconds(20));
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    private static String number() {
        return "0912" + String.format("%06d", ThreadLocalRandom.current().nextInt(1_000_000));
    }
}
