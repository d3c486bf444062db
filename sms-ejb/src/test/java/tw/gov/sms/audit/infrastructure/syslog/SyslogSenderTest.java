package tw.gov.sms.audit.infrastructure.syslog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sender against a real listening socket on a free port. */
class SyslogSenderTest {

    private final SyslogSender sender = new SyslogSender();

    @Test
    void keepsOneConnectionAndReconnectsWhenTheCollectorHungUpSoNothingIsWrittenIntoTheVoid() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            int port = server.getLocalPort();
            sender.send("127.0.0.1", port, List.of(bytes("2 ab"), bytes("1 c")));
            Socket first = server.accept();
            assertThat(read(first.getInputStream(), 7)).isEqualTo("2 ab1 c");

            first.close(); // the collector restarts: the platform's socket is now half closed
            Thread.sleep(100);
            sender.send("127.0.0.1", port, List.of(bytes("1 d")));
            try (Socket second = server.accept()) {
                assertThat(read(second.getInputStream(), 3)).isEqualTo("1 d");
            }
        } finally {
            sender.close();
        }
    }

    @Test
    void failsWhenNobodyListens() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        assertThatThrownBy(() -> sender.send("127.0.0.1", port, List.of(bytes("1 a"))))
                .isInstanceOf(IOException.class);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String read(InputStream in, int n) throws IOException {
        return new String(in.readNBytes(n), StandardCharsets.UTF_8);
    }
}
