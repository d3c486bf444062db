package tw.gov.sms.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The portal's job list and job page in headless Chromium (issue 8 item 3, R5.2, R6.4): a job sent through the
 * API is watched until its messages are delivered, its recipients filtered by state and searched by the end of
 * the masked number, its records exported, and it is found in the list; a scheduled job is cancelled from its
 * page after a confirmation; a job outside the person's sight is "not found". axe-core finds no serious or
 * critical WCAG 2.1 AA violation on either page.
 */
class JobsBrowserIT extends PortalBrowserTest {

    private static final Path SHOTS = Path.of(System.getProperty("sms.screenshots", "target/screenshots"));
    private static final ZoneId TAIWAN = ZoneId.of("Asia/Taipei");
    private static final Duration DELIVERY = Duration.ofSeconds(90);

    /** The job page's state labels (zh-TW, the portal's default language). */
    private static final String DELIVERED = "已送達";

    private static final String SCHEDULED = "預約中";
    private static final String CANCELLED = "已取消";

    @Test
    void aJobIsWatchedUntilDeliveredThenFilteredExportedAndListed() throws Exception {
        String token = People.token("demo-user");
        List<String> numbers = numbers(3);
        Platform.Reply sent = Platform.postJson(
                "/api/v1/messages", token, "{\"recipients\":[" + quoted(numbers) + "],\"text\":\"瀏覽器測試：發送紀錄頁面。\"}");
        assertThat(sent.status()).as(sent.body()).isEqualTo(202);
        long jobId = sent.json().getJsonNumber("jobId").longValue();

        // The page follows the job by itself (it polls) until every message is delivered.
        PortalLogin.as(browser, "demo-user");
        browser.go("/app/jobs.xhtml?id=" + jobId);
        browser.waitForText("#jobHeading", String.valueOf(jobId));
        slowWait().until(ExpectedConditions.textToBe(By.cssSelector("#job\\:state-DELIVERED"), "3"));
        assertThat(browser.text("#job\\:recipients")).isEqualTo("3");
        List<String> rows = awaitRows(3, DELIVERED);
        for (String number : numbers) {
            String masked = number.substring(0, 4) + "***" + number.substring(7);
            assertThat(rows).anySatisfy(r -> assertThat(r).contains(masked));
        }
        assertThat(rows).allSatisfy(r -> assertThat(r).contains("0912***").contains(DELIVERED));
        assertThat(browser.text("#job\\:progress")).contains("3");
        assertThat(browser.text("#job\\:carriers")).contains(DELIVERED).contains("3");
        assertThat(browser.text("#job\\:time-accepted")).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");
        assertThat(browser.driver.findElements(By.cssSelector("#job\\:cancel")))
                .as("no cancel button once a job has been sent")
                .isEmpty();
        assertThat(browser.driver.findElements(By.cssSelector("#job\\:exportCsv")))
                .as("demo-user lacks the reports permission that the records export needs")
                .isEmpty();
        assertThat(browser.axe()).as("job page accessibility").isEmpty();
        browser.screenshot(SHOTS.resolve("job.png"));

        // Filter by state: nothing undelivered; then search by the visible end of one masked number.
        new Select(browser.find("#job\\:stateFilter")).selectByValue("UNDELIVERED");
        browser.click("#job\\:filter");
        // No undelivered message: the table says so (its empty-message row) and shows no message row.
        slowWait().until(d -> {
            List<WebElement> shown = d.findElements(By.cssSelector("#job\\:messages_data > tr"));
            return shown.size() == 1 && shown.get(0).getAttribute("class").contains("ui-datatable-empty-message");
        });
        new Select(browser.find("#job\\:stateFilter")).selectByValue("DELIVERED");
        browser.type("#job\\:search", numbers.get(0).substring(7));
        browser.click("#job\\:filter");
        List<String> found = awaitRows(1, DELIVERED);
        assertThat(found.get(0))
                .contains(
                        numbers.get(0).substring(0, 4) + "***" + numbers.get(0).substring(7));

        // The job is in the list, newest first, with its progress.
        browser.go("/app/jobs.xhtml");
        WebElement link = browser.find("#jobs\\:list a[href$='id=" + jobId + "']");
        assertThat(link.getText()).isEqualTo(String.valueOf(jobId));
        assertThat(browser.text("#jobs\\:list_data")).contains(String.valueOf(jobId));
        assertThat(browser.axe()).as("job list accessibility").isEmpty();
        browser.screenshot(SHOTS.resolve("jobs.png"));
        link.click();
        browser.waitForText("#jobHeading", String.valueOf(jobId));

        // The group's administrator (reports permission) sees the same job and exports its records.
        PortalLogin.as(browser, "demo-gadmin");
        browser.go("/app/jobs.xhtml?id=" + jobId);
        browser.find("#job\\:exportXlsx");
        String csv = postExport("job:exportCsv");
        assertThat(csv).startsWith("text/csv");
        assertThat(csv).contains("門號(Number)");
        for (String number : numbers) {
            assertThat(csv).contains(number.substring(0, 4) + "***" + number.substring(7));
        }
    }

