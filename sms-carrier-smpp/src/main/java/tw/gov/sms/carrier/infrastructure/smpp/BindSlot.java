package tw.gov.sms.carrier.infrastructure.smpp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jsmpp.PDUStringException;
import org.jsmpp.bean.AlertNotification;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.extra.SessionState;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.Session;
import org.jsmpp.session.connection.Connection;
import org.jsmpp.session.connection.ConnectionFactory;
import org.jsmpp.session.connection.socket.SocketConnection;
import org.jsmpp.util.MessageId;

/**
 * One bind_transceiver session of a carrier link and its life: connect, bind, notice loss,
 * reconnect with back-off, rotate to the next endpoint after a failed attempt. All timing (reconnects,
 * submit response timeouts) runs on the scheduler given to the link; the session's socket reading runs on
 * jSMPP's own threads.
 */
final class BindSlot {

    private static final Logger LOG = Logger.getLogger(BindSlot.class.getName());

    private final SmppLinkSettings settings;
    private final int index;
    private final ScheduledExecutorService scheduler;
    private final LinkListener listener;
    private final Runnable stateChanged;
    private final Semaphore window;
    private final AtomicLong attempts;

    // Guarded by this.
    private int endpointIndex;
    private AsyncSmppSession session;
    private boolean bound;
    private OffsetDateTime since = OffsetDateTime.now();
    private String lastError;
    private int failures;
    private ScheduledFuture<?> pending;
    private boolean closed;

    BindSlot(
            SmppLinkSettings settings,
            int index,
            ScheduledExecutorService scheduler,
            LinkListener listener,
            Runnable stateChanged,
            AtomicLong attempts) {
        this.settings = settings;
        this.index = index;
        this.scheduler = scheduler;
        this.listener = listener;
        this.stateChanged = stateChanged;
        this.attempts = attempts;
        this.window = new Semaphore(settings.windowSize(), true);
        // Spread binds across endpoints so losing one SMSC node leaves the others bound (R8.1).
        this.endpointIndex = index % settings.endpoints().size();
    }

    synchronized BindStatus status() {
        return new BindStatus(settings.endpoints().get(endpointIndex), index, bound, since, lastError);
    }

    synchronized boolean isBound() {
        return bound;
    }

    synchronized void start() {
        schedule(Duration.ZERO);
    }

    /** The session to submit on, if bound. */
    synchronized Optional<AsyncSmppSession> boundSession() {
        return bound ? Optional.of(session) : Optional.empty();
    }

    /**
     * One permit per submit_sm awaiting its response on this bind: taken before the PDU is written,
     * given back when its response, timeout or failure arrives.
     */
    Semaphore window() {
        return window;
    }

