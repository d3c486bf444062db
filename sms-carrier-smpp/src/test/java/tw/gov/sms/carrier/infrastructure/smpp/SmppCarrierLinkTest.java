package tw.gov.sms.carrier.infrastructure.smpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tw.gov.sms.simulator.CarrierSimulator;
import tw.gov.sms.simulator.Faults;
import tw.gov.sms.simulator.ReceivedMessage;
import tw.gov.sms.simulator.SimulatorConfig;

/** SmppCarrierLink against the carrier simulator, in-process on loopback ports. */
class SmppCarrierLinkTest {

    private static final String DESTINATION = "886912345678";
    private static final Duration WAIT = Duration.ofSeconds(30);

    private CarrierSimulator simulator;
    private HoldingSmsc smsc;
    private ScheduledExecutorService scheduler;
    private final List<SmppCarrierLink> links = new ArrayList<>();
    private final BlockingQueue<ReceiptEvent> receipts = new LinkedBlockingQueue<>();
    private final LinkListener collecting = receipts::add;

    @BeforeEach
    void start() throws IOException {
        simulator = CarrierSimulator.start(SimulatorConfig.forTests());
        scheduler = Executors.newScheduledThreadPool(2);
    }

    @AfterEach
    void stop() {
        links.forEach(SmppCarrierLink::close);
        simulator.close();
        if (smsc != null) {
            smsc.close();
        }
        scheduler.shutdownNow();
    }

    private SmppLinkSettings settings(String carrier, SmppEndpoint... endpoints) {
        return SmppLinkSettings.defaults(carrier, List.of(endpoints), "sms111", "sim-pass")
                .withReconnect(Duration.ofMillis(100), Duration.ofMillis(400))
                .withResponseTimeout(Duration.ofSeconds(15));
    }

    private SmppEndpoint endpoint(String carrier) {
        return new SmppEndpoint("127.0.0.1", simulator.port(carrier));
    }

    private SmppCarrierLink startedLink(SmppLinkSettings settings, LinkListener listener) throws InterruptedException {
        SmppCarrierLink link = new SmppCarrierLink(settings, scheduler, listener);
        links.add(link);
        link.start();
        assertThat(link.awaitReady(WAIT)).as("link ready").isTrue();
        return link;
    }

    private static OutboundSms ucs2(int ref, String... segments) {
        return new OutboundSms(
                42,
                "111",
                DESTINATION,
                SmsEncoding.UCS2,
                java.util.Arrays.stream(segments)
                        .map(s -> s.getBytes(StandardCharsets.UTF_16BE))
                        .toList(),
                ref,
                Duration.ofHours(24));
    }

    @Test
    void bindsSubmitsAndReceivesTheReceipt() throws Exception {
        SmppCarrierLink link = startedLink(settings("CHT", endpoint("CHT")), collecting);

        SubmitOutcome outcome = link.submit(ucs2(1, "臺南市政府通知：明日停水。"));

        assertThat(outcome.carrierMessageIds()).hasSize(1);
        assertThat(simulator.awaitMessages(DESTINATION, 1, WAIT))
                .singleElement()
                .satisfies(m -> {
                    assertThat(m.text()).isEqualTo("臺南市政府通知：明日停水。");
                    assertThat(m.sourceAddr()).isEqualTo("111");
                    assertThat(m.dataCoding()).isEqualTo(8);
                });
        ReceiptEvent receipt = receipts.poll(30, TimeUnit.SECONDS);
        assertThat(receipt).isNotNull();
        assertThat(receipt.carrierCode()).isEqualTo("CHT");
        assertThat(receipt.carrierMessageId())
                .isEqualTo(outcome.carrierMessageIds().get(0));
        assertThat(receipt.stat()).isEqualTo("DELIVRD");
        assertThat(receipt.doneDate()).isNotNull();
        assertThat(link.status().binds()).hasSize(2).allMatch(BindStatus::bound);
        // What the operations page shows: one accepted submit_sm, nothing left waiting in the window.
        assertThat(link.submitted()).isEqualTo(1);
        assertThat(link.windowInUse()).isZero();
    }

