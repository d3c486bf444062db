package tw.gov.sms.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * The contacts page and compose with a group in headless Chromium (issue 8 items 2 and 4, R3.1): a group
 * administrator builds a group by pasting and by importing a file (duplicates counted, numbers masked), a member
 * picks it on the compose page and the job is delivered to every member once. axe-core finds no serious or
 * critical WCAG 2.1 AA violation.
 */
class ContactsBrowserIT extends PortalBrowserTest {

    private static final Path SHOTS = Path.of(System.getProperty("sms.screenshots", "target/screenshots"));

    @Test
    void aGroupBuiltOnThePageIsPickedWhenComposingAndDelivered() throws Exception {
        String a = number("0912");
        String b = number("0935");
        String c = number("0936");
        String name = "志工名單 " + ThreadLocalRandom.current().nextInt(1_000_000);

        PortalLogin.as(browser, "demo-gadmin");
        browser.click("#menu-contacts");
        browser.waitForUrl("/app/contacts.xhtml");
        browser.type("#contacts\\:newName", name);
        browser.click("#contacts\\:create");
        browser.waitForText("#groupHeading", name);

        // Pasted: one number twice is one contact.
        browser.type("#contacts\\:pasted", a + ",王小明\n" + b + "\n" + a);
        browser.click("#contacts\\:add");
        browser.waitForText("#contacts\\:messages", "已加入 2 位，略過重複 1 位");

        // Imported: the file's duplicate of b is skipped.
        Path file = Files.createTempFile("contacts-", ".csv");
        Files.writeString(file, "手機號碼,姓名\n" + b + ",李大華\n" + c + ",陳美玲\n");
        browser.attach("#contacts\\:importFile", file);
        browser.waitForText("#contacts\\:messages", "已加入 1 位，略過重複 1 位；群組現有 3 位");
        String members = browser.text("#contacts\\:members");
        assertThat(members).contains(c.substring(0, 4) + "***" + c.substring(7)).contains("陳美玲");
        assertThat(members).as("numbers are masked on the page").doesNotContain(c);
        assertThat(browser.axe()).as("contacts page accessibility").isEmpty();
        browser.screenshot(SHOTS.resolve("contacts.png"));

        // A member of the account group composes to it: three recipients, plus a typed one already in it.
        PortalLogin.as(browser, "demo-user");
        browser.go("/app/compose.xhtml");
        browser.find("#compose\\:groupPicker");
        browser.clickText("#compose\\:groups label", name);
        browser.waitForText("#compose\\:groupCount", "3");
        browser.type("#compose\\:recipients", a);
        browser.type("#compose\\:text", "志工集合通知：明日上午八時於區公所集合。");
        assertThat(browser.axe()).as("compose with groups accessibility").isEmpty();
        browser.click("#compose\\:confirm");
        browser.waitForText("#compose\\:summaryRecipients", "3");
        browser.click("#compose\\:send");
        String href = browser.find("#compose\\:jobLink").getAttribute("href");
        long jobId = Long.parseLong(href.substring(href.indexOf("?id=") + 4).replaceAll("[^0-9].*$", ""));
        JsonObject job = Platform.awaitJob(People.token("demo-user"), jobId, "COMPLETED", Duration.ofMinutes(2));
        assertThat(job.getInt("recipients")).isEqualTo(3);
        assertThat(job.getJsonObject("messagesByState").getInt("DELIVERED")).isEqualTo(3);

        // The sender's notification centre (R4) shows the job's stages once the scan has seen them.
        String finished = "[data-stage='FINISHED'][data-id]";
        for (int i = 0; i < 30; i++) {
            browser.go("/app/notifications.xhtml");
            if (browser.text("#notifications").contains("#" + jobId)
                    && !browser.driver
                            .findElements(org.openqa.selenium.By.cssSelector(finished))
                            .isEmpty()) {
                break;
            }
            Thread.sleep(1000);
        }
        assertThat(browser.text("#notifications")).contains("#" + jobId);
        assertThat(browser.driver.findElements(org.openqa.selenium.By.cssSelector(finished)))
                .isNotEmpty();
        assertThat(browser.find("#unread-badge").getText()).isNotBlank();
        assertThat(browser.axe()).as("notifications page accessibility").isEmpty();
        browser.screenshot(SHOTS.resolve("notifications.png"));
    }

    private static String number(String prefix) {
        return prefix + String.format("%06d", ThreadLocalRandom.current().nextInt(1_000_000));
    }
}
