package tw.gov.sms.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The portal's administration pages (issue 8 item 7; R5.3, R6.1–R6.4, R9.5) in headless Chromium: a group
 * administrator creates an account with permissions, sees it listed, changes a permission, disables and
 * deletes it; a MODA administrator finds its creation in the audit log and exports it as csv (an export that is
 * itself audited); a MODA administrator starts an account inventory and a group administrator confirms a member;
 * a plain user sees only their own audit events and none of the administration menu. axe-core finds no serious
 * or critical WCAG 2.1 AA violation on any of the pages.
 */
class AdminBrowserIT extends PortalBrowserTest {

    private static final Path SHOTS = Path.of(System.getProperty("sms.screenshots", "target/screenshots"));
    private static final ZoneId TAIWAN = ZoneId.of("Asia/Taipei");
    private static final String ACCOUNTS = "/app/admin/accounts.xhtml";
    private static final String INVENTORY = "/app/admin/inventory.xhtml";
    private static final String AUDIT = "/app/admin/audit.xhtml";

    @Test
    void aGroupAdministratorManagesAnAccountAndModaFindsItInTheAuditLog() throws Exception {
        String username = "adm" + System.nanoTime();

        // The group administrator: only users of the own group, so no role, group or agency choice.
        PortalLogin.as(browser, "demo-gadmin");
        browser.click("#menu-accounts");
        browser.waitForUrl(ACCOUNTS);
        assertThat(browser.driver.findElements(By.tagName("h1"))).hasSize(1);
        assertThat(browser.driver.findElements(By.cssSelector("#accounts\\:role, #accounts\\:group")))
                .isEmpty();
        assertThat(browser.driver.findElements(By.cssSelector("#accounts\\:createAgency")))
                .as("agencies and groups are for MODA and system administrators")
                .isEmpty();

        // A user with send and view, created and listed.
        browser.type("#accounts\\:username", username);
        browser.type("#accounts\\:displayName", "瀏覽器測試 " + username);
        browser.type("#accounts\\:email", People.email(username));
        check("accounts:permissions", "send");
        check("accounts:permissions", "view");
        browser.click("#accounts\\:create");
        browser.waitForText("#accounts\\:errors", username);
        assertThat(browser.text("#accounts\\:errors")).contains("已建立帳號");
        assertThat(row(username).getText()).contains("發送簡訊").contains("查看發送紀錄").doesNotContain("匯出");
        awaitStatus(username, "啟用中");
        long id = accountId(username);
        assertThat(column(id, "permissions")).isEqualTo("send,view");
        assertThat(browser.axe()).as("accounts page accessibility").isEmpty();
        browser.screenshot(SHOTS.resolve("accounts.png"));

        // A refusal is shown in the session's language: the name is taken now.
        browser.type("#accounts\\:username", username);
        browser.type("#accounts\\:displayName", "重複 " + username);
        browser.type("#accounts\\:email", People.email(username));
        browser.click("#accounts\\:create");
        browser.waitForText("#accounts\\:errors", "帳號名稱已被使用");

        // Change a permission: add export.
        clickInRow(username, "edit");
        browser.find("#accounts\\:editPermissions");
        check("accounts:editPermissions", "export");
        browser.click("#accounts\\:savePermissions");
        browser.waitForText("#accounts\\:errors", "已變更權限");
        assertThat(row(username).getText()).contains("匯出");
        assertThat(column(id, "permissions")).isEqualTo("send,view,export");

        // Contact details changed, and a reset link mailed to the account itself (the administrator never sees it).
        clickInRow(username, "edit");
        browser.type("#accounts\\:editDisplayName", "改名 " + username);
        browser.type("#accounts\\:editMobile", "0912345678");
        browser.click("#accounts\\:saveContact");
        browser.waitForText("#accounts\\:errors", "已更新聯絡資料");
        assertThat(column(id, "display_name")).isEqualTo("改名 " + username);
        assertThat(column(id, "mobile")).isEqualTo("0912345678");
        browser.type("#accounts\\:editMobile", "12345");
        browser.click("#accounts\\:saveContact");
        browser.waitForText("#accounts\\:errors", "手機號碼須為 09 開頭");
        assertThat(column(id, "mobile")).as("a refused change writes nothing").isEqualTo("0912345678");
        long before = People.newestMailId(People.email(username));
        browser.click("#accounts\\:sendReset");
        browser.waitForText("#accounts\\:errors", "已將一次性密碼重設連結寄至");
        MailInbox.awaitOne(
                People.email(username), m -> m.id() > before && m.subject().contains("密碼重設"), Duration.ofSeconds(20));
        assertThat(browser.driver.getPageSource()).as("the link is never shown").doesNotContain("token=");
        try (Connection c = Platform.db();
                PreparedStatement ps = c.prepareStatement("select count(*) from audit_event"
                        + " where action = 'PASSWORD_RESET_SENT' and target = ? and actor_name = 'demo-gadmin'")) {
            ps.setString(1, "account:" + id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertThat(rs.getInt(1))
                        .as("the reset is audited under the administrator's name")
                        .isEqualTo(1);
            }
        }
        browser.click("#accounts\\:cancelEdit");

        // Disable, then delete after the confirmation.
        clickInRow(username, "disable");
        awaitStatus(username, "已停用");
        assertThat(column(id, "status")).isEqualTo("DISABLED");
        clickInRow(username, "delete");
        new WebDriverWait(browser.driver, Duration.ofSeconds(10)).until(ExpectedConditions.alertIsPresent());
        assertThat(browser.driver.switchTo().alert().getText()).contains(username);
        browser.driver.switchTo().alert().accept();
        awaitStatus(username, "已刪除");
        assertThat(column(id, "status")).isEqualTo("DELETED");
        assertThat(row(username).findElements(By.cssSelector("input[type=submit]")))
                .as("a deleted account offers no action")
                .isEmpty();

        // The MODA administrator finds the creation in the audit log and exports it.
        PortalLogin.as(browser, "moda-admin");
        browser.click("#menu-audit");
        browser.waitForUrl(AUDIT);
        browser.type("#audit\\:action", "ACCOUNT_CREATE");
        browser.type("#audit\\:target", "account:" + id);
        search();
        // The target text also matches longer ids (account:4 in account:42), so pick the rows naming the account.
        List<WebElement> events = resultRows().stream()
                .filter(r -> r.getText().contains(username))
                .toList();
        assertThat(events).hasSize(1);
        assertThat(events.get(0).getText())
                .contains("ACCOUNT_CREATE")
                .contains("account:" + id)
                .contains("demo-gadmin")
                .contains("群組管理者")
                .contains("成功")
                .contains(username);
        assertThat(events.get(0).getText()).containsPattern("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");
        assertThat(browser.driver.findElements(By.cssSelector("#audit\\:verify")))
                .as("only system administrators verify the chain")
                .isEmpty();
        assertThat(browser.axe()).as("audit page accessibility").isEmpty();
        browser.screenshot(SHOTS.resolve("audit.png"));

        int exportsBefore = auditEvents("AUDIT_EXPORT", "moda-admin");
        String csv = postDownload("audit", "audit:exportCsv");
        assertThat(csv).startsWith("text/csv");
        assertThat(csv).contains("ACCOUNT_CREATE").contains("account:" + id).contains(username);
        assertThat(csv).doesNotContain("ACCOUNT_GRANT");
        assertThat(awaitAuditEvents("AUDIT_EXPORT", "moda-admin", exportsBefore + 1))
                .as("the export is itself audited")
                .isGreaterThan(exportsBefore);

        // The outcome filter: the creation succeeded, so nothing denied matches.
        new Select(browser.find("#audit\\:outcome")).selectByValue("DENIED");
        search();
        assertThat(resultRows()).isEmpty();
    }

