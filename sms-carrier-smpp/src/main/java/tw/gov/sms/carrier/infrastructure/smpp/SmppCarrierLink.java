package tw.gov.sms.carrier.infrastructure.smpp;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jsmpp.PDUException;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.RawDataCoding;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.SubmitSmResp;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.ResponseTimeoutException;

/**
 * The SMPP link to one carrier: several bind_transceiver sessions spread over the carrier's
 * endpoints, kept up with back-off and failover, and a windowed, asynchronous, thread-safe
 * {@link #submitAsync}.
 *
 * <p>Throughput comes from the window, not from threads: a submit writes its submit_sm and returns, so
 * one caller keeps up to {@code binds × window} of them in flight; the answers complete futures. The
 * caller waits only for a free window permit (and the rate limit), which is what keeps a fast caller
 * from outrunning the carrier.
 *
 * <p>Plain Java on purpose: the application layer owns it (creates it at start-up with a managed
 * scheduled executor, closes it at shutdown) and this class never starts threads of its own: response
 * timeouts run on that executor, answers arrive on jSMPP's reader threads.
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
     * Submits one message and returns as soon as every segment is written, without waiting for the
     * carrier's answers. Before each submit_sm the caller waits for the link's rate and for a permit of
     * the bind's window (up to the response timeout): that wait is the back-pressure, so however many
     * messages a caller submits, at most {@code binds × window} submit_sm are in flight, and one caller
     * thread is enough to keep them all busy. All segments go on the same bind (some SMSCs reassemble
     * per bind), written in order and back to back, each without waiting for the previous answer.
     *
     * <p>The future completes once every segment is answered, on jSMPP's reader threads or the
     * scheduler's: what depends on it must be short and must not block. It completes at the latest one
     * response timeout after the last segment was written; a lost bind fails it at once.
     *
     * @return the carrier's ids in segment order; or a failure with an {@link SmppSubmitException} whose
     *     kind decides the retry and whose accepted ids are the segments taken before the first one
     *     that failed
     */
    public CompletableFuture<SubmitOutcome> submitAsync(OutboundSms sms) {
        List<SubmitPdus.Pdu> pdus;
        try {
            pdus = SubmitPdus.build(sms, settings.concatenation());
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(new SmppSubmitException(
                    SmppSubmitException.Kind.PERMANENT, SmppSubmitException.NO_STATUS, e.getMessage(), List.of(), e));
        }
        Optional<BindSlot> slot = nextBound();
        if (slot.isEmpty()) {
            return CompletableFuture.failedFuture(failure(SmppSubmitException.Kind.NOT_BOUND, "no bind is up", null));
        }
        List<CompletableFuture<String>> segments = new ArrayList<>(pdus.size());
        for (SubmitPdus.Pdu pdu : pdus) {
            if (segments.stream().anyMatch(CompletableFuture::isCompletedExceptionally)) {
                break; // the message will be sent again whole: more segments now would only be orphans
            }
            segments.add(submitOne(slot.get(), sms, pdu));
        }
        return whenAllAnswered(segments, sms.segments().size());
    }

    /**
     * {@link #submitAsync} for a caller that waits: returns when every segment is answered.
     *
     * @throws SmppSubmitException with the segments accepted before the first failed one
     */
    public SubmitOutcome submit(OutboundSms sms) throws SmppSubmitException {
        try {
            return submitAsync(sms).join();
        } catch (CompletionException e) {
            throw translate(e);
        }
    }

    private Optional<BindSlot> nextBound() {
        int start = Math.floorMod(roundRobin.getAndIncrement(), slots.size());
        for (int i = 0; i < slots.size(); i++) {
            BindSlot slot = slots.get((start + i) % slots.size());
            if (slot.isBound()) {
                return Optional.of(slot);
            }
        }
        return Optional.empty();
    }

    /** Waits for the rate and a window permit, writes one submit_sm; the permit returns with its answer. */
    private CompletableFuture<String> submitOne(BindSlot slot, OutboundSms sms, SubmitPdus.Pdu pdu) {
        try {
            rateLimiter.acquire();
            if (!slot.window().tryAcquire(settings.responseTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                return CompletableFuture.failedFuture(failure(
                        SmppSubmitException.Kind.TIMEOUT, "window full for " + settings.responseTimeout(), null));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CompletableFuture.failedFuture(failure(SmppSubmitException.Kind.TRANSIENT, "interrupted", e));
        }
        CompletableFuture<SubmitSmResp> response;
        try {
            response = write(slot, sms, pdu);
        } catch (PDUException | IOException | IllegalStateException e) {
            response = CompletableFuture.failedFuture(e);
        }
        return response.handle((resp, error) -> {
            slot.window().release();
            if (error != null) {
                throw new CompletionException(translate(error));
            }
            submitted.incrementAndGet();
            return resp.getMessageId();
        });
    }

    private CompletableFuture<SubmitSmResp> write(BindSlot slot, OutboundSms sms, SubmitPdus.Pdu pdu)
            throws PDUException, IOException {
        Optional<AsyncSmppSession> session = slot.boundSession();
        if (session.isEmpty()) {
            return CompletableFuture.failedFuture(
                    failure(SmppSubmitException.Kind.NOT_BOUND, "bind lost during the submit", null));
        }
        return session.get()
                .submitShortMessageAsync(
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
                        pdu.tlvs());
    }

    /**
     * The message's outcome once every written segment is answered: the ids in segment order, or the
     * first failed segment's failure carrying the ids of the segments before it.
     */
    private static CompletableFuture<SubmitOutcome> whenAllAnswered(
            List<CompletableFuture<String>> segments, int segmentCount) {
        return CompletableFuture.allOf(segments.toArray(CompletableFuture[]::new))
                .handle((ignored, anyFailure) -> {
                    List<String> ids = new ArrayList<>(segments.size());
                    for (CompletableFuture<String> segment : segments) {
                        try {
                            ids.add(segment.join());
                        } catch (CompletionException e) {
                            // submitOne fails only with an SmppSubmitException.
                            throw new CompletionException(((SmppSubmitException) e.getCause()).withAcceptedIds(ids));
                        }
                    }
                    // PAYLOAD: one submit_sm carries every segment, so its id stands for each of them.
                    return new SubmitOutcome(
                            ids.size() < segmentCount ? Collections.nCopies(segmentCount, ids.get(0)) : ids);
                });
    }

    /** How a submit_sm ended badly, in jSMPP's terms, as the kinds the caller's retry policy knows. */
    private SmppSubmitException translate(Throwable error) {
        Throwable e = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (e instanceof SmppSubmitException known) {
            return known;
        }
        if (e instanceof NegativeResponseException negative) {
            return SmppSubmitException.rejected(negative.getCommandStatus(), List.of(), negative);
        }
        if (e instanceof ResponseTimeoutException) {
            return failure(
                    SmppSubmitException.Kind.TIMEOUT, "no submit_sm_resp within " + settings.responseTimeout(), e);
        }
        if (e instanceof PDUException) {
            // Our parameters do not fit SMPP (e.g. an address too long): sending again will not help.
            return failure(SmppSubmitException.Kind.PERMANENT, "invalid PDU: " + e.getMessage(), e);
        }
        // generic_nack, I/O, the bind closing before the answer: the SMSC may or may not have it.
        return failure(SmppSubmitException.Kind.TRANSIENT, "link error: " + e.getMessage(), e);
    }

    private SmppSubmitException failure(SmppSubmitException.Kind kind, String what, Throwable cause) {
        return new SmppSubmitException(
                kind, SmppSubmitException.NO_STATUS, settings.carrierCode() + ": " + what, List.of(), cause);
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
