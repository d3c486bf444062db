package tw.gov.sms.audit.infrastructure.syslog;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.List;

/**
 * One TCP connection to the log collector, kept open between rounds and opened again after any failure. A batch is
 * "accepted" when every frame has been written and flushed (syslog over TCP has no acknowledgement; RFC 6587).
 *
 * <p>Before writing on a connection that has been idle, it checks whether the collector closed it: the collector
 * never sends anything, so a read that ends the stream means it hung up. Without that check the first batch written
 * after a collector restart would vanish into a half-closed socket and still count as sent.
 */
@ApplicationScoped
public class SyslogSender {

    static final int CONNECT_TIMEOUT_MS = 5000;

    private Socket socket;
    private OutputStream out;
    private String target;

    /** Sends the frames in order, then flushes; on any failure the connection is closed and the exception thrown. */
    public synchronized void send(String host, int port, List<byte[]> frames) throws IOException {
        try {
            OutputStream o = connection(host, port);
            for (byte[] frame : frames) {
                o.write(frame);
            }
            o.flush();
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    @PreDestroy
    public synchronized void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        socket = null;
        out = null;
        target = null;
    }

    private OutputStream connection(String host, int port) throws IOException {
        String wanted = host + ":" + port;
        if (socket != null && (!wanted.equals(target) || peerClosed())) {
            close();
        }
        if (socket == null) {
            Socket s = new Socket();
            try {
                s.setKeepAlive(true);
                s.setTcpNoDelay(true);
                s.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MS);
            } catch (IOException | RuntimeException e) {
                s.close();
                throw e;
            }
            socket = s;
            out = new BufferedOutputStream(s.getOutputStream(), 64 * 1024);
            target = wanted;
        }
        return out;
    }

    private boolean peerClosed() {
        if (socket.isClosed() || socket.isOutputShutdown()) {
            return true;
        }
        try {
            socket.setSoTimeout(1);
            InputStream in = socket.getInputStream();
            return in.read() < 0;
        } catch (SocketTimeoutException alive) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }
}
