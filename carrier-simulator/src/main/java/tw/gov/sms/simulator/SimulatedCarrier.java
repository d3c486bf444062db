package tw.gov.sms.simulator;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jsmpp.PDUStringException;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.BroadcastSm;
import org.jsmpp.bean.CancelBroadcastSm;
import org.jsmpp.bean.CancelSm;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.GeneralDataCoding;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.QueryBroadcastSm;
import org.jsmpp.bean.QuerySm;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.ReplaceSm;
import org.jsmpp.bean.SubmitMulti;
import org.jsmpp.bean.SubmitSm;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.extra.SessionState;
import org.jsmpp.session.BindRequest;
import org.jsmpp.session.BroadcastSmResult;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.QueryBroadcastSmResult;
import org.jsmpp.session.QuerySmResult;
import org.jsmpp.session.SMPPServerSession;
import org.jsmpp.session.SMPPServerSessionListener;
import org.jsmpp.session.ServerMessageReceiverListener;
import org.jsmpp.session.Session;
import org.jsmpp.session.SubmitMultiResult;
import org.jsmpp.session.SubmitSmResult;
import org.jsmpp.session.connection.ServerConnection;
import org.jsmpp.session.connection.ServerConnectionFactory;
import org.jsmpp.session.connection.socket.ServerSocketConnection;
import org.jsmpp.util.MessageId;