    private void schedule(Duration delay) {
        if (closed) {
            return;
        }
        pending = scheduler.schedule(this::connect, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void connect() {
        SmppEndpoint endpoint;
        synchronized (this) {
            if (closed || bound) {
                return;
            }
            endpoint = settings.endpoints().get(endpointIndex);
        }
        attempts.incrementAndGet();
        AsyncSmppSession candidate =
                new AsyncSmppSession(new TimeoutConnectionFactory(settings.responseTimeout()), scheduler);
        // The bind's response timeout and, in AsyncSmppSession, every submit_sm's.
        candidate.setTransactionTimer(settings.responseTimeout().toMillis());
        // jSMPP sends enquire_link itself after this much silence on the socket.
        candidate.setEnquireLinkTimer(
                (int) Math.min(Integer.MAX_VALUE, settings.enquireLinkInterval().toMillis()));
        candidate.setMessageReceiverListener(new Receiver());
        candidate.addSessionStateListener((newState, oldState, source) -> {
            if (newState == SessionState.CLOSED) {
                onClosed(candidate);
            }
        });
        try {
            candidate.connectAndBind(
                    endpoint.host(),
                    endpoint.port(),
                    new BindParameter(
                            BindType.BIND_TRX,
                            settings.systemId(),
                            settings.password(),
                            settings.systemType(),
                            TypeOfNumber.UNKNOWN,
                            NumberingPlanIndicator.UNKNOWN,
                            null),
                    settings.responseTimeout().toMillis());
        } catch (IOException | RuntimeException e) {
            candidate.close();
            onBindFailed(endpoint, reason(e));
            return;
        }
        boolean keep;
        synchronized (this) {
            keep = !closed;
            if (keep) {
                session = candidate;
                bound = true;
                since = OffsetDateTime.now();
                lastError = null;
                failures = 0;
            }
        }
        if (!keep) {
            candidate.unbindAndClose();
            return;
        }
        LOG.info(() -> settings.carrierCode() + " bind " + index + " bound to " + endpoint);
        stateChanged.run();
        if (!candidate.getSessionState().isBound()) {
            onClosed(candidate); // lost between the bind response and now
        }
    }

    private void onBindFailed(SmppEndpoint endpoint, String reason) {
        Duration delay;
        synchronized (this) {
            if (closed) {
                return;
            }
            failures++;
            lastError = reason;
            // Fail over: the next attempt goes to the next endpoint.
            endpointIndex = (endpointIndex + 1) % settings.endpoints().size();
            delay = backoff(failures);
            schedule(delay);
        }
        LOG.warning(() -> settings.carrierCode() + " bind " + index + " to " + endpoint + " failed: " + reason
                + "; retrying in " + delay.toMillis() + " ms");
    }

    private void onClosed(AsyncSmppSession closedSession) {
        synchronized (this) {
            if (closed || closedSession != session || !bound) {
                return;
            }
            bound = false;
            since = OffsetDateTime.now();
            lastError = "connection lost";
            // Straight back to the same endpoint first; a failure there moves on to the next one.
            schedule(settings.reconnectMin());
        }
        LOG.warning(() -> settings.carrierCode() + " bind " + index + " lost; reconnecting");
        stateChanged.run();
    }

    /** reconnectMin doubled per consecutive failure, capped at reconnectMax. */
    Duration backoff(int consecutiveFailures) {
        Duration delay = settings.reconnectMin();
        for (int i = 1; i < consecutiveFailures && delay.compareTo(settings.reconnectMax()) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(settings.reconnectMax()) > 0 ? settings.reconnectMax() : delay;
    }

    void close() {
        AsyncSmppSession toClose;
        synchronized (this) {
            closed = true;
            if (pending != null) {
                pending.cancel(false);
            }
            toClose = session;
            session = null;
            bound = false;
        }
        if (toClose != null) {
            toClose.unbindAndClose();
        }
    }

    private static String reason(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof NegativeResponseException negative) {
                return "bind refused: " + CommandStatus.describe(negative.getCommandStatus());
            }
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** Inbound traffic: receipts go to the listener; anything else is acknowledged and dropped (R1.4). */
    private final class Receiver implements MessageReceiverListener {

        @Override
        public void onAcceptDeliverSm(DeliverSm deliverSm) throws ProcessRequestException {
            if (!DeliveryReceiptParser.isReceipt(deliverSm.getEsmClass())) {
                LOG.info(() -> settings.carrierCode() + ": dropped inbound deliver_sm from " + deliverSm.getSourceAddr()
                        + " (esm_class 0x" + Integer.toHexString(deliverSm.getEsmClass() & 0xFF)
                        + "): not a receipt, the platform is one-way");
                return;
            }
            Optional<ReceiptEvent> receipt = DeliveryReceiptParser.parse(settings.carrierCode(), deliverSm);
            if (receipt.isEmpty()) {
                // Acknowledged anyway: asking for it again would only bring back the same bytes.
                LOG.warning(() -> settings.carrierCode() + ": unreadable receipt dropped: "
                        + new String(
                                deliverSm.getShortMessage() == null ? new byte[0] : deliverSm.getShortMessage(),
                                StandardCharsets.ISO_8859_1));
                return;
            }
            try {
                listener.onReceipt(receipt.get());
            } catch (Exception e) {
                LOG.log(
                        Level.WARNING,
                        settings.carrierCode() + ": receipt " + receipt.get().carrierMessageId()
                                + " not recorded, asking the SMSC to resend",
                        e);
                throw new ProcessRequestException("receipt not recorded: " + e, CommandStatus.ESME_RX_T_APPN);
            }
        }

        @Override
        public void onAcceptAlertNotification(AlertNotification alertNotification) {
            LOG.info(() -> settings.carrierCode() + ": dropped alert_notification (not used)");
        }

        @Override
        public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
            LOG.info(() -> settings.carrierCode() + ": dropped inbound data_sm from " + dataSm.getSourceAddr()
                    + ": the platform is one-way");
            try {
                return new DataSmResult(new MessageId("0"), new OptionalParameter[0]);
            } catch (PDUStringException e) {
                throw new ProcessRequestException("cannot answer data_sm", CommandStatus.ESME_RSYSERR);
            }
        }
    }

    /** jSMPP's default factory has no connect timeout; a dead SMSC host must not hang the scheduler. */
    private record TimeoutConnectionFactory(Duration timeout) implements ConnectionFactory {
        @Override
        public Connection createConnection(String host, int port) throws IOException {
            Socket socket = new Socket();
            try {
                socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
                return new SocketConnection(socket);
            } catch (IOException e) {
                socket.close();
                throw e;
            }
        }
    }
}
