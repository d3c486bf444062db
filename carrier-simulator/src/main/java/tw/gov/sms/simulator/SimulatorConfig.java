package tw.gov.sms.simulator;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How to run the simulator. Port 0 means "any free port" (tests); the running instance reports the
 * real ones.
 *
 * @param carriers carrier code and SMPP port, e.g. CHT:2775
 * @param adminPort HTTP admin port, 0 = no admin server
 * @param logFile JSON-lines log of reassembled messages and receipts, or null
 * @param faults faults every carrier starts with
 */
public record SimulatorConfig(
        List<CarrierPort> carriers,
        String bindHost,
        String systemId,
        String password,
        Duration receiptDelay,
        int adminPort,
        Path logFile,
        Faults faults,
        int maxStoredMessages) {

    public record CarrierPort(String code, int port) {}

    public SimulatorConfig {
        carriers = List.copyOf(carriers);
        if (carriers.isEmpty()) {
            throw new IllegalArgumentException("at least one carrier");
        }
    }

    /** The command-line defaults: CHT, TWM and FET on 2775..2777, admin on 2780. */
    public static SimulatorConfig defaults() {
        return new SimulatorConfig(
                parseCarriers("CHT:2775,TWM:2776,FET:2777"),
                "127.0.0.1",
                "sms111",
                "sim-pass",
                Duration.ofMillis(300),
                2780,
                null,
                Faults.NONE,
                100_000);
    }

    /** For tests in the same JVM: random ports, no admin server, short receipt delay. */
    public static SimulatorConfig forTests() {
        return defaults()
                .withCarriers(parseCarriers("CHT:0,TWM:0,FET:0"))
                .withAdminPort(0)
                .withReceiptDelay(Duration.ofMillis(50));
    }

    public SimulatorConfig withCarriers(List<CarrierPort> value) {
        return new SimulatorConfig(
                value, bindHost, systemId, password, receiptDelay, adminPort, logFile, faults, maxStoredMessages);
    }

    public SimulatorConfig withCredentials(String id, String pass) {
        return new SimulatorConfig(
                carriers, bindHost, id, pass, receiptDelay, adminPort, logFile, faults, maxStoredMessages);
    }

    public SimulatorConfig withReceiptDelay(Duration value) {
        return new SimulatorConfig(
                carriers, bindHost, systemId, password, value, adminPort, logFile, faults, maxStoredMessages);
    }

    public SimulatorConfig withAdminPort(int value) {
        return new SimulatorConfig(
                carriers, bindHost, systemId, password, receiptDelay, value, logFile, faults, maxStoredMessages);
    }

    public SimulatorConfig withLogFile(Path value) {
        return new SimulatorConfig(
                carriers, bindHost, systemId, password, receiptDelay, adminPort, value, faults, maxStoredMessages);
    }

    public SimulatorConfig withFaults(Faults value) {
        return new SimulatorConfig(
                carriers, bindHost, systemId, password, receiptDelay, adminPort, logFile, value, maxStoredMessages);
    }

    public static List<CarrierPort> parseCarriers(String csv) {
        List<CarrierPort> result = new ArrayList<>();
        for (String item : csv.split(",")) {
            String trimmed = item.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            int colon = trimmed.lastIndexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("expected CODE:PORT, got " + trimmed);
            }
            result.add(new CarrierPort(
                    trimmed.substring(0, colon).toUpperCase(), Integer.parseInt(trimmed.substring(colon + 1))));
        }
        return result;
    }

    /** Parses {@code --name value} or {@code --name=value} flags over the defaults. */
    public static SimulatorConfig fromArgs(String... args) {
        Map<String, String> flags = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + arg);
            }
            String name = arg.substring(2);
            String value;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                value = args[++i];
            } else {
                value = "true"; // a bare boolean flag such as --withhold-receipts
            }
            flags.put(name, value);
        }
        SimulatorConfig d = defaults();
        Map<String, String> faultFlags = new HashMap<>(flags);
        faultFlags
                .keySet()
                .retainAll(List.of(
                        "throttle",
                        "fail-rate",
                        "fail-status",
                        "receipt-before-response",
                        "withhold-receipts",
                        "drop-after-submits"));
        flags.keySet().removeAll(faultFlags.keySet());
        SimulatorConfig config = new SimulatorConfig(
                parseCarriers(flags.getOrDefault("carriers", "CHT:2775,TWM:2776,FET:2777")),
                flags.getOrDefault("bind-host", d.bindHost()),
                flags.getOrDefault("system-id", d.systemId()),
                flags.getOrDefault("password", d.password()),
                Duration.ofMillis(Long.parseLong(flags.getOrDefault("receipt-delay-ms", "300"))),
                Integer.parseInt(flags.getOrDefault("admin-port", "2780")),
                flags.containsKey("log") ? Path.of(flags.get("log")) : null,
                Faults.NONE.with(faultFlags),
                Integer.parseInt(flags.getOrDefault("max-stored-messages", "100000")));
        for (String known : List.of(
                "carriers",
                "bind-host",
                "system-id",
                "password",
                "receipt-delay-ms",
                "admin-port",
                "log",
                "max-stored-messages")) {
            flags.remove(known);
        }
        if (!flags.isEmpty()) {
            throw new IllegalArgumentException("unknown option(s): " + flags.keySet());
        }
        return config;
    }
}
