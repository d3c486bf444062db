package tw.gov.sms.dev.syslog;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One received RFC 5424 message, with its header fields and the parameters of its first structured data element
 * picked out. A message that does not parse keeps only {@code raw} and {@code error}.
 */
public record SyslogMessage(
        long id,
        Instant receivedAt,
        int pri,
        String timestamp,
        String hostname,
        String appName,
        String procId,
        String msgId,
        String sdId,
        Map<String, String> params,
        String msg,
        String raw,
        String error) {

    private static final String BOM = "\uFEFF";

    /** Parses the SYSLOG-MSG of a frame (the bytes after the length). */
    static SyslogMessage parse(long id, Instant receivedAt, byte[] bytes) {
        String raw = new String(bytes, StandardCharsets.UTF_8);
        try {
            Parser p = new Parser(raw);
            p.expect('<');
            int pri = Integer.parseInt(p.until('>'));
            p.expect('>');
            String version = p.token();
            if (!version.equals("1")) {
                throw new IllegalArgumentException("version " + version + ", expected 1");
            }
            String timestamp = p.token();
            String hostname = p.token();
            String appName = p.token();
            String procId = p.token();
            String msgId = p.token();
            String sdId = null;
            Map<String, String> params = new LinkedHashMap<>();
            if (p.peek() == '-') {
                p.expect('-');
            } else {
                boolean first = true;
                while (p.more() && p.peek() == '[') {
                    p.expect('[');
                    String id2 = p.name();
                    Map<String, String> element = new LinkedHashMap<>();
                    while (p.peek() == ' ') {
                        p.expect(' ');
                        String name = p.name();
                        p.expect('=');
                        element.put(name, p.quoted());
                    }
                    p.expect(']');
                    if (first) {
                        sdId = id2;
                        params = element;
                        first = false;
                    }
                }
            }
            String msg = null;
            if (p.more()) {
                p.expect(' ');
                msg = p.rest();
                if (msg.startsWith(BOM)) {
                    msg = msg.substring(1);
                }
            }
            return new SyslogMessage(
                    id,
                    receivedAt,
                    pri,
                    timestamp,
                    hostname,
                    appName,
                    procId,
                    msgId,
                    sdId,
                    Collections.unmodifiableMap(params),
                    msg,
                    raw,
                    null);
        } catch (RuntimeException e) {
            return new SyslogMessage(
                    id, receivedAt, -1, null, null, null, null, null, null, Map.of(), null, raw, String.valueOf(e));
        }
    }

    private static final class Parser {
        private final String s;
        private int i;

        Parser(String s) {
            this.s = s;
        }

        boolean more() {
            return i < s.length();
        }

        char peek() {
            if (i >= s.length()) {
                throw new IllegalArgumentException("message ends early");
            }
            return s.charAt(i);
        }

        void expect(char c) {
            if (peek() != c) {
                throw new IllegalArgumentException("expected '" + c + "' at " + i + ", found '" + peek() + "'");
            }
            i++;
        }

        String until(char c) {
            int end = s.indexOf(c, i);
            if (end < 0) {
                throw new IllegalArgumentException("no '" + c + "' after " + i);
            }
            String out = s.substring(i, end);
            i = end;
            return out;
        }

        /** A header field and the space after it. */
        String token() {
            String out = until(' ');
            i++;
            return out;
        }

        /** An SD-ID or PARAM-NAME. */
        String name() {
            int start = i;
            while (more() && " =]\"".indexOf(s.charAt(i)) < 0) {
                i++;
            }
            if (start == i) {
                throw new IllegalArgumentException("empty name at " + i);
            }
            return s.substring(start, i);
        }

        /** A PARAM-VALUE in quotes, unescaped. */
        String quoted() {
            expect('"');
            StringBuilder out = new StringBuilder();
            while (true) {
                char c = peek();
                i++;
                if (c == '"') {
                    return out.toString();
                }
                if (c == '\\' && more() && "\"\\]".indexOf(s.charAt(i)) >= 0) {
                    c = s.charAt(i++);
                }
                out.append(c);
            }
        }

        String rest() {
            String out = s.substring(i);
            i = s.length();
            return out;
        }
    }
}
