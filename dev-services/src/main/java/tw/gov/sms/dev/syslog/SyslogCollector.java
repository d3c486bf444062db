package tw.gov.sms.dev.syslog;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * A stand-in for the external log collector: receives RFC 5424 syslog over TCP with octet-counting framing (RFC 6587),
 * keeps the messages, and shows them over HTTP, both on 127.0.0.1 only.
 *
 * <p>Usage: started by {@code tw.gov.sms.devservices.DevServices} ({@code --syslog-port N --syslog-http-port M}), or
 * on its own: {@code java -cp dev-services.jar tw.gov.sms.dev.syslog.SyslogCollector --port 2514 --http-port 8026}.
 *
 * <pre>
 * GET    /syslog?after=ID        JSON [{id, receivedAt, pri, timestamp, hostname, appName, procId, msgId, sdId,
 *                                params:{…}, msg, raw, error}], oldest first; after= optional
 * DELETE /syslog                 forgets every message
 * GET    /admin/status           JSON {listening, connections, messages, refusingUntil}
 * POST   /admin/refuse?seconds=N stops listening and drops every connection for N seconds (at most 600): an outage
 * POST   /admin/accept           listens again at once
 * </pre>
 */
public final class SyslogCollector implements AutoCloseable {

    /** Messages kept; older ones are dropped. */
    public static final int CAPACITY = 20_000;

    /** Longest frame accepted; a longer declared length closes the connection as a protocol error. */
    static final int MAX_FRAME = 1 << 20;

    private static final String LOOPBACK = "127.0.0.1";
    private static final Pattern LOCAL_HOST = Pattern.compile("(127\\.0\\.0\\.1|localhost)(:\\d{1,5})?");