    @ParameterizedTest
    @EnumSource(ConcatenationMode.class)
    void multiSegmentMessagesArriveWholeInEveryMode(ConcatenationMode mode) throws Exception {
        SmppCarrierLink link = startedLink(settings("TWM", endpoint("TWM")).withConcatenation(mode), collecting);
        String[] segments = {"一二三四五六七八九十", "颱風警報：請民眾", "注意安全 😀 完"};

        SubmitOutcome outcome = link.submit(ucs2(0x1A2B, segments));

        assertThat(outcome.carrierMessageIds()).hasSize(3);
        ReceivedMessage message = simulator.awaitMessages(DESTINATION, 1, WAIT).get(0);
        assertThat(message.text()).isEqualTo(String.join("", segments));
        assertThat(message.concatMode().name()).isEqualTo(mode.name());
        assertThat(message.segmentMessageIds())
                .containsExactlyElementsOf(
                        mode == ConcatenationMode.PAYLOAD
                                ? List.of(outcome.carrierMessageIds().get(0))
                                : outcome.carrierMessageIds());
        int expectedReceipts = mode == ConcatenationMode.PAYLOAD ? 1 : 3;
        for (int i = 0; i < expectedReceipts; i++) {
            assertThat(receipts.poll(30, TimeUnit.SECONDS)).isNotNull();
        }
    }

    @Test
    void gsmSegmentsWithExtensionCharactersArriveExactly() throws Exception {
        SmppCarrierLink link =
                startedLink(settings("FET", endpoint("FET")).withConcatenation(ConcatenationMode.UDH16), collecting);
        String first = "Fee: 100€ [paid] ";
        String second = "{ref|A-1} ~ok^ \\ end";

        link.submit(new OutboundSms(
                7,
                "0911000111",
                DESTINATION,
                SmsEncoding.GSM7,
                List.of(TestGsm.encode(first), TestGsm.encode(second)),
                300,
                null));

        ReceivedMessage message = simulator.awaitMessages(DESTINATION, 1, WAIT).get(0);
        assertThat(message.text()).isEqualTo(first + second);
        assertThat(message.dataCoding()).isZero();
        assertThat(message.sourceAddr()).isEqualTo("0911000111");
    }

    @Test
    void reconnectsAfterTheCarrierDropsTheConnection() throws Exception {
        List<LinkStatus> changes = new java.util.concurrent.CopyOnWriteArrayList<>();
        SmppCarrierLink link = startedLink(settings("CHT", endpoint("CHT")).withBinds(1), new LinkListener() {
            @Override
            public void onReceipt(ReceiptEvent receipt) {}

            @Override
            public void onLinkStateChanged(LinkStatus status) {
                changes.add(status);
            }
        });

        simulator.dropConnections("CHT");
        awaitUntil(() -> !link.ready());
        assertThat(link.status().binds().get(0).lastError()).isEqualTo("connection lost");
        assertThat(link.awaitReady(WAIT)).isTrue();

        assertThat(link.submit(ucs2(2, "重新連線後")).carrierMessageIds()).hasSize(1);
        assertThat(changes).extracting(LinkStatus::ready).containsSubsequence(true, false, true);
    }

    @Test
    void reconnectsAfterTheDropAfterSubmitsFault() throws Exception {
        SmppCarrierLink link = startedLink(settings("CHT", endpoint("CHT")).withBinds(1), collecting);
        simulator.setFaults("CHT", Faults.NONE.withDropAfterSubmits(2));

        link.submit(ucs2(3, "一"));
        link.submit(ucs2(4, "二"));
        awaitUntil(() -> !link.ready());
        assertThat(link.awaitReady(WAIT)).isTrue();

        link.submit(ucs2(5, "三"));
        assertThat(simulator.awaitMessages(DESTINATION, 3, WAIT))
                .extracting(ReceivedMessage::text)
                .containsExactly("一", "二", "三");
    }

    @Test
    void failsOverFromADeadFirstEndpointToTheSecond() throws Exception {
        SmppEndpoint dead = new SmppEndpoint("127.0.0.1", deadPort());
        SmppCarrierLink link =
                startedLink(settings("TWM", dead, endpoint("TWM")).withBinds(1), collecting);

        BindStatus bind = link.status().binds().get(0);
        assertThat(bind.bound()).isTrue();
        assertThat(bind.endpoint()).isEqualTo(endpoint("TWM"));
        assertThat(link.submit(ucs2(6, "備援線路")).carrierMessageIds()).hasSize(1);
    }

