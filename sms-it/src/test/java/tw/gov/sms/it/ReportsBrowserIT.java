package tw.gov.sms.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/** The reports page (R7, R11.5): figures on screen within sight, and refusals for what a role may not see. */
class ReportsBrowserIT extends PortalBrowserTest {

    @Test
    void anAdministratorSeesTheSendingStatisticsAndTheRosterOnScreen() throws Exception {
        // Something sent and final today, so the statistics have a row for the demo agency.
        String token = People.token("demo-user");
        Platform.Reply sent = Platform.postJson(
                "/api/v1/messages",
                token,
                "{\"recipients\":[\"0912" + String.format("%06d", (int) (Math.random() * 1_000_000))
                        + "\"],\"text\":\"報表畫面測試\"}");
        assertThat(sent.status()).as(sent.body()).isEqualTo(202);
        Platform.awaitJob(
                token, sent.json().getJsonNumber("jobId").longValue(), "COMPLETED", java.time.Duration.ofSeconds(90));
        Thread.sleep(6000); // settlement adds it to the daily rollup within 5 s

        PortalLogin.as(browser, "moda-admin");
        browser.click("#menu-reports");
        browser.waitForUrl("/app/reports.xhtml");
        new Select(browser.find("#reports\\:kind")).selectByValue("sending");
        browser.click("#reports\\:show");
        browser.waitForText("#table0", "簡訊發送統計表");
        String table = browser.text("#report0");
        assertThat(table).contains("數位發展部（示範）").contains("合計 Total");
        assertThat(browser.axe()).as("reports page accessibility").isEmpty();
        browser.screenshot(Path.of("target/screenshots/reports.png"));

        new Select(browser.find("#reports\\:kind")).selectByValue("accounts");
        browser.click("#reports\\:show");
        browser.waitForText("#table0", "帳號清冊");
        assertThat(browser.text("#report0")).contains("demo-user").contains("moda-admin");
    }

    @Test
    void aGroupAdministratorMayNotOpenTheOperationsReport() throws Exception {
        PortalLogin.as(browser, "demo-gadmin");
        browser.go("/app/reports.xhtml");
        new Select(browser.find("#reports\\:kind")).selectByValue("operations");
        browser.click("#reports\\:show");
        browser.waitForText("#reports\\:errors", "數位部或系統管理者");
        assertThat(browser.driver.findElements(By.id("report0"))).isEmpty();
    }
}