/** One simulated SMSC (CHT, TWM or FET) on its own port. */
final class SimulatedCarrier implements ServerMessageReceiverListener, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SimulatedCarrier.class.getName());
    private static final int TAG_RECEIPTED_MESSAGE_ID = 0x001E;
    private static final int TAG_MESSAGE_STATE = 0x0427;
    private static final byte MESSAGE_STATE_DELIVERED = 2;
    /** Like a real SMSC, keep a receipt for a while (about two minutes) until a receiver binds again. */
    private static final int MAX_RECEIPT_ATTEMPTS = 30;

    private static final DateTimeFormatter RECEIPT_DATE =
            DateTimeFormatter.ofPattern("yyMMddHHmm").withZone(ZoneId.of("Asia/Taipei"));

    private final String code;
    private final SimulatorConfig config;
    private final SegmentAssembler assembler;
    private final Consumer<ReceivedMessage> messageSink;
    private final Consumer<Map<String, Object>> receiptLog;
    private final ScheduledExecutorService timer;
    private final ExecutorService workers;
    private final SMPPServerSessionListener listener;
    private final int port;
    private final Set<SMPPServerSession> sessions = ConcurrentHashMap.newKeySet();
    private final AtomicReference<Faults> faults;
    private final AtomicInteger dropCountdown = new AtomicInteger();
    private final AtomicLong nextId;
    private final AtomicLong submits = new AtomicLong();
    private final AtomicLong receiptsSent = new AtomicLong();
    private final AtomicLong receiptsFailed = new AtomicLong();
    private final AtomicLong throttled = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private volatile boolean running = true;

    SimulatedCarrier(
            SimulatorConfig.CarrierPort carrier,
            SimulatorConfig config,
            SegmentAssembler assembler,
            Consumer<ReceivedMessage> messageSink,
            Consumer<Map<String, Object>> receiptLog,
            ScheduledExecutorService timer,
            ExecutorService workers)
            throws IOException {
        this.code = carrier.code();
        this.config = config;
        this.assembler = assembler;
        this.messageSink = messageSink;
        this.receiptLog = receiptLog;
        this.timer = timer;
        this.workers = workers;
        this.faults = new AtomicReference<>(Faults.NONE);
        setFaults(config.faults());
        // Seeded from the clock so ids stay unique across simulator restarts, like a real SMSC's.
        this.nextId = new AtomicLong(System.currentTimeMillis() * 1000);
        ServerSocket socket = new ServerSocket(carrier.port(), 50, InetAddress.getByName(config.bindHost()));
        this.port = socket.getLocalPort();
        this.listener = new SMPPServerSessionListener(port, new BoundSocketFactory(socket));
        // Enough processors that a receipt sent before the response (which waits for the
        // deliver_sm_resp on a processor thread) cannot starve the session.
        listener.setPduProcessorDegree(16);
        listener.setQueueCapacity(1000);
        listener.setMessageReceiverListener(this);
        listener.setSessionStateListener(this::onStateChange);
        workers.execute(this::acceptLoop);
    }

    String code() {
        return code;
    }

    int port() {
        return port;
    }

    void setFaults(Faults value) {
        faults.set(value);
        dropCountdown.set(Math.max(0, value.dropAfterSubmits()));
    }

    Faults faults() {
        return faults.get();
    }

    CarrierStats stats() {
        int bound = (int)
                sessions.stream().filter(s -> s.getSessionState().isBound()).count();
        return new CarrierStats(
                code,
                port,
                bound,
                submits.get(),
                receiptsSent.get(),
                receiptsFailed.get(),
                throttled.get(),
                rejected.get(),
                faults.get());
    }

    void resetCounters() {
        submits.set(0);
        receiptsSent.set(0);
        receiptsFailed.set(0);
        throttled.set(0);
        rejected.set(0);
    }

    /** Closes every connection abruptly (no unbind), as a carrier outage would. */
    void dropConnections() {
        sessions.forEach(SMPPServerSession::close);
    }

    private void acceptLoop() {
        Thread.currentThread().setName("sim-" + code + "-accept");
        while (running) {
            try {
                SMPPServerSession session = listener.accept();
                workers.execute(() -> awaitBind(session));
            } catch (IOException e) {
                if (running) {
                    LOG.log(Level.WARNING, code + ": accept failed", e);
                }
            }
        }
    }

    private void awaitBind(SMPPServerSession session) {
        try {
            BindRequest request = session.waitForBind(5_000);
            if (!config.systemId().equals(request.getSystemId())) {
                LOG.info(() -> code + ": bind rejected, unknown system_id " + request.getSystemId());
                request.reject(SMPPConstant.STAT_ESME_RINVSYSID);
            } else if (!config.password().equals(request.getPassword())) {
                LOG.info(() -> code + ": bind rejected, wrong password for " + request.getSystemId());
                request.reject(SMPPConstant.STAT_ESME_RINVPASWD);
            } else {
                sessions.add(session);
                request.accept(code);
                LOG.info(() -> code + ": " + request.getBindType() + " bound for " + request.getSystemId());
            }
        } catch (Exception e) {
            LOG.log(Level.FINE, code + ": no bind", e);
            session.close();
        }
    }

    private void onStateChange(SessionState newState, SessionState oldState, Session source) {
        if (newState == SessionState.CLOSED && source instanceof SMPPServerSession server) {
            sessions.remove(server);
        }
    }

    @Override
    public SubmitSmResult onAcceptSubmitSm(SubmitSm submitSm, SMPPServerSession source) throws ProcessRequestException {
        Faults f = faults.get();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        if (f.throttle() > 0 && random.nextDouble() < f.throttle()) {
            throttled.incrementAndGet();
            throw new ProcessRequestException("throttled (injected)", SMPPConstant.STAT_ESME_RTHROTTLED);
        }
        if (f.failRate() > 0 && random.nextDouble() < f.failRate()) {
            rejected.incrementAndGet();
            throw new ProcessRequestException("failure (injected)", f.failStatus());
        }
        String messageId = Long.toHexString(nextId.getAndIncrement()).toUpperCase();
        submits.incrementAndGet();
        SegmentAssembler.Segment segment = new SegmentAssembler.Segment(
                code,
                submitSm.getSourceAddr(),
                submitSm.getDestAddress(),
                submitSm.getDataCoding() & 0xFF,
                submitSm.getEsmClass() & 0xFF,
                submitSm.getShortMessage(),
                tlvs(submitSm.getOptionalParameters()),
                messageId);
        SegmentAssembler.Result result = assembler.accept(segment);
        result.completed().ifPresent(messageSink);

        Receipt receipt = new Receipt(
                messageId, submitSm.getSourceAddr(), submitSm.getDestAddress(), result.segmentText(), Instant.now());
        if (!f.withholdReceipts()) {
            if (f.receiptBeforeResponse()) {
                deliver(receipt, source, 1);
            } else {
                long delay = f.receiptDelayMs() >= 0
                        ? f.receiptDelayMs()
                        : config.receiptDelay().toMillis();
                timer.schedule(() -> deliver(receipt, source, 1), delay, TimeUnit.MILLISECONDS);
            }
        }
        if (f.lateResponseMs() > 0) {
            try {
                Thread.sleep(f.lateResponseMs()); // the message is taken; only its response is late
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (dropCountdown.getAndUpdate(n -> n > 0 ? n - 1 : 0) == 1) {
            faults.updateAndGet(current -> current.withDropAfterSubmits(0));
            // After the submit_sm_resp has gone out: the client saw its submit accepted.
            timer.schedule(source::close, 100, TimeUnit.MILLISECONDS);
            LOG.info(() -> code + ": dropping connection (injected)");
        }
        try {
            return new SubmitSmResult(new MessageId(messageId), new OptionalParameter[0]);
        } catch (PDUStringException e) {
            throw new ProcessRequestException("bad message id", SMPPConstant.STAT_ESME_RSYSERR);
        }
    }

    private record Receipt(String messageId, String sourceAddr, String destination, String text, Instant submitted) {

        String shortMessage(Instant done) {
            return "id:" + messageId + " sub:001 dlvrd:001 submit date:" + RECEIPT_DATE.format(submitted)
                    + " done date:" + RECEIPT_DATE.format(done) + " stat:DELIVRD err:000 text:" + first20(text);
        }

        /** Receipt text travels as data_coding 0; keep it printable ASCII so any parser copes. */
        private static String first20(String text) {
            StringBuilder out = new StringBuilder();
            text.codePoints().limit(20).forEach(cp -> out.append(cp >= 0x20 && cp < 0x7F ? (char) cp : '?'));
            return out.toString();
        }
    }

    private void deliver(Receipt receipt, SMPPServerSession origin, int attempt) {
        SMPPServerSession target = receivable(origin) ? origin : anyReceivable();
        if (target == null) {
            retryOrGiveUp(receipt, origin, attempt, "no receiver-capable session bound");
            return;
        }
        Instant done = Instant.now();
        String text = receipt.shortMessage(done);
        try {
            target.deliverShortMessage(
                    "",
                    TypeOfNumber.INTERNATIONAL,
                    NumberingPlanIndicator.ISDN,
                    receipt.destination(),
                    TypeOfNumber.UNKNOWN,
                    NumberingPlanIndicator.UNKNOWN,
                    receipt.sourceAddr(),
                    new ESMClass(0x04),
                    (byte) 0,
                    (byte) 0,
                    new RegisteredDelivery(0),
                    new GeneralDataCoding(),
                    text.getBytes(StandardCharsets.ISO_8859_1),
                    new OptionalParameter.COctetString((short) TAG_RECEIPTED_MESSAGE_ID, receipt.messageId()),
                    new OptionalParameter.Byte((short) TAG_MESSAGE_STATE, MESSAGE_STATE_DELIVERED));
            receiptsSent.incrementAndGet();
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("type", "receipt");
            json.put("carrier", code);
            json.put("messageId", receipt.messageId());
            json.put("destination", receipt.destination());
            json.put("stat", "DELIVRD");
            json.put("text", text);
            json.put("sentAt", done.toString());
            receiptLog.accept(json);
        } catch (NegativeResponseException e) {
            // The ESME asked for a retry (e.g. ESME_RX_T_APPN): do what an SMSC does and re-send.
            retryOrGiveUp(
                    receipt, origin, attempt, "deliver_sm_resp status 0x" + Integer.toHexString(e.getCommandStatus()));
        } catch (Exception e) {
            retryOrGiveUp(receipt, origin, attempt, e.toString());
        }
    }

    private void retryOrGiveUp(Receipt receipt, SMPPServerSession origin, int attempt, String reason) {
        if (attempt >= MAX_RECEIPT_ATTEMPTS || !running) {
            receiptsFailed.incrementAndGet();
            LOG.warning(() -> code + ": receipt for " + receipt.messageId() + " not delivered: " + reason);
            return;
        }
        long delay = Math.min(5_000, Math.max(500, config.receiptDelay().toMillis()) * attempt);
        timer.schedule(() -> deliver(receipt, origin, attempt + 1), delay, TimeUnit.MILLISECONDS);
    }

    private static boolean receivable(SMPPServerSession session) {
        SessionState state = session.getSessionState();
        return state.isBound() && state.isReceivable();
    }

    private SMPPServerSession anyReceivable() {
        return sessions.stream()
                .filter(SimulatedCarrier::receivable)
                .findFirst()
                .orElse(null);
    }

    static Map<Integer, byte[]> tlvs(OptionalParameter[] parameters) {
        Map<Integer, byte[]> result = new HashMap<>();
        if (parameters != null) {
            for (OptionalParameter p : parameters) {
                byte[] raw = p.serialize(); // tag(2) length(2) value
                byte[] value = new byte[raw.length - 4];
                System.arraycopy(raw, 4, value, 0, value.length);
                result.put(p.tag & 0xFFFF, value);
            }
        }
        return result;
    }

    @Override
    public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
        // Answered so a client that probes with data_sm is not left hanging; not reassembled.
        try {
            submits.incrementAndGet();
            return new DataSmResult(
                    new MessageId(Long.toHexString(nextId.getAndIncrement()).toUpperCase()), new OptionalParameter[0]);
        } catch (PDUStringException e) {
            throw new ProcessRequestException("bad message id", SMPPConstant.STAT_ESME_RSYSERR);
        }
    }

    @Override
    public SubmitMultiResult onAcceptSubmitMulti(SubmitMulti submitMulti, SMPPServerSession source)
            throws ProcessRequestException {
        throw unsupported();
    }

    @Override
    public QuerySmResult onAcceptQuerySm(QuerySm querySm, SMPPServerSession source) throws ProcessRequestException {
        throw unsupported();
    }

    @Override
    public void onAcceptReplaceSm(ReplaceSm replaceSm, SMPPServerSession source) throws ProcessRequestException {
        throw unsupported();
    }

    @Override
    public void onAcceptCancelSm(CancelSm cancelSm, SMPPServerSession source) throws ProcessRequestException {
        throw unsupported();
    }

    @Override
    public BroadcastSmResult onAcceptBroadcastSm(BroadcastSm broadcastSm, SMPPServerSession source)
            throws ProcessRequestException {
        throw unsupported();
    }

    @Override
    public void onAcceptCancelBroadcastSm(CancelBroadcastSm cancelBroadcastSm, SMPPServerSession source)
            throws ProcessRequestException {
        throw unsupported();
    }

    @Override
    public QueryBroadcastSmResult onAcceptQueryBroadcastSm(QueryBroadcastSm queryBroadcastSm, SMPPServerSession source)
            throws ProcessRequestException {
        throw unsupported();
    }

    private static ProcessRequestException unsupported() {
        return new ProcessRequestException("not supported by the simulator", SMPPConstant.STAT_ESME_RINVCMDID);
    }

    @Override
    public void close() {
        running = false;
        try {
            listener.close();
        } catch (IOException e) {
            LOG.log(Level.FINE, "closing listener", e);
        }
        for (SMPPServerSession session : sessions) {
            if (session.getSessionState().isBound()) {
                session.unbindAndClose();
            } else {
                session.close();
            }
        }
        sessions.clear();
    }

    /** jSMPP's own factory cannot bind to one interface; this hands it a socket we opened. */
    private record BoundSocketFactory(ServerSocket socket) implements ServerConnectionFactory {
        @Override
        public ServerConnection listen(int port) {
            return new ServerSocketConnection(socket);
        }

        @Override
        public ServerConnection listen(int port, int timeout) throws IOException {
            socket.setSoTimeout(timeout);
            return new ServerSocketConnection(socket);
        }

        @Override
        public ServerConnection listen(int port, int timeout, int backlog) throws IOException {
            return listen(port, timeout);
        }
    }
}