    @Test
    void aModaAdministratorStartsAnInventoryAndAGroupAdministratorConfirmsAMember() throws Exception {
        String moda = People.token("moda-admin");
        closeOpenInventories(moda);
        String member = "inv" + System.nanoTime();
        Platform.Reply created = Platform.postJson(
                "/api/v1/accounts",
                People.token("demo-gadmin"),
                "{\"username\":\"" + member + "\",\"displayName\":\"盤點測試 " + member + "\",\"email\":\""
                        + People.email(member) + "\",\"role\":\"USER\",\"permissions\":[\"view\"]}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long memberId = created.json().getJsonNumber("id").longValue();
        try {
            // MODA opens an inventory with a deadline a week ahead (Taiwan time).
            PortalLogin.as(browser, "moda-admin");
            browser.click("#menu-inventory");
            browser.waitForUrl(INVENTORY);
            setValue("#inventory\\:deadline", LocalDate.now(TAIWAN).plusDays(7) + "T17:00");
            browser.type("#inventory\\:note", "瀏覽器測試");
            browser.click("#inventory\\:start");
            browser.waitForText("#inventory\\:errors", "已開始盤點");
            assertThat(browser.text("#campaignState")).isEqualTo("進行中");
            assertThat(browser.text("#campaignDeadline")).endsWith("17:00");
            assertThat(Integer.parseInt(browser.text("#campaignPending"))).isPositive();
            awaitDecision(member, "待確認");
            assertThat(browser.driver.findElements(By.cssSelector("#inventory\\:start")))
                    .as("one inventory at a time")
                    .isEmpty();
            assertThat(browser.axe())
                    .as("inventory page accessibility (MODA administrator)")
                    .isEmpty();

            // The group administrator sees the group's users only and confirms the member.
            PortalLogin.as(browser, "demo-gadmin");
            browser.click("#menu-inventory");
            browser.waitForUrl(INVENTORY);
            awaitDecision(member, "待確認");
            assertThat(browser.text("#inventory\\:items")).doesNotContain("demo-gadmin");
            assertThat(browser.driver.findElements(By.cssSelector("#inventory\\:start, #inventory\\:close")))
                    .isEmpty();
            WebElement confirm = inventoryRow(member).findElement(By.cssSelector("[id$=':confirm']"));
            assertThat(confirm.getAttribute("id")).matches("inventory:items:\\d+:confirm");
            confirm.click();
            browser.waitForText("#inventory\\:errors", "已確認");
            awaitDecision(member, "已確認");
            assertThat(inventoryRow(member).findElements(By.cssSelector("[id$=':confirm'], [id$=':revoke']")))
                    .isEmpty();
            assertThat(browser.axe())
                    .as("inventory page accessibility (group administrator)")
                    .isEmpty();
            browser.screenshot(SHOTS.resolve("inventory.png"));

            try (Connection c = Platform.db();
                    PreparedStatement ps = c.prepareStatement("select i.decision, a.last_inventory_at, a.status"
                            + " from inventory_item i join account a on a.id = i.account_id"
                            + " join inventory_campaign k on k.id = i.campaign_id"
                            + " where i.account_id = ? and k.closed_at is null")) {
                ps.setLong(1, memberId);
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).as("the member in the open inventory").isTrue();
                    assertThat(rs.getString("decision")).isEqualTo("CONFIRMED");
                    assertThat(rs.getTimestamp("last_inventory_at")).isNotNull();
                    assertThat(rs.getString("status")).isEqualTo("ACTIVE");
                }
            }
        } finally {
            // Leave no open inventory behind: its deadline would disable every account nobody confirmed.
            closeOpenInventories(moda);
        }
    }

    @Test
    void aUserReadsOnlyTheirOwnEventsAndSeesNoAdministration() throws Exception {
        PortalLogin.as(browser, "demo-user");
        assertThat(browser.driver.findElements(By.cssSelector("#menu-accounts, #menu-inventory, #menu-allowlist")))
                .isEmpty();
        browser.click("#menu-audit");
        browser.waitForUrl(AUDIT);
        assertThat(browser.driver.findElements(By.cssSelector("#audit\\:exportCsv, #audit\\:agency")))
                .as("demo-user has no export permission and chooses no agency")
                .isEmpty();
        search();
        List<WebElement> events = resultRows();
        assertThat(events).isNotEmpty();
        assertThat(events)
                .allSatisfy(
                        r -> assertThat(r.findElement(By.cssSelector(".actor")).getText())
                                .isEqualTo("demo-user"));
        assertThat(browser.axe()).as("audit page accessibility (user)").isEmpty();
    }

    // ---------------------------------------------------------------- accounts page

    /** Ticks the checkbox of {@code value} in the checkbox group {@code name}, if it is not ticked. */
    private static void check(String name, String value) {
        WebElement box = browser.driver.findElement(
                By.cssSelector("input[type=checkbox][name='" + name + "'][value='" + value + "']"));
        if (!box.isSelected()) {
            // from the keyboard, as the page must allow: space ticks the focused box
            box.sendKeys(org.openqa.selenium.Keys.SPACE);
        }
        assertThat(box.isSelected()).as(value + " checked").isTrue();
    }

    /** The accounts table's row of {@code username}. */
    private static WebElement row(String username) {
        List<WebElement> rows = browser.driver.findElements(By.xpath(
                "//*[@id='accounts:list']//tr[.//span[@class='username' and normalize-space(.)='" + username + "']]"));
        assertThat(rows).as("one row for " + username).hasSize(1);
        return rows.get(0);
    }

    private static void clickInRow(String username, String action) {
        WebElement button = row(username).findElement(By.cssSelector("[id$=':" + action + "']"));
        assertThat(button.getAttribute("id")).matches("accounts:list:\\d+:" + action);
        button.click();
    }

    private static void awaitStatus(String username, String status) {
        new WebDriverWait(browser.driver, Duration.ofSeconds(20))
                .ignoring(StaleElementReferenceException.class)
                .ignoring(AssertionError.class)
                .until(d -> row(username)
                        .findElement(By.cssSelector(".account-status"))
                        .getText()
                        .equals(status));
    }

    private static long accountId(String username) throws Exception {
        try (Connection c = Platform.db();
                PreparedStatement ps = c.prepareStatement("select id from account where username = ?")) {
            ps.setString(1, username);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).as("account " + username).isTrue();
                return rs.getLong(1);
            }
        }
    }

    private static String column(long accountId, String column) throws Exception {
        try (Connection c = Platform.db();
                PreparedStatement ps = c.prepareStatement("select " + column + " from account where id = ?")) {
            ps.setLong(1, accountId);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getString(1);
            }
        }
    }

    // ---------------------------------------------------------------- inventory page

    private static WebElement inventoryRow(String username) {
        List<WebElement> rows = browser.driver.findElements(
                By.xpath("//*[@id='inventory:items']//tr[.//span[@class='username' and normalize-space(.)='" + username
                        + "']]"));
        assertThat(rows).as("one inventory row for " + username).hasSize(1);
        return rows.get(0);
    }

    private static void awaitDecision(String username, String decision) {
        new WebDriverWait(browser.driver, Duration.ofSeconds(20))
                .ignoring(StaleElementReferenceException.class)
                .ignoring(AssertionError.class)
                .until(d -> inventoryRow(username)
                        .findElement(By.cssSelector(".decision"))
                        .getText()
                        .equals(decision));
    }

    /**
     * Closes every open inventory the way its deadline would, but with every pending account confirmed first
     * (by MODA, through the API), so that no account of the shared demo data is disabled.
     */
    private static void closeOpenInventories(String moda) throws Exception {
        List<Long> open = new ArrayList<>();
        try (Connection c = Platform.db();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select id from inventory_campaign where closed_at is null")) {
            while (rs.next()) {
                open.add(rs.getLong(1));
            }
        }
        for (long campaign : open) {
            Platform.Reply read = Platform.get("/api/v1/inventory/" + campaign, moda);
            assertThat(read.status()).as(read.body()).isEqualTo(200);
            for (JsonObject item : read.json().getJsonArray("items").getValuesAs(JsonObject.class)) {
                if (item.getString("decision").equals("PENDING")) {
                    Platform.Reply confirmed = Platform.postJson(
                            "/api/v1/inventory/" + campaign + "/items/"
                                    + item.getJsonNumber("accountId").longValue() + "/confirm",
                            moda,
                            "{}");
                    assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
                }
            }
            try (Connection c = Platform.db();
                    PreparedStatement ps = c.prepareStatement(
                            "update inventory_campaign set deadline = now() - interval '1 second' where id = ?")) {
                ps.setLong(1, campaign);
                ps.executeUpdate();
            }
            Platform.Reply closed = Platform.postJson("/api/v1/inventory/" + campaign + "/close", moda, "{}");
            assertThat(closed.status()).as(closed.body()).isEqualTo(200);
        }
    }

    private static void setValue(String css, String value) {
        ((JavascriptExecutor) browser.driver)
                .executeScript("arguments[0].value = arguments[1];", browser.find(css), value);
    }

    // ---------------------------------------------------------------- audit page

    /** Clicks "search" and waits for the form to be replaced by the answer. */
    private static void search() {
        WebElement form = browser.find("#audit");
        browser.click("#audit\\:search");
        new WebDriverWait(browser.driver, Duration.ofSeconds(30)).until(ExpectedConditions.stalenessOf(form));
        browser.find("#audit\\:results");
    }

    /** The result rows, without the table's "nothing found" row. */
    private static List<WebElement> resultRows() {
        return browser.driver.findElements(By.cssSelector("#audit\\:results_data > tr")).stream()
                .filter(r -> !r.getAttribute("class").contains("ui-datatable-empty-message"))
                .toList();
    }

    /**
     * Submits the form with a download button the way the browser would, but with {@code fetch}, so the file can
     * be read: returns the response's content type, a line break, and its body.
     */
    private static String postDownload(String form, String button) {
        Object result = ((JavascriptExecutor) browser.driver)
                .executeAsyncScript(
                        "var done = arguments[arguments.length - 1];"
                                + "var form = document.getElementById(arguments[0]);"
                                + "var data = new URLSearchParams(new FormData(form));"
                                + "data.append(arguments[1], 'export');"
                                + "fetch(form.action, {method: 'POST', body: data, credentials: 'same-origin'})"
                                + ".then(function (r) { return r.text().then(function (t) {"
                                + " done(r.headers.get('content-type') + '\\n' + t); }); })"
                                + ".catch(function (e) { done('failed: ' + e); });",
                        form,
                        button);
        return String.valueOf(result);
    }

    private static int auditEvents(String action, String actorName) throws Exception {
        try (Connection c = Platform.db();
                PreparedStatement ps =
                        c.prepareStatement("select count(*) from audit_event where action = ? and actor_name = ?")) {
            ps.setString(1, action);
            ps.setString(2, actorName);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static int awaitAuditEvents(String action, String actorName, int atLeast) throws Exception {
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            int n = auditEvents(action, actorName);
            if (n >= atLeast || System.nanoTime() > until) {
                return n;
            }
            Thread.sleep(250);
        }
    }
}