    @Test
    void bindsAreSpreadAcrossEndpoints() throws Exception {
        SmppCarrierLink link =
                startedLink(settings("CHT", endpoint("CHT"), endpoint("TWM")).withBinds(2), collecting);
        awaitUntil(() -> link.status().boundCount() == 2);

        assertThat(link.status().binds())
                .extracting(BindStatus::endpoint)
                .containsExactly(endpoint("CHT"), endpoint("TWM"));
        assertThat(simulator.stats("CHT").boundSessions()).isEqualTo(1);
        assertThat(simulator.stats("TWM").boundSessions()).isEqualTo(1);
    }

    @Test
    void aWrongPasswordNeverBindsButKeepsRetryingWithBackOff() throws Exception {
        SmppLinkSettings wrong = SmppLinkSettings.defaults("FET", List.of(endpoint("FET")), "sms111", "wrong")
                .withBinds(1)
                .withReconnect(Duration.ofMillis(100), Duration.ofMillis(400));
        SmppCarrierLink link = new SmppCarrierLink(wrong, scheduler, collecting);
        links.add(link);

        link.start();
        Thread.sleep(2_000);

        assertThat(link.ready()).isFalse();
        assertThat(link.status().binds().get(0).lastError()).contains("ESME_RINVPASWD");
        // 100 + 200 + 400 + 400 + ... ms: about six attempts in two seconds, not hundreds.
        assertThat(link.bindAttempts()).isBetween(1L, 15L); // loose: the build machine may be busy
        assertThatThrownBy(() -> link.submit(ucs2(7, "x")))
                .isInstanceOfSatisfying(
                        SmppSubmitException.class,
                        e -> assertThat(e.kind()).isEqualTo(SmppSubmitException.Kind.NOT_BOUND));
    }

    @Test
    void throttlingMapsToThrottled() throws Exception {
        SmppCarrierLink link = startedLink(settings("CHT", endpoint("CHT")), collecting);
        simulator.setFaults("CHT", Faults.NONE.withThrottle(1.0));

        assertThatThrownBy(() -> link.submit(ucs2(8, "太快了"))).isInstanceOfSatisfying(SmppSubmitException.class, e -> {
            assertThat(e.kind()).isEqualTo(SmppSubmitException.Kind.THROTTLED);
            assertThat(e.commandStatus()).isEqualTo(0x58);
            assertThat(e.description()).startsWith("ESME_RTHROTTLED (0x00000058)");
            assertThat(e.segmentsAccepted()).isZero();
        });
    }

    @Test
    void aRejectedMessageIsPermanentWithAReadableReason() throws Exception {
        SmppCarrierLink link = startedLink(settings("CHT", endpoint("CHT")), collecting);
        simulator.setFaults("CHT", Faults.NONE.withFailRate(1.0, 0x0B));

        assertThatThrownBy(() -> link.submit(ucs2(10, "第一段", "第二段")))
                .isInstanceOfSatisfying(SmppSubmitException.class, e -> {
                    assertThat(e.kind()).isEqualTo(SmppSubmitException.Kind.PERMANENT);
                    assertThat(e.description()).isEqualTo("ESME_RINVDSTADR (0x0000000B) invalid destination address");
                    assertThat(e.segmentsAccepted()).isZero();
                });
    }

