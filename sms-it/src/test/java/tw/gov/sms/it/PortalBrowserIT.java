package tw.gov.sms.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tw.gov.sms.identity.Base32;
import tw.gov.sms.identity.Totp;

/**
 * The portal in headless Chromium (issue 8, R6.5, R6.6): a protected page sends to the login; a new
 * account's first login goes through the password change; a login with an authenticator app (TOTP)
 * lands on the dashboard; the language switch; logout; axe-core finds no serious or critical WCAG 2.1
 * AA violation on any page visited.
 */
class PortalBrowserIT extends PortalBrowserTest {

    private static final String STRONG = "Portal-pass-2026";
    private static final Path SHOTS = Path.of(System.getProperty("sms.screenshots", "target/screenshots"));

    @Test
    void aNewAccountChangesItsPasswordThenLogsInWithAnAuthenticatorApp() throws Exception {
        String name = "p" + System.nanoTime();
        String address = People.email(name);
        Platform.Reply created = Platform.postJson(
                "/api/v1/accounts",
                People.token("demo-gadmin"),
                "{\"username\":\"" + name + "\",\"displayName\":\"瀏覽器測試\",\"email\":\"" + address
                        + "\",\"role\":\"USER\",\"groupId\":" + demoGroup()
                        + ",\"permissions\":[\"send\",\"view\",\"reports\"]}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String initial = People.initialPassword(address);

        // A protected page without a login goes to the login page.
        browser.go("/app/home.xhtml");
        browser.waitForUrl("/login.xhtml");
        assertThat(browser.axe()).as("login page accessibility").isEmpty();
        browser.screenshot(SHOTS.resolve("login.png"));

        // First login: the e-mailed code, then the password change is the only page that opens.
        long before = People.newestMailId(address);
        logInWithPassword(name, initial);
        browser.waitForText("#factorHint", "電子郵件");
        browser.type("#login\\:code", People.mailedCode(address, before));
        browser.click("#login\\:verify");
        browser.waitForUrl("/app/password.xhtml");
        browser.go("/app/home.xhtml");
        browser.waitForUrl("/app/password.xhtml");
        assertThat(browser.axe()).as("password page accessibility").isEmpty();
        browser.type("#password\\:current", initial);
        browser.type("#password\\:proposed", STRONG);
        browser.type("#password\\:repeated", STRONG);
        browser.click("#password\\:change");
        browser.waitForUrl("ended=password");
        assertThat(browser.text("#ended")).contains("密碼已變更");

        // Log in with the new password and the e-mailed code, then set up an authenticator app on its page.
        before = People.newestMailId(address);
        logInWithPassword(name, STRONG);
        browser.type("#login\\:code", People.mailedCode(address, before));
        browser.click("#login\\:verify");
        browser.waitForUrl("/app/home.xhtml");
        browser.go("/app/second-factor.xhtml");
        browser.waitForText("#current", "電子郵件");
        browser.click("#mfa\\:begin");
        byte[] secret = Base32.decode(browser.text("#secret"));
        assertThat(browser.find("#qr").getAttribute("src")).startsWith("data:image/svg+xml;base64,");
        assertThat(browser.axe()).as("second-factor page accessibility").isEmpty();
        long step = Totp.DEFAULT.timeStep(Instant.now());
        browser.type("#mfa\\:code", Totp.DEFAULT.code(secret, step));
        browser.click("#mfa\\:confirm");
        assertThat(browser.find("#recoveryCodes").findElements(org.openqa.selenium.By.tagName("li")))
                .hasSize(10);
        browser.waitForText("#current", "驗證器");
        browser.click("#logout");
        browser.waitForUrl("ended=logout");

        // Log in with the app's code: the next time step's code (this step's was used by the enrolment).
        logInWithPassword(name, STRONG);
        browser.waitForText("#factorHint", "驗證器");
        browser.type("#login\\:code", "000000");
        browser.click("#login\\:verify");
        browser.waitForText("#login\\:errors", "驗證碼錯誤");
        String code = Totp.DEFAULT.code(secret, Math.max(step + 1, Totp.DEFAULT.timeStep(Instant.now())));
        browser.type("#login\\:code", code);
        browser.click("#login\\:verify");
        browser.waitForUrl("/app/home.xhtml");
        assertThat(browser.text("#who")).contains("瀏覽器測試").contains("使用者");
        assertThat(browser.text("#quotaAvailable")).matches("\\d+");
        assertThat(browser.axe()).as("dashboard accessibility").isEmpty();
        browser.screenshot(SHOTS.resolve("home.png"));

        // English on request, for the rest of the session.
        browser.click("#language\\:toggle");
        browser.waitForText("#todayHeading", "Today");
        assertThat(browser.driver
                        .findElement(org.openqa.selenium.By.tagName("html"))
                        .getAttribute("lang"))
                .isEqualTo("en");
        browser.click("#language\\:toggle");
        browser.waitForText("#todayHeading", "今日");

        // Logging out ends the session: the dashboard asks for a login again.
        browser.click("#logout");
        browser.waitForUrl("ended=logout");
        browser.go("/app/home.xhtml");
        browser.waitForUrl("/login.xhtml");
    }

    @Test
    void aDisabledAccountIsSentBackToTheLoginAtItsNextClick() throws Exception {
        String name = "q" + System.nanoTime();
        String address = People.email(name);
        String gadmin = People.token("demo-gadmin");
        Platform.Reply created = Platform.postJson(
                "/api/v1/accounts",
                gadmin,
                "{\"username\":\"" + name + "\",\"displayName\":\"停用測試\",\"email\":\"" + address
                        + "\",\"role\":\"USER\",\"groupId\":" + demoGroup() + ",\"permissions\":[\"view\"]}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long id = created.json().getJsonNumber("id").longValue();
        String initial = People.initialPassword(address);
        long before = People.newestMailId(address);
        browser.go("/login.xhtml");
        logInWithPassword(name, initial);
        browser.type("#login\\:code", People.mailedCode(address, before));
        browser.click("#login\\:verify");
        browser.waitForUrl("/app/password.xhtml");

        assertThat(Platform.postJson("/api/v1/accounts/" + id + "/disable", gadmin, "{\"reason\":\"測試\"}")
                        .status())
                .isEqualTo(200);
        browser.go("/app/password.xhtml");
        browser.waitForUrl("ended=revoked");
        assertThat(browser.text("#ended")).contains("停用");
    }

    @Test
    void aForgottenPasswordIsResetThroughTheMailedLink() throws Exception {
        String name = "r" + System.nanoTime();
        String address = People.email(name);
        Platform.Reply created = Platform.postJson(
                "/api/v1/accounts",
                People.token("demo-gadmin"),
                "{\"username\":\"" + name + "\",\"displayName\":\"重設測試\",\"email\":\"" + address
                        + "\",\"role\":\"USER\",\"groupId\":" + demoGroup() + ",\"permissions\":[\"view\"]}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        People.initialPassword(address);

        browser.driver.manage().deleteAllCookies();
        browser.go("/login.xhtml");
        browser.click("#forgot");
        browser.waitForUrl("/reset.xhtml");
        long before = People.newestMailId(address);
        browser.type("#reset\\:username", name);
        browser.click("#reset\\:request");
        browser.waitForText("#reset\\:requested", "重設連結");
        assertThat(browser.axe()).as("reset page accessibility").isEmpty();
        String token = People.resetToken(address, before);

        browser.go("/reset.xhtml?token=" + token);
        browser.type("#reset\\:proposed", "short");
        browser.type("#reset\\:repeated", "short");
        browser.click("#reset\\:complete");
        browser.waitForText("#reset\\:errors", "12");
        browser.type("#reset\\:proposed", STRONG);
        browser.type("#reset\\:repeated", STRONG);
        browser.click("#reset\\:complete");
        browser.waitForUrl("ended=password");

        // The new password works (and needs no further change); the link does not work twice.
        before = People.newestMailId(address);
        logInWithPassword(name, STRONG);
        browser.type("#login\\:code", People.mailedCode(address, before));
        browser.click("#login\\:verify");
        browser.waitForUrl("/app/home.xhtml");
        browser.driver.manage().deleteAllCookies();
        browser.go("/reset.xhtml?token=" + token);
        browser.type("#reset\\:proposed", STRONG + "x");
        browser.type("#reset\\:repeated", STRONG + "x");
        browser.click("#reset\\:complete");
        browser.waitForText("#reset\\:errors", "已使用過");
    }

    private static void logInWithPassword(String username, String password) {
        if (!browser.url().contains("/login.xhtml")) {
            browser.go("/login.xhtml");
        }
        browser.type("#login\\:username", username);
        browser.type("#login\\:password", password);
        browser.click("#login\\:next");
    }

    private static long demoGroup() throws Exception {
        try (Connection c = Platform.db();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select id from account_group where name = '示範群組'")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
