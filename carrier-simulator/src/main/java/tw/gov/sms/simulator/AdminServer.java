package tw.gov.sms.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** The simulator's small HTTP API: status, received messages, reset, fault injection. */
final class AdminServer implements AutoCloseable {

    private final CarrierSimulator simulator;
    private final HttpServer server;
    private final ExecutorService executor;

    AdminServer(CarrierSimulator simulator, String host, int port) throws IOException {
        this.simulator = simulator;
        this.server = HttpServer.create(new InetSocketAddress(host, port), 0);
        this.executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "sim-admin");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/status", exchange -> handle(exchange, "GET", this::status));
        server.createContext("/messages", exchange -> handle(exchange, "GET", this::messages));
        server.createContext("/reset", exchange -> handle(exchange, "POST", this::reset));
        server.createContext("/faults", exchange -> handle(exchange, "POST", this::faults));
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    private interface Handler {
        Object handle(Map<String, String> query);
    }

    private void handle(HttpExchange exchange, String method, Handler handler) throws IOException {
        int status = 200;
        Object body;
        try {
            if (!method.equals(exchange.getRequestMethod())) {
                status = 405;
                body = Map.of("error", "use " + method);
            } else {
                body = handler.handle(query(exchange.getRequestURI().getRawQuery()));
            }
        } catch (IllegalArgumentException e) {
            status = 400;
            body = Map.of("error", String.valueOf(e.getMessage()));
        } catch (RuntimeException e) {
            status = 500;
            body = Map.of("error", e.toString());
        }
        byte[] bytes = Json.write(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private Object status(Map<String, String> query) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put(
                "carriers", simulator.stats().stream().map(CarrierStats::toJson).toList());
        json.put("storedMessages", simulator.messages().size());
        return json;
    }

    private Object messages(Map<String, String> query) {
        List<ReceivedMessage> found = simulator.messages(query.get("destination"), query.get("carrier"));
        return found.stream().map(ReceivedMessage::toJson).toList();
    }

    private Object reset(Map<String, String> query) {
        simulator.reset();
        return Map.of("reset", true);
    }

    private Object faults(Map<String, String> query) {
        String carrier = query.remove("carrier");
        if (Boolean.parseBoolean(query.remove("clear"))) {
            if (carrier == null) {
                simulator.clearFaults();
            } else {
                simulator.setFaults(carrier, Faults.NONE);
            }
        }
        if (!query.isEmpty()) {
            try {
                simulator.updateFaults(carrier, query);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad number: " + e.getMessage());
            }
        }
        Map<String, Object> json = new LinkedHashMap<>();
        simulator.stats().forEach(s -> json.put(s.carrier(), s.faults().toJson()));
        return json;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> params = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "true" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.put(key, value);
        }
        return params;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