    @Test
    void aScheduledJobIsCancelledFromItsPageAfterAConfirmation() throws Exception {
        String token = People.token("demo-user");
        String tomorrowNine = LocalDate.now(TAIWAN)
                .plusDays(1)
                .atTime(9, 0)
                .atOffset(ZoneOffset.ofHours(8))
                .toString();
        Platform.Reply sent = Platform.postJson(
                "/api/v1/messages",
                token,
                "{\"recipients\":[" + quoted(numbers(2)) + "],\"text\":\"瀏覽器測試：預約後取消。\",\"scheduleAt\":\""
                        + tomorrowNine + "\"}");
        assertThat(sent.status()).as(sent.body()).isEqualTo(202);
        long jobId = sent.json().getJsonNumber("jobId").longValue();

        PortalLogin.as(browser, "demo-user");
        browser.go("/app/jobs.xhtml?id=" + jobId);
        browser.waitForText("#job\\:jobState", SCHEDULED);
        assertThat(browser.text("#job\\:state-SCHEDULED")).isEqualTo("2");
        assertThat(browser.text("#job\\:time-scheduled")).contains("09:00:00");

        // Dismissing the confirmation changes nothing.
        browser.click("#job\\:cancel");
        new WebDriverWait(browser.driver, Duration.ofSeconds(10))
                .until(ExpectedConditions.alertIsPresent())
                .dismiss();
        assertThat(state(token, jobId)).isEqualTo("SCHEDULED");

        // Accepting it cancels the job; the page shows it and the API agrees.
        browser.click("#job\\:cancel");
        new WebDriverWait(browser.driver, Duration.ofSeconds(10))
                .until(ExpectedConditions.alertIsPresent())
                .accept();
        browser.waitForText("#job\\:jobState", CANCELLED);
        browser.waitForText("#job\\:state-CANCELLED", "2");
        assertThat(browser.driver.findElements(By.cssSelector("#job\\:cancel"))).isEmpty();
        assertThat(browser.text("#messages")).contains("2");
        assertThat(state(token, jobId)).isEqualTo("CANCELLED");
    }

    @Test
    void aJobOutsideOnesSightIsNotFound() throws Exception {
        // Sent by the agency's system: demo-user (a user, who sees only their own sends) may not see it.
        Platform.Reply sent = Platform.postJson(
                "/api/v1/messages",
                Platform.demoToken(),
                "{\"recipients\":[" + quoted(numbers(1)) + "],\"text\":\"瀏覽器測試：他人的工作。\"}");
        assertThat(sent.status()).as(sent.body()).isEqualTo(202);
        long othersJob = sent.json().getJsonNumber("jobId").longValue();

        PortalLogin.as(browser, "demo-user");
        for (String id : List.of(String.valueOf(othersJob), "999999999999", "abc")) {
            browser.go("/app/jobs.xhtml?id=" + id);
            browser.waitForText("#job\\:notfound", "查無此發送工作");
            assertThat(browser.driver.findElements(By.cssSelector("#job\\:counts")))
                    .as("nothing of job " + id)
                    .isEmpty();
            assertThat(browser.driver.findElements(By.cssSelector("#job\\:summary")))
                    .isEmpty();
        }
        browser.go("/app/jobs.xhtml");
        browser.find("#jobs\\:list");
        assertThat(browser.driver.findElements(By.cssSelector("#jobs\\:list a[href$='id=" + othersJob + "']")))
                .isEmpty();
    }

    /** Waits until the recipients' table shows {@code n} rows that all contain {@code text}; returns their text. */
    private static List<String> awaitRows(int n, String text) {
        List<String> seen = new ArrayList<>();
        slowWait().until(d -> {
            List<WebElement> rows = d.findElements(By.cssSelector("#job\\:messages_data > tr"));
            List<String> texts = rows.stream().map(WebElement::getText).toList();
            seen.clear();
            seen.addAll(texts);
            return texts.size() == n && texts.stream().allMatch(t -> t.contains(text));
        });
        return seen;
    }

    /**
     * Clicks an export button the way the browser submits the form, but with {@code fetch}, so the download can be
     * read: returns the response's content type, a line break, and its body.
     */
    private static String postExport(String button) {
        Object result = ((JavascriptExecutor) browser.driver)
                .executeAsyncScript(
                        "var done = arguments[arguments.length - 1];"
                                + "var form = document.getElementById('job');"
                                + "var data = new URLSearchParams(new FormData(form));"
                                + "data.append(arguments[0], 'export');"
                                + "fetch(form.action, {method: 'POST', body: data, credentials: 'same-origin'})"
                                + ".then(function (r) { return r.text().then(function (t) {"
                                + " done(r.headers.get('content-type') + '\\n' + t); }); })"
                                + ".catch(function (e) { done('failed: ' + e); });",
                        button);
        return String.valueOf(result);
    }

    private static WebDriverWait slowWait() {
        WebDriverWait wait = new WebDriverWait(browser.driver, DELIVERY);
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    private static String state(String token, long jobId) {
        Platform.Reply job = Platform.get("/api/v1/jobs/" + jobId, token);
        assertThat(job.status()).as(job.body()).isEqualTo(200);
        return job.json().getString("state");
    }

    /** {@code n} mobile numbers 0912xxxxxx whose last three digits differ, so each is found by them alone. */
    private static List<String> numbers(int n) {
        Set<String> ends = new LinkedHashSet<>();
        List<String> out = new ArrayList<>();
        while (out.size() < n) {
            String number =
                    "0912" + String.format("%06d", ThreadLocalRandom.current().nextInt(1_000_000));
            if (ends.add(number.substring(7))) {
                out.add(number);
            }
        }
        return out;
    }

    private static String quoted(List<String> numbers) {
        return String.join(",", numbers.stream().map(n -> "\"" + n + "\"").toList());
    }
}
