package tw.gov.sms.dev.mail;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Real SMTP in, real HTTP out: what the platform's Mailer sends is what a test reads back. */
class MailCatcherTest {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private MailCatcher catcher;

    @BeforeEach
    void start() throws Exception {
        catcher = MailCatcher.start(0, 0);
    }

    @AfterEach
    void stop() {
        catcher.close();
    }

    @Test
    void keepsTraditionalChineseSubjectAndBodyAndFiltersByRecipient() throws Exception {
        send("reviewer@moda.gov.tw", "帳號啟用通知", "王小明您好：\n您的 111 簡訊平台帳號已啟用，請於 24 小時內設定密碼。");
        send("other@cdc.gov.tw", "Password reset", "plain ASCII");

        String all = get("/api/messages").body();
        assertThat(all).startsWith("[{\"id\":2,").contains("\"subject\":\"Password reset\"");

        HttpResponse<String> mine =
                get("/api/messages?to=" + URLEncoder.encode("Reviewer@MODA.gov.tw", StandardCharsets.UTF_8));
        assertThat(mine.statusCode()).isEqualTo(200);
        assertThat(mine.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        assertThat(mine.body())
                .startsWith("[{\"id\":1,\"receivedAt\":\"")
                .contains("\"from\":\"\\\"111 簡訊平台\\\" <no-reply@sms.gov.tw>\"")
                .contains("\"to\":[\"reviewer@moda.gov.tw\"]")
                .contains("\"subject\":\"帳號啟用通知\"")
                .contains("\"text\":\"王小明您好：\\n您的 111 簡訊平台帳號已啟用，請於 24 小時內設定密碼。\"}]")
                .doesNotContain("Password reset");
        assertThat(catcher.messages()).extracting(CaughtMail::subject).containsExactly("Password reset", "帳號啟用通知");

        assertThat(get("/").body()).contains("帳號啟用通知", "href=\"/messages/1\"", "reviewer@moda.gov.tw");
        assertThat(get("/messages/1").body()).contains("王小明您好：", "Subject", "帳號啟用通知");

        HttpResponse<String> cleared =
                HTTP.send(request("/api/messages").DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(cleared.statusCode()).isEqualTo(204);
        assertThat(get("/api/messages").body()).isEqualTo("[]");
        assertThat(get("/messages/1").statusCode()).isEqualTo(404);
    }

    @Test
    void listsOneMailPerTransactionWithEveryEnvelopeRecipient() throws Exception {
        Session session = session();
        MimeMessage m = new MimeMessage(session);
        m.setFrom("no-reply@sms.gov.tw");
        m.setRecipients(Message.RecipientType.TO, "a@moda.gov.tw, b@moda.gov.tw");
        m.setRecipients(Message.RecipientType.BCC, "audit@moda.gov.tw");
        m.setSubject("三位收件人", "UTF-8");
        m.setText("<script>alert(1)</script>", "UTF-8");
        Transport.send(m);

        assertThat(catcher.messages())
                .singleElement()
                .satisfies(mail ->
                        assertThat(mail.to()).containsExactly("a@moda.gov.tw", "b@moda.gov.tw", "audit@moda.gov.tw"));
        assertThat(get("/api/messages?to=audit@moda.gov.tw").body()).contains("三位收件人");
        assertThat(get("/messages/1").body())
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                .doesNotContain("<script>");
    }

    @Test
    void refusesRequestsMadeThroughAnotherHostName() throws Exception {
        // What a DNS-rebinding page would send: the catcher's address, someone else's name.
        try (Socket socket = new Socket("127.0.0.1", catcher.httpPort())) {
            socket.setSoTimeout(5000);
            socket.getOutputStream()
                    .write("GET /api/messages HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 403");
        }
        assertThat(get("/api/messages").statusCode()).isEqualTo(200);
    }

    private void send(String to, String subject, String text) throws Exception {
        MimeMessage m = new MimeMessage(session());
        m.setFrom(new InternetAddress("no-reply@sms.gov.tw", "111 簡訊平台", "UTF-8"));
        m.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        m.setSubject(subject, "UTF-8");
        m.setText(text, "UTF-8");
        m.setSentDate(new Date());
        Transport.send(m);
    }

    private Session session() {
        Properties p = new Properties();
        p.put("mail.smtp.host", "127.0.0.1");
        p.put("mail.smtp.port", String.valueOf(catcher.smtpPort()));
        p.put("mail.smtp.connectiontimeout", "5000");
        p.put("mail.smtp.timeout", "5000");
        return Session.getInstance(p);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + catcher.httpPort() + path));
    }
}
