package tw.gov.sms.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real browser for the portal tests: Debian's headless Chromium driven by its own chromedriver through
 * Selenium (no driver download). One browser per test class; {@link #axe()} runs axe-core on the page.
 * Under {@code CI=true} a missing browser fails the test; elsewhere the test is skipped with the reason.
 */
final class Browser implements AutoCloseable {

    static final String PORTAL = Platform.BASE + "/portal";

    private static final Path CHROMIUM = Path.of(System.getProperty("sms.chromium", "/usr/bin/chromium"));
    private static final Path DRIVER = Path.of(System.getProperty("sms.chromedriver", "/usr/bin/chromedriver"));

    final WebDriver driver;
    private final WebDriverWait wait;

    private Browser(WebDriver driver) {
        this.driver = driver;
        this.wait = new WebDriverWait(driver, Duration.ofSeconds(20));
    }

    static Browser open() {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(DRIVER)) {
            String why = "the portal's browser tests need " + CHROMIUM + " and " + DRIVER
                    + " (Debian packages chromium and chromium-driver; .ci/run installs them)";
            if ("true".equals(System.getenv("CI"))) {
                Assertions.fail(why);
            }
            Assumptions.abort(why);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-dev-shm-usage",
                "--disable-gpu",
                "--window-size=1366,900",
                "--lang=zh-TW");
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "zh-TW,zh,en"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .build();
        return new Browser(new ChromeDriver(service, options));
    }

    Browser go(String path) {
        driver.get(path.startsWith("http") ? path : PORTAL + path);
        return this;
    }

    WebElement find(String css) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    void type(String css, String text) {
        WebElement e = find(css);
        e.clear();
        e.sendKeys(text);
    }

    void click(String css) {
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(css))).click();
    }

    /** Chooses a file in a file input, which a styled upload button may keep out of sight. */
    void attach(String css, Path file) {
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(css)))
                .sendKeys(file.toAbsolutePath().toString());
    }

    /** Clicks the first element matching {@code css} whose text contains {@code text}. */
    void clickText(String css, String text) {
        wait.until(d -> d.findElements(By.cssSelector(css)).stream()
                        .filter(e -> e.getText().contains(text))
                        .findFirst()
                        .orElse(null))
                .click();
    }

    String text(String css) {
        return find(css).getText();
    }

    void waitForText(String css, String text) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css), text));
    }

    void waitForUrl(String fragment) {
        wait.until(ExpectedConditions.urlContains(fragment));
    }

    String url() {
        return driver.getCurrentUrl();
    }

    /** Saves a PNG of the page (docs/portal.md shows them). */
    void screenshot(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    }

    /**
     * Runs axe-core (WCAG 2.0/2.1 A and AA rules) on the current page and returns the violations of
     * serious or critical impact, each as "rule: help (n nodes: selectors)".
     */
    @SuppressWarnings("unchecked")
    List<String> axe() throws IOException {
        JavascriptExecutor js = (JavascriptExecutor) driver;
        String source;
        try (InputStream in = Browser.class.getResourceAsStream("/axe.min.js")) {
            assertThat(in).as("axe.min.js on the test classpath").isNotNull();
            source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        js.executeScript(source);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        Object result = ((JavascriptExecutor) driver)
                .executeAsyncScript("var done = arguments[arguments.length - 1];"
                        + "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
                        + ".then(function (r) { done(r.violations.filter(function (v) {"
                        + " return v.impact === 'serious' || v.impact === 'critical'; }).map(function (v) {"
                        + " return v.id + ': ' + v.help + ' (' + v.nodes.length + ' nodes: ' + v.nodes.slice(0, 3)"
                        + ".map(function (n) { return n.target.join(' '); }).join(', ') + ')'; })); })"
                        + ".catch(function (e) { done(['axe failed: ' + e]); });");
        return new ArrayList<>((List<String>) result);
    }

    @Override
    public void close() {
        driver.quit();
    }
}
