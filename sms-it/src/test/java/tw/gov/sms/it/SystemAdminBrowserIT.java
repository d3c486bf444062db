package tw.gov.sms.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The system administrator's pages and the MODA dashboard (issue 8 items 7 and 8) in headless Chromium: the
 * carrier links of the test platform's simulator all bound, live and pausable; a prefix added, changed and
 * removed (an invalid one refused with its reason); the number-portability page with a broken file uploaded
 * and rejected whole; the MODA administrator's overview with its charts and their tables. axe-core on every
 * page. Only a prefix in the unallocated 0999 block and a rejected file are ever written, so routing stays
 * as other tests expect it.
 */
class SystemAdminBrowserIT extends PortalBrowserTest {

    private static final Path SHOTS = Path.of(System.getProperty("sms.screenshots", "target/screenshots"));

    @Test
    void aSystemAdministratorWatchesTheCarrierLinksAndEditsThePrefixTable() throws Exception {
        PortalLogin.as(browser, "admin");

        // Carrier links: the simulator's three carriers bound, the page refreshing itself until paused.
        browser.click("#menu-carriers");
        browser.waitForUrl("/app/admin/carriers.xhtml");
        assertThat(browser.driver.findElements(By.tagName("h1"))).hasSize(1);
        for (String carrier : List.of("CHT", "TWM", "FET")) {
            awaitLinkState(carrier, "up");
        }
        assertThat(browser.text("#summary")).contains("中華電信").contains("台灣大哥大").contains("遠傳電信");
        String firstReading = browser.text("#updatedAt");
        new WebDriverWait(browser.driver, Duration.ofSeconds(20))
                .ignoring(StaleElementReferenceException.class)
                .until(d -> !d.findElement(By.id("updatedAt")).getText().equals(firstReading));
        assertThat(browser.axe()).as("carriers page accessibility").isEmpty();
        browser.screenshot(SHOTS.resolve("carriers.png"));
        browser.click("#carriers\\:pause");
        browser.waitForText("#carriers\\:status", "已暫停");
        Thread.sleep(1500); // a reading already on its way when the button was pressed may still land
        String paused = browser.text("#updatedAt");
        Thread.sleep(7000); // longer than the 5 s interval: a paused page keeps its reading
        assertThat(browser.text("#updatedAt")).isEqualTo(paused);
        browser.click("#carriers\\:pause");
        browser.waitForText("#carriers\\:status", "每 5 秒");

        // The prefix table: an invalid prefix refused with its reason, then one added, changed and removed.
        String prefix =
                "0999" + String.format("%04d", ThreadLocalRandom.current().nextInt(10_000));
        browser.click("#menu-prefixes");
        browser.waitForUrl("/app/admin/prefixes.xhtml");
        assertThat(browser.driver.findElements(By.tagName("h1"))).hasSize(1);
        browser.type("#prefixes\\:prefix", "0812");
        new Select(browser.find("#prefixes\\:carrier")).selectByValue("FET");
        browser.click("#prefixes\\:save");
        browser.waitForText("#prefixes\\:errors", "號段須為 09 開頭");
        assertThat(browser.text("#prefixes\\:errors")).contains("0812");

        browser.type("#prefixes\\:prefix", prefix);
        new Select(browser.find("#prefixes\\:carrier")).selectByValue("FET");
        browser.click("#prefixes\\:save");
        browser.waitForText("#prefixes\\:errors", prefix);
        assertThat(prefixRow(prefix).findElement(By.cssSelector(".carrier")).getAttribute("data-carrier"))
                .isEqualTo("FET");
        assertThat(storedCarrier(prefix)).isEqualTo("FET");
        assertThat(browser.axe()).as("prefix page accessibility").isEmpty();
        browser.screenshot(SHOTS.resolve("prefixes.png"));

        new Select(prefixRow(prefix).findElement(By.cssSelector("select"))).selectByValue("TWM");
        prefixRow(prefix).findElement(By.cssSelector("[id$=':change']")).click();
        // While the table is re-rendered the row may be missing for a moment: wait, do not assert, until it
        // is back with the new carrier.
        new WebDriverWait(browser.driver, Duration.ofSeconds(20))
                .ignoring(StaleElementReferenceException.class)
                .until(d -> {
                    List<WebElement> rows = prefixRows(prefix);
                    return rows.size() == 1
                            && "TWM"
                                    .equals(rows.get(0)
                                            .findElement(By.cssSelector(".carrier"))
                                            .getAttribute("data-carrier"));
                });
        assertThat(storedCarrier(prefix)).isEqualTo("TWM");

        prefixRow(prefix).findElement(By.cssSelector("[id$=':remove']")).click();
        new WebDriverWait(browser.driver, Duration.ofSeconds(10))
                .until(ExpectedConditions.alertIsPresent())
                .accept();
        browser.waitForText("#prefixes\\:errors", "已刪除號段");
        assertThat(prefixRows(prefix)).isEmpty();
        assertThat(storedCarrier(prefix)).isNull();
    }

