package tw.gov.sms.it;

/** Logs a demo account in to the portal through the real login page (password, then the e-mailed code). */
final class PortalLogin {

    static final String DEMO_PASSWORD = "Demo-pass-111";

    private PortalLogin() {}

    /** Logs {@code username} in (any current session is ended first) and waits for the dashboard. */
    static void as(Browser browser, String username) throws InterruptedException {
        browser.driver.manage().deleteAllCookies();
        browser.go("/login.xhtml");
        String address = People.email(username);
        long before = People.newestMailId(address);
        browser.type("#login\\:username", username);
        browser.type("#login\\:password", DEMO_PASSWORD);
        browser.click("#login\\:next");
        browser.find("#login\\:code");
        browser.type("#login\\:code", People.mailedCode(address, before));
        browser.click("#login\\:verify");
        browser.waitForUrl("/app/home.xhtml");
    }
}
