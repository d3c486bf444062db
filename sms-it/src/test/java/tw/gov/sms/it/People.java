package tw.gov.sms.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Logs people in the way a person does: password, then the code the platform mailed (read from the real
 * SMTP catcher), then a session token. The dev profile's demo accounts share {@link #DEMO_PASSWORD}.
 */
final class People {

    static final String DEMO_PASSWORD = "Demo-pass-111";
    private static final Pattern CODE = Pattern.compile("驗證碼為 (\\d{6})");
    private static final Pattern INITIAL = Pattern.compile("初始密碼：(\\S+)");
    private static final Pattern RESET = Pattern.compile("token=([A-Za-z0-9_-]+)");

    private People() {}

    static String email(String username) {
        return username + "@demo.sms.gov.tw";
    }

    /** Password step only; extra headers (e.g. X-Forwarded-For) as name/value pairs. */
    static Platform.Reply passwordStep(String username, String password, String... headers) {
        return Platform.postJson(
                "/api/v1/session",
                null,
                "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}",
                headers);
    }

    static Platform.Reply verify(String challenge, String code, String... headers) {
        return Platform.postJson(
                "/api/v1/session/verify",
                null,
                "{\"challenge\":\"" + challenge + "\",\"code\":\"" + code + "\"}",
                headers);
    }

    /** A full login with the e-mailed code; returns the session reply (token, role, passwordChangeRequired). */
    static JsonObject login(String username, String password, String emailAddress) throws InterruptedException {
        long before = newestMailId(emailAddress);
        Platform.Reply step = passwordStep(username, password);
        assertThat(step.status()).as(step.body()).isEqualTo(200);
        assertThat(step.json().getString("secondFactor")).isEqualTo("EMAIL");
        String code = mailedCode(emailAddress, before);
        Platform.Reply done = verify(step.json().getString("challenge"), code);
        assertThat(done.status()).as(done.body()).isEqualTo(200);
        return done.json();
    }

    static String token(String username) throws InterruptedException {
        return login(username, DEMO_PASSWORD, email(username)).getString("access_token");
    }

    static long newestMailId(String address) {
        return MailInbox.to(address).stream()
                .mapToLong(MailInbox.Mail::id)
                .max()
                .orElse(0);
    }

    static String mailedCode(String address, long after) throws InterruptedException {
        MailInbox.Mail mail = MailInbox.awaitOne(
                address, m -> m.id() > after && m.subject().contains("登入驗證碼"), Duration.ofSeconds(20));
        return group(CODE, mail.text());
    }

    static String initialPassword(String address) throws InterruptedException {
        MailInbox.Mail mail = MailInbox.awaitOne(address, m -> m.subject().contains("帳號已建立"), Duration.ofSeconds(20));
        return group(INITIAL, mail.text());
    }

    static String resetToken(String address, long after) throws InterruptedException {
        MailInbox.Mail mail = MailInbox.awaitOne(
                address, m -> m.id() > after && m.subject().contains("密碼重設"), Duration.ofSeconds(20));
        return group(RESET, mail.text());
    }

    private static String group(Pattern p, String text) {
        Matcher m = p.matcher(text);
        assertThat(m.find()).as("pattern %s in mail: %s", p, text).isTrue();
        return m.group(1);
    }
}