    @Test
    void aSystemAdministratorSeesTheIndexAndABrokenPortabilityFileRejectedWhole() throws Exception {
        PortalLogin.as(browser, "admin");
        browser.click("#menu-portability");
        browser.waitForUrl("/app/admin/portability.xhtml");
        assertThat(browser.driver.findElements(By.tagName("h1"))).hasSize(1);
        assertThat(browser.text("#portedNumbers")).isNotBlank();
        assertThat(browser.driver.findElements(By.id("portability:imports"))).hasSize(1);
        assertThat(browser.axe()).as("portability page accessibility").isEmpty();
        browser.screenshot(SHOTS.resolve("portability.png"));

        // A delta with a landline in it: uploaded, taken from the inbox by the import job and rejected whole.
        String name = "browser-" + System.currentTimeMillis() + ".np";
        Path file = Files.createTempDirectory("np-upload").resolve(name);
        Files.writeString(
                file,
                "#NP-DELTA v1 date=2026-11-28 base=2026-11-27 source=BROWSER count=1\n+,0212345678,TWM\n",
                StandardCharsets.UTF_8);
        browser.driver
                .findElement(By.id("portability:file"))
                .sendKeys(file.toAbsolutePath().toString());
        browser.click("#portability\\:upload");
        browser.waitForText("#portability\\:errors", name);
        new WebDriverWait(browser.driver, Duration.ofSeconds(60))
                .pollingEvery(Duration.ofSeconds(3))
                .ignoring(StaleElementReferenceException.class)
                .ignoring(NoSuchElementException.class)
                .until(d -> {
                    d.findElement(By.id("portability:refresh")).click();
                    WebElement row = d.findElement(
                            By.xpath("//*[@id='portability:imports']//tr[.//code[normalize-space(.)='" + name + "']]"));
                    return "REJECTED"
                            .equals(row.findElement(By.cssSelector(".np-state")).getAttribute("data-state"));
                });
        WebElement row = browser.driver.findElement(
                By.xpath("//*[@id='portability:imports']//tr[.//code[normalize-space(.)='" + name + "']]"));
        row.findElement(By.tagName("summary")).click();
        assertThat(row.findElement(By.tagName("pre")).getText()).contains("NOT_MOBILE");
        assertThat(browser.axe())
                .as("portability page accessibility with a rejected import")
                .isEmpty();
    }

    @Test
    void aModaAdministratorSeesEveryAgencyWithChartsAndTheirTables() throws Exception {
        // Something sent today, so the bar chart has a bar for the demo agency.
        String token = People.token("demo-user");
        Platform.Reply sent = Platform.postJson(
                "/api/v1/messages",
                token,
                "{\"recipients\":[\"0912"
                        + String.format("%06d", ThreadLocalRandom.current().nextInt(1_000_000))
                        + "\"],\"text\":\"總覽畫面測試\"}");
        assertThat(sent.status()).as(sent.body()).isEqualTo(202);

        PortalLogin.as(browser, "moda-admin");
        assertThat(browser.driver.findElements(By.id("menu-carriers"))).isEmpty();
        browser.click("#overviewLink");
        browser.waitForUrl("/app/admin/overview.xhtml");
        assertThat(browser.driver.findElements(By.tagName("h1"))).hasSize(1);
        WebElement bar = browser.find("#todayChart canvas");
        WebElement line = browser.find("#trendChart canvas");
        assertThat(bar.getAttribute("role")).isEqualTo("img");
        assertThat(bar.getAttribute("aria-label")).contains("各機關今日概況");
        assertThat(line.getAttribute("aria-label")).contains("近 14 日趨勢");
        assertThat(browser.text("#agencies")).contains("數位發展部（示範）");
        assertThat(browser.driver.findElements(By.cssSelector("#trend tbody tr")))
                .hasSize(14);
        Thread.sleep(500); // Chart.js draws on the next animation frame
        assertThat(browser.axe()).as("overview page accessibility").isEmpty();
        browser.screenshot(SHOTS.resolve("overview.png"));

        // The menu has it too; the system administrator's pages are not for a MODA administrator.
        browser.click("#menu-overview");
        browser.waitForUrl("/app/admin/overview.xhtml");
        browser.go("/app/admin/carriers.xhtml");
        browser.waitForText("#carriers\\:errors", "只有系統管理者");
        assertThat(browser.driver.findElements(By.id("summary"))).isEmpty();
    }

    /** Waits until the summary shows the carrier's link in {@code state} (up, down or none). */
    private static void awaitLinkState(String carrier, String state) {
        new WebDriverWait(browser.driver, Duration.ofSeconds(60))
                .ignoring(StaleElementReferenceException.class)
                .ignoring(NoSuchElementException.class)
                .until(d -> state.equals(d.findElement(By.cssSelector(".link-state[data-carrier='" + carrier + "']"))
                        .getAttribute("data-state")));
    }

    private static List<WebElement> prefixRows(String prefix) {
        return browser.driver.findElements(
                By.xpath("//*[@id='prefixes:entries']//tr[.//code[normalize-space(.)='" + prefix + "']]"));
    }

    private static WebElement prefixRow(String prefix) {
        List<WebElement> rows = prefixRows(prefix);
        assertThat(rows).as("one row for " + prefix).hasSize(1);
        return rows.get(0);
    }

    private static String storedCarrier(String prefix) throws Exception {
        try (Connection c = Platform.db();
                PreparedStatement ps = c.prepareStatement("select carrier from routing_prefix where prefix = ?")) {
            ps.setString(1, prefix);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