    @Test
    void aReceiptTheListenerCannotTakeIsSentAgain() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        SmppCarrierLink link = startedLink(settings("CHT", endpoint("CHT")), receipt -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("database down");
            }
            receipts.add(receipt);
        });

        String id = link.submit(ucs2(11, "重送回條")).carrierMessageIds().get(0);

        ReceiptEvent receipt = receipts.poll(30, TimeUnit.SECONDS);
        assertThat(receipt).isNotNull();
        assertThat(receipt.carrierMessageId()).isEqualTo(id);
        assertThat(calls.get()).isEqualTo(2);
    }

    @Test
    void closeUnbindsEverySession() throws Exception {
        SmppCarrierLink link = startedLink(settings("FET", endpoint("FET")), collecting);
        awaitUntil(() -> simulator.stats("FET").boundSessions() == 2);

        link.close();

        awaitUntil(() -> simulator.stats("FET").boundSessions() == 0);
        assertThat(link.ready()).isFalse();
    }

    // --- the window: submits in flight, answered later, from one thread -------------------------

    /** One bind to the holding SMSC with a window of {@code window}. */
    private SmppCarrierLink holdingLink(int window, Duration responseTimeout) throws Exception {
        smsc = HoldingSmsc.start();
        SmppLinkSettings settings = settings("CHT", smsc.endpoint())
                .withBinds(1)
                .withWindowSize(window)
                .withResponseTimeout(responseTimeout);
        SmppCarrierLink link = startedLink(settings, collecting);
        smsc.hold();
        return link;
    }

    @Test
    void oneThreadKeepsAWholeWindowInFlight() throws Exception {
        SmppCarrierLink link = holdingLink(4, Duration.ofSeconds(15));

        List<CompletableFuture<SubmitOutcome>> submits = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            submits.add(link.submitAsync(ucs2(i, "第" + i + "則")));
        }

        // Counted at the SMSC: four submit_sm on the wire, none answered, all written by this thread.
        awaitUntil(() -> smsc.unanswered() == 4);
        assertThat(submits).noneMatch(CompletableFuture::isDone);
        assertThat(link.windowInUse()).isEqualTo(4);

        List<HoldingSmsc.Held> held = smsc.next(4, WAIT);
        for (int i = 0; i < held.size(); i++) {
            held.get(i).accept("A" + i);
        }
        List<String> ids = new ArrayList<>();
        for (CompletableFuture<SubmitOutcome> submit : submits) {
            ids.addAll(submit.get(WAIT.toSeconds(), TimeUnit.SECONDS).carrierMessageIds());
        }
        assertThat(ids).containsExactlyInAnyOrder("A0", "A1", "A2", "A3");
        assertThat(link.windowInUse()).isZero();
        assertThat(link.submitted()).isEqualTo(4);
    }

    @Test
    void aSubmitBeyondTheWindowWaitsUntilAResponseFreesAPermit() throws Exception {
        SmppCarrierLink link = holdingLink(2, Duration.ofSeconds(15));
        CompletableFuture<SubmitOutcome> first = link.submitAsync(ucs2(1, "一"));
        CompletableFuture<SubmitOutcome> second = link.submitAsync(ucs2(2, "二"));
        awaitUntil(() -> smsc.unanswered() == 2);
        ExecutorService caller = Executors.newSingleThreadExecutor();
        try {
            Future<CompletableFuture<SubmitOutcome>> third = caller.submit(() -> link.submitAsync(ucs2(3, "三")));

            Thread.sleep(300); // the third caller is blocked on the window, not on the wire
            assertThat(third).isNotDone();
            assertThat(smsc.received()).isEqualTo(2);

            smsc.next(WAIT).accept("FIRST");
            CompletableFuture<SubmitOutcome> thirdSubmit = third.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            awaitUntil(() -> smsc.received() == 3);
            assertThat(link.windowInUse()).isEqualTo(2);

            smsc.next(WAIT).accept("SECOND");
            smsc.next(WAIT).accept("THIRD");
            assertThat(List.of(first, second, thirdSubmit))
                    .extracting(f -> f.get(WAIT.toSeconds(), TimeUnit.SECONDS)
                            .carrierMessageIds()
                            .get(0))
                    .containsExactlyInAnyOrder("FIRST", "SECOND", "THIRD");
        } finally {
            caller.shutdownNow();
        }
    }

    @Test
    void aResponseThatNeverComesTimesOutAndFreesItsPermit() throws Exception {
        SmppCarrierLink link = holdingLink(1, Duration.ofSeconds(1));

        CompletableFuture<SubmitOutcome> submit = link.submitAsync(ucs2(1, "沒有回應"));
        HoldingSmsc.Held never = smsc.next(WAIT);

        assertThat(failureOf(submit)).satisfies(e -> {
            assertThat(e.kind()).isEqualTo(SmppSubmitException.Kind.TIMEOUT);
            assertThat(e.description()).contains("no submit_sm_resp within");
        });
        assertThat(link.windowInUse()).isZero();

        // The answer comes after all: nobody waits for it any more (jSMPP logs it), and the bind is fine.
        never.accept("LATE");
        smsc.answerAtOnce();
        // A window of one: this goes out only because the timed-out submit gave its permit back.
        assertThat(link.submit(ucs2(2, "下一則")).carrierMessageIds()).hasSize(1);
        assertThat(link.submitted()).isEqualTo(1);
    }

    @Test
    void aDroppedConnectionFailsEverySubmitInFlight() throws Exception {
        // A response timeout longer than the test waits: only the lost connection can end these submits.
        SmppCarrierLink link = holdingLink(4, Duration.ofSeconds(120));
        List<CompletableFuture<SubmitOutcome>> submits = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            submits.add(link.submitAsync(ucs2(i, "斷線" + i)));
        }
        awaitUntil(() -> smsc.unanswered() == 3);

        smsc.dropConnections();

        for (CompletableFuture<SubmitOutcome> submit : submits) {
            assertThat(failureOf(submit)).satisfies(e -> {
                assertThat(e.kind()).isEqualTo(SmppSubmitException.Kind.TRANSIENT);
                assertThat(e.description()).contains("closed before the submit_sm_resp");
            });
        }
        assertThat(link.windowInUse()).isZero();
    }

    @Test
    void aRejectedSegmentFailsTheMessageWithTheSegmentsTakenBeforeIt() throws Exception {
        SmppCarrierLink link = holdingLink(4, Duration.ofSeconds(15));

        CompletableFuture<SubmitOutcome> submit = link.submitAsync(ucs2(0x33, "第一段", "第二段", "第三段"));
        awaitUntil(() -> smsc.unanswered() == 3);
        for (HoldingSmsc.Held segment : smsc.next(3, WAIT)) {
            switch (segment.udhSegment()) {
                case 1 -> segment.accept("S1");
                case 2 -> segment.reject(0x0B);
                default -> segment.accept("S3");
            }
        }

        assertThat(failureOf(submit)).satisfies(e -> {
            assertThat(e.kind()).isEqualTo(SmppSubmitException.Kind.PERMANENT);
            assertThat(e.commandStatus()).isEqualTo(0x0B);
            assertThat(e.description()).isEqualTo("ESME_RINVDSTADR (0x0000000B) invalid destination address");
            assertThat(e.acceptedIds()).containsExactly("S1");
        });
        assertThat(link.windowInUse()).isZero();
    }

    @Test
    void segmentsGoOutBackToBackInOrderAndTheirIdsComeBackInOrder() throws Exception {
        SmppCarrierLink link = holdingLink(4, Duration.ofSeconds(15));

        CompletableFuture<SubmitOutcome> submit = link.submitAsync(ucs2(0x44, "甲", "乙", "丙"));

        // All three on the wire before any answer, written in segment order.
        awaitUntil(() -> smsc.unanswered() == 3);
        List<HoldingSmsc.Held> segments = new ArrayList<>(smsc.next(3, WAIT));
        segments.sort(java.util.Comparator.comparingInt(HoldingSmsc.Held::sequenceNumber));
        assertThat(segments).extracting(HoldingSmsc.Held::udhSegment).containsExactly(1, 2, 3);

        // Answered last segment first.
        segments.get(2).accept("C");
        segments.get(1).accept("B");
        assertThat(submit).isNotDone();
        segments.get(0).accept("A");

        assertThat(submit.get(WAIT.toSeconds(), TimeUnit.SECONDS).carrierMessageIds())
                .containsExactly("A", "B", "C");
        assertThat(link.submitted()).isEqualTo(3);
    }

    private static SmppSubmitException failureOf(CompletableFuture<SubmitOutcome> submit) {
        try {
            submit.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(SmppSubmitException.class);
            return (SmppSubmitException) e.getCause();
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError("submit not failed within " + WAIT, e);
        }
        throw new AssertionError("submit succeeded");
    }

    // --- helpers -------------------------------------------------------------------------------

    private static int deadPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort(); // closed at once: connections there are refused
        }
    }

    private static void awaitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within " + WAIT).isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
