package tw.gov.sms.dev.syslog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The stand-in collector with real sockets on free ports: framing, parsing, the JSON inbox and the outage switch. */
class SyslogCollectorTest {

    private static final String MESSAGE = "<109>1 2026-03-01T02:03:04.123456Z app01 sms-111 - LOGIN [audit@32473"
            + " seq=\"42\" actor=\"王小明 \\\"x\\\" \\] \\\\\" outcome=\"SUCCESS\"] \uFEFF第一行\n第二行";

    private final HttpClient http = HttpClient.newHttpClient();
    private SyslogCollector collector;

    @BeforeEach
    void start() throws IOException {
        collector = SyslogCollector.start(0, 0);
    }

    @AfterEach
    void stop() {
        collector.close();
    }

    @Test
    void receivesOctetCountedFramesWithMultibyteTextAndShowsThemAsJson() throws Exception {
        try (Socket s = new Socket("127.0.0.1", collector.port())) {
            OutputStream out = s.getOutputStream();
            out.write(frame(MESSAGE));
            out.write(frame("<108>1 - - - - - -"));
            out.flush();
        }
        List<SyslogMessage> got = await(2);

        SyslogMessage m = got.get(0);
        assertThat(m.error()).isNull();
        assertThat(m.pri()).isEqualTo(109);
        assertThat(m.timestamp()).isEqualTo("2026-03-01T02:03:04.123456Z");
        assertThat(m.hostname()).isEqualTo("app01");
        assertThat(m.appName()).isEqualTo("sms-111");
        assertThat(m.msgId()).isEqualTo("LOGIN");
        assertThat(m.sdId()).isEqualTo("audit@32473");
        assertThat(m.params()).containsEntry("seq", "42").containsEntry("actor", "王小明 \"x\" ] \\");
        assertThat(m.msg()).isEqualTo("第一行\n第二行");
        assertThat(got.get(1).params()).isEmpty();
        assertThat(got.get(1).msg()).isNull();

        HttpResponse<String> json = get("/syslog");
        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(json.body()).contains("\"seq\":\"42\"", "\"actor\":\"王小明 \\\"x\\\" ] \\\\\"", "第一行\\n第二行");
        assertThat(get("/syslog?after=" + m.id()).body()).doesNotContain("\"seq\":\"42\"");

        HttpResponse<String> cleared = http.send(
                HttpRequest.newBuilder(uri("/syslog")).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(cleared.statusCode()).isEqualTo(204);
        assertThat(collector.messages()).isEmpty();
    }

    @Test
    void refusesConnectionsWhileSwitchedOffAndListensAgainOnTheSamePort() throws Exception {
        int port = collector.port();
        Socket before = new Socket("127.0.0.1", port);
        HttpResponse<String> refused = post("/admin/refuse?seconds=60");
        assertThat(refused.body()).contains("\"listening\":false");

        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
        assertThat(before.getInputStream().read())
                .as("the open connection is dropped")
                .isEqualTo(-1);
        before.close();

        assertThat(post("/admin/accept").body()).contains("\"listening\":true");
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.getOutputStream().write(frame(MESSAGE));
        }
        assertThat(await(1).get(0).params()).containsEntry("seq", "42");
    }

    @Test
    void readsFramesAndRejectsWhatIsNotOctetCounting() throws IOException {
        byte[] two = concat(frame("a"), frame("中文"));
        ByteArrayInputStream in = new ByteArrayInputStream(two);
        assertThat(new String(SyslogCollector.frame(in), StandardCharsets.UTF_8))
                .isEqualTo("a");
        assertThat(new String(SyslogCollector.frame(in), StandardCharsets.UTF_8))
                .isEqualTo("中文");
        assertThat(SyslogCollector.frame(in)).isNull();

        assertThatThrownBy(() -> SyslogCollector.frame(stream("<13>1 newline framing\n")))
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> SyslogCollector.frame(stream("10 short"))).isInstanceOf(IOException.class);
    }

    @Test
    void answersOnlyToLocalHostNames() throws Exception {
        // The JDK's client will not send another Host header: a raw request, as a DNS-rebinding page would make it.
        try (Socket s = new Socket("127.0.0.1", collector.httpPort())) {
            s.getOutputStream()
                    .write("GET /syslog HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
            String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 403");
        }
    }

    private List<SyslogMessage> await(int n) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(10);
        while (collector.messages().size() < n && Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
        }
        assertThat(collector.messages()).hasSize(n);
        return collector.messages();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(uri(path)).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> post(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(uri(path))
                        .timeout(Duration.ofSeconds(10))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + collector.httpPort() + path);
    }

    private static byte[] frame(String message) {
        byte[] m = message.getBytes(StandardCharsets.UTF_8);
        return concat((m.length + " ").getBytes(StandardCharsets.US_ASCII), m);
    }

    private static ByteArrayInputStream stream(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