    private final Deque<SyslogMessage> messages = new ArrayDeque<>();
    private final Set<Socket> connections = new HashSet<>();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "syslog-collector-timer");
        t.setDaemon(true);
        return t;
    });
    private final HttpServer http;
    private int port;
    private ServerSocket server;
    private ScheduledFuture<?> reopen;
    private Instant refusingUntil;
    private long lastId;
    private boolean closed;

    private SyslogCollector(int port, int httpPort) throws IOException {
        this.port = port;
        listen();
        try {
            http = HttpServer.create(new InetSocketAddress(InetAddress.getByName(LOOPBACK), httpPort), 0);
            http.createContext("/", this::handle);
            http.start();
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Starts both servers on 127.0.0.1; a port of 0 picks a free one (see {@link #port()}). */
    public static SyslogCollector start(int port, int httpPort) throws IOException {
        return new SyslogCollector(port, httpPort);
    }

    public static void main(String[] args) throws Exception {
        int port = 2514;
        int httpPort = 8026;
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + args[i] + " needs a value");
            }
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                case "--http-port" -> httpPort = Integer.parseInt(args[i + 1]);
                default ->
                    throw new IllegalArgumentException(
                            "unknown option " + args[i] + " (usage: --port PORT --http-port PORT)");
            }
        }
        SyslogCollector collector = start(port, httpPort);
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            collector.close();
            stop.countDown();
        }));
        System.out.println(collector.describe());
        System.out.println("READY");
        System.out.flush();
        stop.await();
    }

    public synchronized int port() {
        return port;
    }

    public int httpPort() {
        return http.getAddress().getPort();
    }

    /** {@code Syslog collector TCP 127.0.0.1:2514, messages http://127.0.0.1:8026/syslog} */
    public String describe() {
        return "Syslog collector TCP " + LOOPBACK + ":" + port() + ", messages http://" + LOOPBACK + ":" + httpPort()
                + "/syslog";
    }

    /** Every message kept, oldest first. */
    public synchronized List<SyslogMessage> messages() {
        return List.copyOf(messages);
    }

    public synchronized void clear() {
        messages.clear();
    }

    public synchronized boolean listening() {
        return server != null;
    }

    /** Stops listening and drops every connection; listens again after {@code seconds} (or {@link #accept()}). */
    public synchronized void refuse(int seconds) {
        if (closed) {
            return;
        }
        stopListening();
        for (Socket s : new ArrayList<>(connections)) {
            closeQuietly(s);
        }
        connections.clear();
        if (reopen != null) {
            reopen.cancel(false);
        }
        refusingUntil = Instant.now().plusSeconds(seconds);
        reopen = scheduler.schedule(
                () -> {
                    try {
                        accept();
                    } catch (IOException e) {
                        System.err.println("syslog collector: could not listen again: " + e);
                    }
                },
                seconds,
                TimeUnit.SECONDS);
    }

    /** Listens again (a no-op when listening). */
    public synchronized void accept() throws IOException {
        if (reopen != null) {
            reopen.cancel(false);
            reopen = null;
        }
        refusingUntil = null;
        if (!closed && server == null) {
            listen();
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            stopListening();
            for (Socket s : new ArrayList<>(connections)) {
                closeQuietly(s);
            }
            connections.clear();
        }
        scheduler.shutdownNow();
        if (http != null) {
            http.stop(0);
        }
    }

    private synchronized void listen() throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getByName(LOOPBACK), port));
        port = s.getLocalPort(); // a port of 0 once chosen stays, so the platform finds it again after an outage
        server = s;
        Thread acceptor = new Thread(() -> acceptLoop(s), "syslog-collector-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void stopListening() {
        if (server != null) {
            closeQuietly(server);
            server = null;
        }
    }

    private void acceptLoop(ServerSocket s) {
        while (!s.isClosed()) {
            Socket client;
            try {
                client = s.accept();
            } catch (IOException e) {
                return; // closed: refused or stopped
            }
            synchronized (this) {
                if (server != s) {
                    closeQuietly(client);
                    return;
                }
                connections.add(client);
            }
            Thread reader = new Thread(() -> read(client), "syslog-collector-" + client.getPort());
            reader.setDaemon(true);
            reader.start();
        }
    }

    private void read(Socket client) {
        try (InputStream in = new BufferedInputStream(client.getInputStream())) {
            while (true) {
                byte[] frame = frame(in);
                if (frame == null) {
                    return;
                }
                record(frame);
            }
        } catch (SocketException dropped) {
            // closed by refuse() or close()
        } catch (IOException | RuntimeException e) {
            System.err.println("syslog collector: connection from port " + client.getPort() + " dropped: " + e);
        } finally {
            synchronized (this) {
                connections.remove(client);
            }
            closeQuietly(client);
        }
    }

    /** One octet-counted frame: {@code MSG-LEN SP SYSLOG-MSG}; null at the end of the stream between frames. */
    static byte[] frame(InputStream in) throws IOException {
        int length = 0;
        int digits = 0;
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (digits == 0) {
                    return null;
                }
                throw new IOException("the stream ended inside a frame length");
            }
            if (b == ' ' && digits > 0) {
                break;
            }
            if (b < '0' || b > '9' || digits >= 7) {
                throw new IOException("not octet-counting framing (RFC 6587 §3.4.1): byte " + b);
            }
            length = length * 10 + (b - '0');
            digits++;
        }
        if (length > MAX_FRAME) {
            throw new IOException("frame of " + length + " bytes is longer than " + MAX_FRAME);
        }
        byte[] message = in.readNBytes(length);
        if (message.length < length) {
            throw new IOException("the stream ended inside a frame (" + message.length + " of " + length + " bytes)");
        }
        return message;
    }

    private synchronized void record(byte[] frame) {
        messages.addLast(SyslogMessage.parse(++lastId, Instant.now(), frame));
        while (messages.size() > CAPACITY) {
            messages.removeFirst();
        }
    }

    // ---------------------------------------------------------------- HTTP

    private void handle(HttpExchange exchange) throws IOException {
        try {
            route(exchange);
        } catch (RuntimeException e) {
            try {
                send(exchange, 500, "text/plain", "syslog collector: " + e);
            } catch (IOException | RuntimeException alreadyAnswering) {
                e.addSuppressed(alreadyAnswering);
            }
            System.err.println("syslog collector: " + exchange.getRequestURI() + " failed: " + e);
        } finally {
            exchange.close();
        }
    }

    private void route(HttpExchange exchange) throws IOException {
        String host = exchange.getRequestHeaders().getFirst("Host");
        if (host == null || !LOCAL_HOST.matcher(host).matches()) {
            send(exchange, 403, "text/plain", "the syslog collector answers to 127.0.0.1 and localhost only");
            return;
        }
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        String query = exchange.getRequestURI().getRawQuery();
        switch (method + " " + path) {
            case "GET /syslog" -> send(exchange, 200, "application/json", json(messages(), number(query, "after", 0)));
            case "DELETE /syslog" -> {
                clear();
                exchange.sendResponseHeaders(204, -1);
            }
            case "GET /admin/status" -> send(exchange, 200, "application/json", status());
            case "POST /admin/refuse" -> {
                long seconds = number(query, "seconds", 30);
                if (seconds < 1 || seconds > 600) {
                    send(exchange, 400, "text/plain", "seconds must be 1 to 600");
                    return;
                }
                refuse((int) seconds);
                send(exchange, 200, "application/json", status());
            }
            case "POST /admin/accept" -> {
                accept();
                send(exchange, 200, "application/json", status());
            }
            default ->
                send(
                        exchange,
                        404,
                        "text/plain",
                        "not found: GET|DELETE /syslog, GET /admin/status, POST /admin/refuse?seconds=N, POST"
                                + " /admin/accept");
        }
    }

    private synchronized String status() {
        return "{\"listening\":" + (server != null) + ",\"port\":" + port + ",\"connections\":" + connections.size()
                + ",\"messages\":" + messages.size() + ",\"refusingUntil\":"
                + (refusingUntil == null ? "null" : quote(refusingUntil.toString())) + "}";
    }

    static String json(List<SyslogMessage> list, long after) {
        StringBuilder out = new StringBuilder("[");
        for (SyslogMessage m : list) {
            if (m.id() <= after) {
                continue;
            }
            if (out.length() > 1) {
                out.append(',');
            }
            out.append("{\"id\":").append(m.id());
            out.append(",\"receivedAt\":").append(quote(m.receivedAt().toString()));
            out.append(",\"pri\":").append(m.pri());
            out.append(",\"timestamp\":").append(quote(m.timestamp()));
            out.append(",\"hostname\":").append(quote(m.hostname()));
            out.append(",\"appName\":").append(quote(m.appName()));
            out.append(",\"procId\":").append(quote(m.procId()));
            out.append(",\"msgId\":").append(quote(m.msgId()));
            out.append(",\"sdId\":").append(quote(m.sdId()));
            out.append(",\"params\":{");
            boolean first = true;
            for (Map.Entry<String, String> p : m.params().entrySet()) {
                out.append(first ? "" : ",")
                        .append(quote(p.getKey()))
                        .append(':')
                        .append(quote(p.getValue()));
                first = false;
            }
            out.append("},\"msg\":").append(quote(m.msg()));
            out.append(",\"raw\":").append(quote(m.raw()));
            out.append(",\"error\":").append(quote(m.error())).append('}');
        }
        return out.append(']').toString();
    }

    private static long number(String query, String name, long fallback) {
        if (query == null) {
            return fallback;
        }
        for (String pair : query.split("&")) {
            if (pair.startsWith(name + "=")) {
                try {
                    return Long.parseLong(pair.substring(name.length() + 1));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(name + " must be a number: " + pair, e);
                }
            }
        }
        return fallback;
    }

    static String quote(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029' || c == '\uFEFF') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // already closed
        }
    }
}
