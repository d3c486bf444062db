package tw.gov.sms.carrier.infrastructure.smpp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** One SMSC address of a carrier; a carrier has two or more (R8.1). */
public record SmppEndpoint(String host, int port) {

    public SmppEndpoint {
        Objects.requireNonNull(host, "host");
        if (host.isBlank() || port < 1 || port > 65535) {
            throw new IllegalArgumentException("invalid SMPP endpoint " + host + ":" + port);
        }
    }

    /** Parses {@code "host:port,host:port"} (the SMS_CARRIER_xxx_ENDPOINTS format); blanks are skipped. */
    public static List<SmppEndpoint> parseList(String csv) {
        List<SmppEndpoint> endpoints = new ArrayList<>();
        if (csv == null) {
            return endpoints;
        }
        for (String item : csv.split(",")) {
            String trimmed = item.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            int colon = trimmed.lastIndexOf(':');
            if (colon <= 0 || colon == trimmed.length() - 1) {
                throw new IllegalArgumentException("expected host:port, got '" + trimmed + "'");
            }
            try {
                endpoints.add(new SmppEndpoint(
                        trimmed.substring(0, colon).trim(),
                        Integer.parseInt(trimmed.substring(colon + 1).trim())));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("expected host:port, got '" + trimmed + "'", e);
            }
        }
        return List.copyOf(endpoints);
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
