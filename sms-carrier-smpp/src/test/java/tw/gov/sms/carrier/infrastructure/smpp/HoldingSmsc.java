package tw.gov.sms.carrier.infrastructure.smpp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jsmpp.PDUStringException;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.BroadcastSm;
import org.jsmpp.bean.CancelBroadcastSm;
import org.jsmpp.bean.CancelSm;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.QueryBroadcastSm;
import org.jsmpp.bean.QuerySm;
import org.jsmpp.bean.ReplaceSm;
import org.jsmpp.bean.SubmitMulti;
import org.jsmpp.bean.SubmitSm;
import org.jsmpp.extra.ProcessRequestException;
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

/**
 * An SMSC that answers a submit_sm only when the test says so. The carrier simulator answers by itself
 * and is the oracle for what arrives; this one shows what is in flight: while it holds, every submit_sm
 * waits on the SMSC side until the test accepts or rejects it, so the test can count on the wire the
 * submits that have no response yet, and answer them in any order, or never. Accepts any bind.
 */
final class HoldingSmsc implements ServerMessageReceiverListener, AutoCloseable {

    /** A submit_sm the SMSC has received and not answered yet. */
    static final class Held {

        private final SubmitSm submit;
        private final CompletableFuture<Integer> status = new CompletableFuture<>();
        private volatile String messageId;

        private Held(SubmitSm submit) {
            this.submit = submit;
        }

        int sequenceNumber() {
            return submit.getSequenceNumber();
        }

        /** The segment number from an 8-bit concatenation UDH (05 00 03 ref total seq). */
        int udhSegment() {
            return submit.getShortMessage()[5] & 0xFF;
        }

        void accept(String id) {
            messageId = id;
            status.complete(SMPPConstant.STAT_ESME_ROK);
        }

        void reject(int commandStatus) {
            status.complete(commandStatus);
        }
    }

    private final ServerSocket socket;
    private final SMPPServerSessionListener listener;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<SMPPServerSession> sessions = new CopyOnWriteArrayList<>();
    private final BlockingQueue<Held> held = new LinkedBlockingQueue<>();
    private final List<Held> unanswered = new CopyOnWriteArrayList<>();
    private final AtomicInteger received = new AtomicInteger();
    private final AtomicLong nextId = new AtomicLong(1);
    private volatile boolean holding;
    private volatile boolean running = true;

    private HoldingSmsc() throws IOException {
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        listener = new SMPPServerSessionListener(socket.getLocalPort(), new GivenSocket(socket));
        // Enough processor threads that every held submit_sm of a test can wait at once.
        listener.setPduProcessorDegree(32);
        listener.setMessageReceiverListener(this);
        threads.execute(this::acceptLoop);
    }

    static HoldingSmsc start() throws IOException {
        return new HoldingSmsc();
    }

    SmppEndpoint endpoint() {
        return new SmppEndpoint("127.0.0.1", socket.getLocalPort());
    }

    /** From now on every submit_sm waits for the test to answer it. */
    void hold() {
        holding = true;
    }

    /** From now on new submit_sm are accepted at once (those already held still wait). */
    void answerAtOnce() {
        holding = false;
    }

    /** submit_sm received so far, answered or not. */
    int received() {
        return received.get();
    }

    /** submit_sm received and still without a response: what the client has in flight. */
    int unanswered() {
        return unanswered.size();
    }

    /** The next held submit_sm, in the order the SMSC's threads took them up (not always the wire order). */
    Held next(Duration timeout) throws InterruptedException {
        Held next = held.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (next == null) {
            throw new AssertionError("no submit_sm within " + timeout);
        }
        return next;
    }

    List<Held> next(int count, Duration timeout) throws InterruptedException {
        List<Held> result = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            result.add(next(timeout));
        }
        return result;
    }

    /** Closes every connection abruptly (no unbind), as a carrier outage would. */
    void dropConnections() {
        sessions.forEach(SMPPServerSession::close);
        sessions.clear();
        releaseUnanswered(); // their responses now have nowhere to go
    }

    @Override
    public SubmitSmResult onAcceptSubmitSm(SubmitSm submitSm, SMPPServerSession source) throws ProcessRequestException {
        received.incrementAndGet();
        String id = "ID" + nextId.getAndIncrement();
        if (holding) {
            Held waiting = new Held(submitSm);
            unanswered.add(waiting);
            held.add(waiting);
            int status;
            try {
                status = waiting.status.get(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                status = SMPPConstant.STAT_ESME_RSYSERR;
            } finally {
                unanswered.remove(waiting);
            }
            if (status != SMPPConstant.STAT_ESME_ROK) {
                throw new ProcessRequestException("rejected by the test", status);
            }
            id = waiting.messageId;
        }
        try {
            return new SubmitSmResult(new MessageId(id), new OptionalParameter[0]);
        } catch (PDUStringException e) {
            throw new ProcessRequestException("bad message id", SMPPConstant.STAT_ESME_RSYSERR);
        }
    }

    private void acceptLoop() {
        while (running) {
            try {
                SMPPServerSession session = listener.accept();
                threads.execute(() -> awaitBind(session));
            } catch (IOException e) {
                // closed
            }
        }
    }

    private void awaitBind(SMPPServerSession session) {
        try {
            BindRequest request = session.waitForBind(5_000);
            sessions.add(session);
            request.accept("HOLDING");
        } catch (Exception e) {
            session.close();
        }
    }

    private void releaseUnanswered() {
        unanswered.forEach(h -> h.reject(SMPPConstant.STAT_ESME_RSYSERR));
    }

    @Override
    public void close() {
        running = false;
        try {
            listener.close();
        } catch (IOException e) {
            // closing anyway
        }
        sessions.forEach(SMPPServerSession::close);
        releaseUnanswered();
        threads.shutdownNow();
    }

    @Override
    public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
        throw unsupported();
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
        return new ProcessRequestException("not supported", SMPPConstant.STAT_ESME_RINVCMDID);
    }

    /** jSMPP's own factory opens its own socket; this hands it one already bound to a free loopback port. */
    private record GivenSocket(ServerSocket socket) implements ServerConnectionFactory {
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
