package tw.gov.sms.carrier.infrastructure.smpp;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jsmpp.InvalidResponseException;
import org.jsmpp.PDUException;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.RawDataCoding;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.ResponseTimeoutException;
import org.jsmpp.session.SMPPSession;

/**
 * The SMPP link to one carrier: several bind_transceiver sessions spread over the carrier's
 * endpoints, kept up with back-off and failover, and a blocking, thread-safe {@link #submit}.
 *
 * <p>Plain Java on purpose: the application layer owns it (creates it at start-up with a managed
 * scheduled executor, closes it at shutdown) and this class never starts threads of its own.
 */
public final class SmppCarrierLink implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SmppCarrierLink.class.getName());
    /** SMSC delivery receipt on success and on failure. */
    private static final RegisteredDelivery REGISTERED_DELIVERY = new RegisteredDelivery(1);

    private final SmppLinkSettings settings;
    private final LinkListener listener;
    private final List<BindSlot> slots;
    private final RateLimiter rateLimiter;
    private final AtomicInteger roundRobin = new AtomicInteger();
    private final AtomicLong bindAttempts = new AtomicLong();
    private final AtomicLong submitted = new AtomicLong();
    private volatile boolean started;
    private volatile boolean closed;

    public SmppCarrierLink(SmppLinkSettings settings, ScheduledExecutorService scheduler, LinkListener listener) {
        this.settings = settings;
        this.listener = listener;
        this.rateLimiter = new RateLimiter(settings.maxPerSecond());
        List<BindSlot> created = new ArrayList<>();
        for (int i = 0; i < settings.binds(); i++) {
            created.add(new BindSlot(settings, i, scheduler, listener, this::notifyStateChanged, bindAttempts));
        }
        this.slots = List.copyOf(created);
    }

    /** Starts binding in the background; returns at once. Calling it again does nothing. */
    public synchronized void start() {
        if (started || closed) {
            return;
        }
        started = true;
        slots.forEach(BindSlot::start);
    }

    public SmppLinkSettings settings() {
        return settings;
    }

    public LinkStatus status() {
        return new LinkStatus(
                settings.carrierCode(), slots.stream().map(BindSlot::status).toList());
    }

    public boolean ready() {
        return slots.stream().anyMatch(BindSlot::isBound);
    }

    /** Bind attempts made so far, successful or not (for metrics and to watch the back-off). */
    public long bindAttempts() {
        return bindAttempts.get();
    }

    /** {@code submit_sm} the carrier accepted so far, every segment counted (the operations page's rate). */
    public long submitted() {
        return submitted.get();
    }

    /** {@code submit_sm} sent and still waiting for their response, over every bind (at most binds x window). */
    public int windowInUse() {
        return slots.stream()
                .mapToInt(s -> settings.windowSize() - s.window().availablePermits())
                .sum();
    }

    /**
     * Submits one message, all its segments on the same bind (some SMSCs reassemble per bind), and
     * waits for every submit_sm_resp.
     *
     * @throws SmppSubmitException with the segments accepted so far when any segment fails
     */
    public SubmitOutcome submit(OutboundSms sms) throws SmppSubmitException {
        List<SubmitPdus.Pdu> pdus;
        try {
            pdus = SubmitPdus.build(sms, settings.concatenation());
        } catch (IllegalArgumentException e) {
            throw new SmppSubmitException(
                    SmppSubmitException.Kind.PERMANENT, SmppSubmitException.NO_STATUS, e.getMessage(), List.of(), e);
        }
        BindSlot slot = nextBound();
        List<String> ids = new ArrayList<>(pdus.size());
        for (SubmitPdus.Pdu pdu : pdus) {
            ids.add(submitOne(slot, sms, pdu, ids));
        }
        if (ids.size() < sms.segments().size()) {
            // PAYLOAD: one submit_sm carries every segment, so its id stands for each of them.
            ids = Collections.nCopies(sms.segments().size(), ids.get(0));
        }
        return new SubmitOutcome(ids);
    }

    private BindSlot nextBound() throws SmppSubmitException {
        int start = Math.floorMod(roundRobin.getAndIncrement(), slots.size());
        for (int i = 0; i < slots.size(); i++) {
            BindSlot slot = slots.get((start + i) % slots.size());
            if (slot.isBound()) {
                return slot;
            }
        }
        throw new SmppSubmitException(
                SmppSubmitException.Kind.NOT_BOUND,
                SmppSubmitException.NO_STATUS,
                settings.carrierCode() + ": no bind is up",
                List.of(),
                null);
    }

    private String submitOne(BindSlot slot, OutboundSms sms, SubmitPdus.Pdu pdu, List<String> acceptedSoFar)
            throws SmppSubmitException {
        try {
            rateLimiter.acquire();
            if (!slot.window().tryAcquire(settings.responseTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                throw failure(
                        SmppSubmitException.Kind.TIMEOUT,
                        "window full for " + settings.responseTimeout(),
                        acceptedSoFar,
                        null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure(SmppSubmitException.Kind.TRANSIENT, "interrupted", acceptedSoFar, e);
        }
        try {
            Optional<SMPPSession> session = slot.boundSession();
            if (session.isEmpty()) {
                throw failure(SmppSubmitException.Kind.NOT_BOUND, "bind lost during the submit", acceptedSoFar, null);
            }
            String id = session.get()
                    .submitShortMessage(
                            "",
                            TypeOfNumber.valueOf(settings.sourceTon()),
                            NumberingPlanIndicator.valueOf(settings.sourceNpi()),
                            sms.sourceAddr(),
                            TypeOfNumber.INTERNATIONAL,
                            NumberingPlanIndicator.ISDN,
                            sms.destination(),
                            new ESMClass(pdu.esmClass()),
                            (byte) 0,
                            (byte) 0,
                            null,
                            SmppTime.relative(sms.validity()),
                            REGISTERED_DELIVERY,
                            (byte) 0,
                            new RawDataCoding(sms.encoding().dataCoding()),
                            (byte) 0,
                            pdu.shortMessage(),
                            pdu.tlvs())
                    .getMessageId();
            submitted.incrementAndGet();
            return id;
        } catch (NegativeResponseException e) {
            throw SmppSubmitException.rejected(e.getCommandStatus(), acceptedSoFar, e);
        } catch (ResponseTimeoutException e) {
            throw failure(
                    SmppSubmitException.Kind.TIMEOUT,
                    "no submit_sm_resp within " + settings.responseTimeout(),
                    acceptedSoFar,
                    e);
        } catch (PDUException e) {
            // Our parameters do not fit SMPP (e.g. an address too long): sending again will not help.
            throw failure(SmppSubmitException.Kind.PERMANENT, "invalid PDU: " + e.getMessage(), acceptedSoFar, e);
        } catch (InvalidResponseException | IOException | IllegalStateException e) {
            throw failure(SmppSubmitException.Kind.TRANSIENT, "link error: " + e.getMessage(), acceptedSoFar, e);
        } finally {
            slot.window().release();
        }
    }

    private SmppSubmitException failure(
            SmppSubmitException.Kind kind, String what, List<String> acceptedSoFar, Throwable cause) {
        return new SmppSubmitException(
                kind, SmppSubmitException.NO_STATUS, settings.carrierCode() + ": " + what, acceptedSoFar, cause);
    }

    private void notifyStateChanged() {
        try {
            listener.onLinkStateChanged(status());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, settings.carrierCode() + ": link state listener failed", e);
        }
    }

    /** Unbinds every session and cancels pending reconnects; the link cannot be restarted. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        slots.forEach(BindSlot::close);
        LOG.info(() -> settings.carrierCode() + ": link closed");
    }

    /** For tests and health checks: waits until at least one bind is up. */
    public boolean awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!ready()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }
}
