package tw.gov.sms.dev.mail;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.Header;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The catcher's inbox over HTTP (the JDK's server): pages for a developer, JSON for tests. */
final class InboxServer {

    private static final Pattern MESSAGE = Pattern.compile("/messages/(\\d{1,18})");
    private static final Pattern LOCAL_HOST = Pattern.compile("(127\\.0\\.0\\.1|localhost)(:\\d{1,5})?");
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.of("Asia/Taipei"));

    private final HttpServer server;
    private final MailCatcher catcher;

    private InboxServer(HttpServer server, MailCatcher catcher) {
        this.server = server;
        this.catcher = catcher;
    }

    static InboxServer start(String host, int port, MailCatcher catcher) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(host), port), 0);
        InboxServer inbox = new InboxServer(server, catcher);
        server.createContext("/", inbox::handle);
        server.start();
        return inbox;
    }

    int port() {
        return server.getAddress().getPort();
    }

    void stop() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            route(exchange);
        } catch (RuntimeException e) {
            // The JDK server would only drop the connection: say what went wrong instead (if nothing was sent yet).
            try {
                send(exchange, 500, "text/plain", "mail catcher: " + e);
            } catch (IOException | RuntimeException alreadyAnswering) {
                e.addSuppressed(alreadyAnswering);
            }
            System.err.println("mail catcher: " + exchange.getRequestURI() + " failed: " + e);
        } finally {
            exchange.close();
        }
    }

    private void route(HttpExchange exchange) throws IOException {
        String host = exchange.getRequestHeaders().getFirst("Host");
        if (host == null || !LOCAL_HOST.matcher(host).matches()) {
            // Against DNS rebinding: a web page the developer visits must not read the inbox through its own name.
            send(exchange, 403, "text/plain", "the mail catcher answers to 127.0.0.1 and localhost only");
            return;
        }
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        Matcher message = MESSAGE.matcher(path);
        if (path.equals("/api/messages")) {
            switch (method) {
                case "GET" -> send(exchange, 200, "application/json", json(recipient(exchange)));
                case "DELETE" -> {
                    catcher.clear();
                    exchange.sendResponseHeaders(204, -1);
                }
                default -> notAllowed(exchange, "GET, DELETE");
            }
        } else if (!method.equals("GET")) {
            notAllowed(exchange, "GET");
        } else if (path.equals("/")) {
            send(exchange, 200, "text/html", listPage());
        } else if (message.matches()) {
            Optional<CaughtMail> mail = find(Long.parseLong(message.group(1)));
            if (mail.isPresent()) {
                send(exchange, 200, "text/html", messagePage(mail.get()));
            } else {
                send(exchange, 404, "text/plain", "no mail " + message.group(1) + " (cleared, or never received)");
            }
        } else {
            send(exchange, 404, "text/plain", "not found: GET /, GET /messages/{id}, GET|DELETE /api/messages");
        }
    }

    private Optional<CaughtMail> find(long id) {
        return catcher.messages().stream().filter(m -> m.id() == id).findFirst();
    }

    /** The {@code to} query parameter, or null when absent. */
    private static String recipient(HttpExchange exchange) {
        String query = exchange.getRequestURI().getRawQuery();
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            if (name.equals("to") && eq >= 0) {
                String value = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                return value.isBlank() ? null : value;
            }
        }
        return null;
    }

    private String json(String to) {
        StringBuilder out = new StringBuilder("[");
        for (CaughtMail m : catcher.messages()) {
            if (to != null && !m.isFor(to)) {
                continue;
            }
            if (out.length() > 1) {
                out.append(',');
            }
            out.append("{\"id\":").append(m.id());
            out.append(",\"receivedAt\":").append(quote(m.receivedAt().toString()));
            out.append(",\"from\":").append(quote(m.from()));
            out.append(",\"to\":[");
            for (int i = 0; i < m.to().size(); i++) {
                out.append(i == 0 ? "" : ",").append(quote(m.to().get(i)));
            }
            out.append("],\"subject\":").append(quote(m.subject()));
            out.append(",\"text\":").append(quote(m.text())).append('}');
        }
        return out.append(']').toString();
    }

    private String listPage() {
        List<CaughtMail> mails = catcher.messages();
        StringBuilder rows = new StringBuilder();
        for (CaughtMail m : mails) {
            rows.append("<tr><td>")
                    .append(TIME.format(m.receivedAt()))
                    .append("</td><td>")
                    .append(html(m.from()))
                    .append("</td><td>")
                    .append(html(String.join(", ", m.to())))
                    .append("</td><td><a href=\"/messages/")
                    .append(m.id())
                    .append("\">")
                    .append(html(m.subject().isEmpty() ? "(no subject)" : m.subject()))
                    .append("</a></td></tr>\n");
        }
        String body = mails.isEmpty()
                ? "<p>No mail yet. The platform sends here when SMS_MAIL_HOST is not set (./sms run).</p>"
                : "<table><thead><tr><th>Received (Taipei)</th><th>From</th><th>To</th><th>Subject</th></tr></thead>"
                        + "<tbody>\n" + rows + "</tbody></table>";
        return page(
                "Mail catcher (" + mails.size() + ")",
                "<p>SMTP 127.0.0.1:" + catcher.smtpPort() + " · newest first · "
                        + "<button onclick=\"fetch('/api/messages',{method:'DELETE'}).then(()=>location.reload())\">"
                        + "Empty the inbox</button> · JSON: <a href=\"/api/messages\">/api/messages</a></p>\n"
                        + body,
                true);
    }

    private static String messagePage(CaughtMail m) {
        StringBuilder rows = new StringBuilder();
        rows.append("<tr><th>Received</th><td>")
                .append(TIME.format(m.receivedAt()))
                .append(" (Taipei)</td></tr>\n<tr><th>Envelope to</th><td>")
                .append(html(String.join(", ", m.to())))
                .append("</td></tr>\n");
        for (Header h : m.headers()) {
            rows.append("<tr><th>")
                    .append(html(h.getName()))
                    .append("</th><td>")
                    .append(html(h.getValue()))
                    .append("</td></tr>\n");
        }
        return page(
                m.subject().isEmpty() ? "(no subject)" : m.subject(),
                "<p><a href=\"/\">← inbox</a></p>\n<table class=\"headers\">" + rows + "</table>\n<pre>"
                        + html(m.text()) + "</pre>",
                false);
    }

    private static String page(String title, String body, boolean refresh) {
        return "<!DOCTYPE html>\n<html lang=\"zh-Hant\"><head><meta charset=\"utf-8\">"
                + (refresh ? "<meta http-equiv=\"refresh\" content=\"10\">" : "")
                + "<title>" + html(title) + "</title><style>"
                + "body{font-family:system-ui,sans-serif;margin:2em}table{border-collapse:collapse}"
                + "td,th{border-bottom:1px solid #ddd;padding:.3em .8em;text-align:left;vertical-align:top}"
                + "table.headers th{white-space:nowrap;color:#555}pre{white-space:pre-wrap;background:#f6f6f6;"
                + "padding:1em}</style></head>\n<body><h1>" + html(title) + "</h1>\n" + body + "\n</body></html>\n";
    }

    static String html(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    private static void notAllowed(HttpExchange exchange, String allowed) throws IOException {
        exchange.getResponseHeaders().set("Allow", allowed);
        send(exchange, 405, "text/plain", "method not allowed; allowed: " + allowed);
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
}
