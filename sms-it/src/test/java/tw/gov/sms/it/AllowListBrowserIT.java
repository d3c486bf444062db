package tw.gov.sms.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The portal's IP allow-list page (issue 8 item 7, R9.1) in headless Chromium: a group administrator
 * requests a range (an invalid one is refused with a clear message), a MODA administrator approves it
 * and then revokes it, and the database holds it as revoked. Only a fresh range in 10.0.0.0/8 is ever
 * touched, so nothing real is admitted and the loopback entries other tests rely on stay as they are.
 */
class AllowListBrowserIT extends PortalBrowserTest {

    private static final Path SHOTS = Path.of(System.getProperty("sms.screenshots", "target/screenshots"));
    private static final String PAGE = "/app/admin/allowlist.xhtml";

    @Test
    void aGroupAdministratorRequestsAndAModaAdministratorApprovesThenRevokes() throws Exception {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        // A /28 at a random place in 10.0.0.0/8: about a million choices, so earlier runs' rows do not collide.
        String cidr = "10." + random.nextInt(1, 255) + "." + random.nextInt(0, 256) + "." + 16 * random.nextInt(0, 16)
                + "/28";

        // The group administrator requests the range; it is listed as requested, with no decision buttons.
        PortalLogin.as(browser, "demo-gadmin");
        browser.click("#menu-allowlist");
        browser.waitForUrl(PAGE);
        assertThat(browser.driver.findElements(By.tagName("h1"))).hasSize(1);
        browser.type("#allow\\:cidr", cidr);
        browser.type("#allow\\:note", "瀏覽器測試 " + cidr);
        browser.click("#allow\\:request");
        browser.waitForText("#allow\\:errors", cidr);
        awaitState(cidr, "申請中");
        assertThat(row(cidr).getText()).contains("瀏覽器測試 " + cidr);
        assertThat(row(cidr).findElements(By.cssSelector("[id$=':approve'], [id$=':reject'], [id$=':revoke']")))
                .isEmpty();

        // An invalid range is refused with a message that names it.
        browser.type("#allow\\:cidr", "999.1.1.1/8");
        browser.click("#allow\\:request");
        browser.waitForText("#allow\\:errors", "999.1.1.1/8");
        assertThat(browser.text("#allow\\:errors")).contains("不是有效的 IP 位址");
        assertThat(browser.axe())
                .as("allow-list page accessibility (group administrator)")
                .isEmpty();

        // The MODA administrator approves exactly this range, then revokes it.
        PortalLogin.as(browser, "moda-admin");
        browser.go(PAGE);
        awaitState(cidr, "申請中");
        clickInRow(cidr, "approve");
        awaitState(cidr, "已核准");
        assertThat(row(cidr).findElements(By.cssSelector("[id$=':approve']"))).isEmpty();
        assertThat(browser.axe())
                .as("allow-list page accessibility (MODA administrator)")
                .isEmpty();
        browser.screenshot(SHOTS.resolve("allowlist.png"));
        clickInRow(cidr, "revoke");
        awaitState(cidr, "已撤銷");
        assertThat(row(cidr).findElements(By.cssSelector("[id$=':revoke']"))).isEmpty();

        try (Connection c = Platform.db();
                PreparedStatement ps = c.prepareStatement(
                        "select state, decided_by, decided_at from ip_allow_entry where cidr = ? order by id")) {
            ps.setString(1, cidr);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).as("an ip_allow_entry row for " + cidr).isTrue();
                assertThat(rs.getString("state")).isEqualTo("REVOKED");
                assertThat(rs.getObject("decided_by")).isNotNull();
                assertThat(rs.getTimestamp("decided_at")).isNotNull();
                assertThat(rs.next()).as("a single entry for " + cidr).isFalse();
            }
        }
    }

    /** The table row showing {@code cidr}. */
    private static WebElement row(String cidr) {
        List<WebElement> rows = browser.driver.findElements(
                By.xpath("//*[@id='allow:entries']//tr[.//code[normalize-space(.)='" + cidr + "']]"));
        assertThat(rows).as("one row for " + cidr).hasSize(1);
        return rows.get(0);
    }

    /** Clicks the row's button whose id ends with {@code action} (approve, reject or revoke). */
    private static void clickInRow(String cidr, String action) {
        WebElement button = row(cidr).findElement(By.cssSelector("[id$=':" + action + "']"));
        assertThat(button.getAttribute("id")).matches("allow:entries:\\d+:" + action);
        button.click();
    }

    /** Waits until the row of {@code cidr} shows the (Chinese) state. */
    private static void awaitState(String cidr, String state) {
        new WebDriverWait(browser.driver, Duration.ofSeconds(20))
                .ignoring(StaleElementReferenceException.class)
                .ignoring(AssertionError.class)
                .until(d -> row(cidr)
                        .findElement(By.cssSelector(".state"))
                        .getText()
                        .equals(state));
    }
}
