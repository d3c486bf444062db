package tw.gov.sms.simulator;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Stands in for the SMSCs of CHT, TWM and FET: accepts binds, answers submit_sm, sends delivery
 * receipts, reassembles and decodes what it received (the test oracle) and misbehaves on request.
 * Run it with {@link #main} or, in tests, {@link #start(SimulatorConfig)}.
 */
public final class CarrierSimulator implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(CarrierSimulator.class.getName());

    private final SimulatorConfig config;
    private final Map<String, SimulatedCarrier> carriers = new LinkedHashMap<>();
    private final Deque<ReceivedMessage> messages = new ArrayDeque<>();
    private final SegmentAssembler assembler = new SegmentAssembler();
    private final ScheduledExecutorService timer;
    private final ExecutorService workers;
    private final JsonLinesLog log;
    private final AdminServer admin;

    private CarrierSimulator(SimulatorConfig config) throws IOException {
        this.config = config;
        AtomicInteger threads = new AtomicInteger();
        this.timer = Executors.newScheduledThreadPool(4, r -> daemon(r, "sim-timer-" + threads.incrementAndGet()));
        this.workers = Executors.newCachedThreadPool(r -> daemon(r, "sim-worker-" + threads.incrementAndGet()));
        this.log = config.logFile() == null ? null : new JsonLinesLog(config.logFile());
        try {
            Consumer<Map<String, Object>> receiptLog = this::logLine;
            for (SimulatorConfig.CarrierPort carrier : config.carriers()) {
                carriers.put(
                        carrier.code(),
                        new SimulatedCarrier(carrier, config, assembler, this::store, receiptLog, timer, workers));
            }
            this.admin = config.adminPort() > 0 ? new AdminServer(this, config.bindHost(), config.adminPort()) : null;
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** Starts listening on every configured port; returns once they are open. */
    public static CarrierSimulator start(SimulatorConfig config) throws IOException {
        return new CarrierSimulator(config);
    }

    public SimulatorConfig config() {
        return config;
    }

    /** The SMPP port of each carrier (the real one when the configuration said 0). */
    public Map<String, Integer> ports() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        carriers.forEach((code, carrier) -> ports.put(code, carrier.port()));
        return ports;
    }

    public int port(String carrier) {
        return carrier(carrier).port();
    }

    /** The admin HTTP port, or 0 when there is no admin server. */
    public int adminPort() {
        return admin == null ? 0 : admin.port();
    }

    public List<CarrierStats> stats() {
        return carriers.values().stream().map(SimulatedCarrier::stats).toList();
    }

    public CarrierStats stats(String carrier) {
        return carrier(carrier).stats();
    }

    /** Every reassembled message still held, oldest first. */
    public List<ReceivedMessage> messages() {
        synchronized (messages) {
            return List.copyOf(messages);
        }
    }

    /** Reassembled messages filtered by destination and/or carrier (null = any), oldest first. */
    public List<ReceivedMessage> messages(String destination, String carrier) {
        return messages().stream()
                .filter(m -> destination == null || destination.equals(m.destination()))
                .filter(m -> carrier == null || carrier.equalsIgnoreCase(m.carrier()))
                .toList();
    }

    /** Waits until at least {@code count} messages for the destination are held; returns what is there. */
    public List<ReceivedMessage> awaitMessages(String destination, int count, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (messages) {
            while (messages(destination, null).size() < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                messages.wait(Math.max(1, left / 1_000_000));
            }
        }
        return messages(destination, null);
    }

    /** Sets the faults of one carrier, or of all when {@code carrier} is null. */
    public void setFaults(String carrier, Faults faults) {
        for (SimulatedCarrier c : select(carrier)) {
            c.setFaults(faults);
        }
    }

    /** Changes only the named fault parameters (admin API and CLI names). */
    public void updateFaults(String carrier, Map<String, String> params) {
        for (SimulatedCarrier c : select(carrier)) {
            c.setFaults(c.faults().with(params));
        }
    }

    public void clearFaults() {
        setFaults(null, Faults.NONE);
    }

    public Faults faults(String carrier) {
        return carrier(carrier).faults();
    }

    /** Forgets stored messages, partial segments and counters (faults stay). */
    public void reset() {
        synchronized (messages) {
            messages.clear();
        }
        assembler.clear();
        carriers.values().forEach(SimulatedCarrier::resetCounters);
    }

    /** Closes every SMPP connection of a carrier (all when null) without unbinding: an outage. */
    public void dropConnections(String carrier) {
        select(carrier).forEach(SimulatedCarrier::dropConnections);
    }

    private List<SimulatedCarrier> select(String carrier) {
        return carrier == null || carrier.isBlank() ? List.copyOf(carriers.values()) : List.of(carrier(carrier));
    }

    private SimulatedCarrier carrier(String code) {
        SimulatedCarrier carrier = carriers.get(code.toUpperCase());
        if (carrier == null) {
            throw new IllegalArgumentException("unknown carrier " + code + ", known: " + carriers.keySet());
        }
        return carrier;
    }

    private void store(ReceivedMessage message) {
        synchronized (messages) {
            messages.addLast(message);
            while (messages.size() > config.maxStoredMessages()) {
                messages.removeFirst();
            }
            messages.notifyAll();
        }
        logLine(message.toJson());
    }

    private void logLine(Map<String, Object> line) {
        if (log != null) {
            try {
                log.write(line);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "cannot write the simulator log", e);
            }
        }
    }

    @Override
    public void close() {
        if (admin != null) {
            admin.close();
        }
        carriers.values().forEach(SimulatedCarrier::close);
        timer.shutdownNow();
        workers.shutdownNow();
        if (log != null) {
            try {
                log.close();
            } catch (IOException e) {
                LOG.log(Level.FINE, "closing log", e);
            }
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.println(usage());
            return;
        }
        SimulatorConfig config;
        try {
            config = SimulatorConfig.fromArgs(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(usage());
            System.exit(2);
            return;
        }
        CarrierSimulator simulator = start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulator.close();
            stopped.countDown();
        }));
        List<String> listening = new ArrayList<>();
        simulator.ports().forEach((code, port) -> listening.add(code + "=" + config.bindHost() + ":" + port));
        System.out.println("carrier-simulator listening: " + String.join(" ", listening)
                + (simulator.adminPort() > 0
                        ? " admin=http://" + config.bindHost() + ":" + simulator.adminPort() + "/status"
                        : "")
                + " system-id=" + config.systemId());
        stopped.await();
    }

    static String usage() {
        return """
                usage: java -jar carrier-simulator.jar [options]
                  --carriers CHT:2775,TWM:2776,FET:2777   carrier codes and SMPP ports (0 = any free port)
                  --bind-host 127.0.0.1                   interface to listen on
                  --system-id sms111 --password sim-pass  the only credentials accepted
                  --receipt-delay-ms 300                  delay before each delivery receipt
                  --admin-port 2780                       HTTP admin API (0 = none)
                  --log FILE                              JSON-lines log of messages and receipts
                  --max-stored-messages 100000            reassembled messages kept in memory
                faults (all carriers; change per carrier at runtime with POST /faults):
                  --throttle 0.3 --fail-rate 0.1 --fail-status 11 --withhold-receipts
                  --receipt-before-response --drop-after-submits 50
                admin: GET /status, GET /messages?destination=&carrier=, POST /reset,
                       POST /faults?carrier=CHT&throttle=0.3&... , POST /faults?clear=true
                """;
    }
}
