package tw.gov.sms.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jsmpp.bean.AlertNotification;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.RawDataCoding;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.SMPPSession;
import org.jsmpp.session.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CarrierSimulatorTest {

    private static final String DESTINATION = "886912345678";

    @TempDir
    Path tmp;

    private CarrierSimulator simulator;
    private SMPPSession client;
    private final BlockingQueue<DeliverSm> delivered = new LinkedBlockingQueue<>();

    @BeforeEach
    void start() throws IOException {
        simulator = CarrierSimulator.start(SimulatorConfig.forTests().withLogFile(tmp.resolve("sim.jsonl")));
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.unbindAndClose();
        }
        simulator.close();
    }

    @Test
    void bindsWithTheConfiguredCredentials() throws IOException {
        client = bind("CHT", "sms111", "sim-pass");

        assertThat(client.getSessionState().isBound()).isTrue();
        assertThat(awaitBoundSessions("CHT", 1)).isEqualTo(1);
    }

    @Test
    void refusesAWrongPasswordWithInvalidPassword() {
        assertThatThrownBy(() -> bind("TWM", "sms111", "nope"))
                .isInstanceOf(IOException.class)
                .hasRootCauseInstanceOf(NegativeResponseException.class)
                .satisfies(e -> assertThat(((NegativeResponseException) e.getCause()).getCommandStatus())
                        .isEqualTo(0x0E));
    }

    @Test
    void refusesAnUnknownSystemIdWithInvalidSystemId() {
        assertThatThrownBy(() -> bind("FET", "someone", "sim-pass"))
                .hasRootCauseInstanceOf(NegativeResponseException.class)
                .satisfies(e -> assertThat(((NegativeResponseException) e.getCause()).getCommandStatus())
                        .isEqualTo(0x0F));
    }

    @Test
    void acceptsAUcs2MessageAndSendsItsReceipt() throws Exception {
        client = bind("CHT", "sms111", "sim-pass");
        String text = "臺北市政府提醒您：颱風來襲，請注意安全 😀";

        String id = submit(0, 8, text.getBytes(StandardCharsets.UTF_16BE));

        DeliverSm receipt = delivered.poll(20, TimeUnit.SECONDS);
        assertThat(receipt).isNotNull();
        assertThat(receipt.getEsmClass() & 0x3C).isEqualTo(0x04);
        assertThat(tlv(receipt, 0x001E)).isEqualTo(id);
        assertThat(receipt.getOptionalParameter((short) 0x0427).serialize()[4]).isEqualTo((byte) 2);
        assertThat(new String(receipt.getShortMessage(), StandardCharsets.ISO_8859_1))
                .startsWith("id:" + id + " sub:001 dlvrd:001 submit date:")
                .contains(" stat:DELIVRD err:000 text:");
        List<ReceivedMessage> messages = simulator.messages(DESTINATION, "CHT");
        assertThat(messages).singleElement().satisfies(m -> {
            assertThat(m.text()).isEqualTo(text);
            assertThat(m.dataCoding()).isEqualTo(8);
            assertThat(m.concatMode()).isEqualTo(ConcatMode.NONE);
            assertThat(m.segmentMessageIds()).containsExactly(id);
        });
        // The counter and the log follow the deliver_sm_resp, which may still be on its way.
        long deadline = System.currentTimeMillis() + 5_000;
        while (simulator.stats("CHT").receiptsSent() < 1 && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        assertThat(simulator.stats("CHT").receiptsSent()).isEqualTo(1);
        assertThat(Files.readAllLines(tmp.resolve("sim.jsonl")))
                .anySatisfy(line ->
                        assertThat(line).contains("\"type\":\"message\"").contains(text))
                .anySatisfy(line ->
                        assertThat(line).contains("\"type\":\"receipt\"").contains(id));
    }

    @Test
    void reassemblesAThreeSegmentUdhMessageInAnyOrder() throws Exception {
        client = bind("TWM", "sms111", "sim-pass");
        String[] parts = {"第一段：", "第二段：", "第三段完"};
        int[] order = {2, 0, 1};
        for (int i : order) {
            byte[] udh = {0x05, 0x00, 0x03, 0x2A, 0x03, (byte) (i + 1)};
            submit(0x40, 8, concat(udh, parts[i].getBytes(StandardCharsets.UTF_16BE)));
        }

        List<ReceivedMessage> messages = simulator.awaitMessages(DESTINATION, 1, Duration.ofSeconds(20));

        assertThat(messages).singleElement().satisfies(m -> {
            assertThat(m.text()).isEqualTo("第一段：第二段：第三段完");
            assertThat(m.concatMode()).isEqualTo(ConcatMode.UDH8);
            assertThat(m.segmentMessageIds()).hasSize(3).doesNotHaveDuplicates();
            assertThat(m.carrier()).isEqualTo("TWM");
        });
        for (int i = 0; i < 3; i++) {
            assertThat(delivered.poll(20, TimeUnit.SECONDS))
                    .as("receipt per segment")
                    .isNotNull();
        }
    }

    @Test
    void decodesGsmExtensionCharacters() throws Exception {
        client = bind("FET", "sms111", "sim-pass");
        String text = "Price: 5€ [info] {a|b} ~x^ \\ @£$¥";

        submit(0, 0, Gsm7.encode(text));

        assertThat(simulator.awaitMessages(DESTINATION, 1, Duration.ofSeconds(20)))
                .singleElement()
                .satisfies(m -> assertThat(m.text()).isEqualTo(text));
    }

    @Test
    void decodesSarAndPayloadConcatenation() throws Exception {
        client = bind("CHT", "sms111", "sim-pass");
        for (int seq = 1; seq <= 2; seq++) {
            submitWith(0, 0, Gsm7.encode(seq == 1 ? "Hello " : "world"), new OptionalParameter[] {
                new OptionalParameter.Short((short) 0x020C, (short) 0x1234),
                new OptionalParameter.Byte((short) 0x020E, (byte) 2),
                new OptionalParameter.Byte((short) 0x020F, (byte) seq)
            });
        }
        submitWith(0, 8, new byte[0], new OptionalParameter[] {
            new OptionalParameter.OctetString((short) 0x0424, "很長的訊息".getBytes(StandardCharsets.UTF_16BE))
        });

        List<ReceivedMessage> messages = simulator.awaitMessages(DESTINATION, 2, Duration.ofSeconds(20));

        assertThat(messages)
                .extracting(ReceivedMessage::concatMode, ReceivedMessage::text)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(ConcatMode.SAR, "Hello world"),
                        org.assertj.core.groups.Tuple.tuple(ConcatMode.PAYLOAD, "很長的訊息"));
    }

    @Test
    void throttleFaultAnswersThrottled() throws Exception {
        client = bind("CHT", "sms111", "sim-pass");
        simulator.setFaults("CHT", Faults.NONE.withThrottle(1.0));

        assertThatThrownBy(() -> submit(0, 0, Gsm7.encode("hi")))
                .isInstanceOfSatisfying(
                        NegativeResponseException.class,
                        e -> assertThat(e.getCommandStatus()).isEqualTo(0x58));
        assertThat(simulator.stats("CHT").throttled()).isEqualTo(1);
        assertThat(simulator.messages()).isEmpty();
    }

    @Test
    void adminApiReportsStatusMessagesAndSetsFaults() throws Exception {
        simulator.close();
        simulator = CarrierSimulator.start(SimulatorConfig.forTests().withAdminPort(freePort()));
        client = bind("CHT", "sms111", "sim-pass");
        submit(0, 0, Gsm7.encode("admin test"));
        simulator.awaitMessages(DESTINATION, 1, Duration.ofSeconds(20));
        HttpClient http = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + simulator.adminPort();

        String status = get(http, base + "/status");
        String messages = get(http, base + "/messages?destination=" + DESTINATION + "&carrier=CHT");
        String faults = post(http, base + "/faults?carrier=TWM&failRate=1&failStatus=8");

        assertThat(status).contains("\"carrier\":\"CHT\"").contains("\"submits\":1");
        assertThat(messages).contains("\"text\":\"admin test\"");
        assertThat(faults).contains("\"TWM\":{\"throttle\":0.0,\"failRate\":1.0,\"failStatus\":8");
        assertThat(simulator.faults("TWM").failRate()).isEqualTo(1.0);
        assertThat(simulator.faults("CHT").failRate()).isZero();

        post(http, base + "/faults?clear=true");
        post(http, base + "/reset");
        assertThat(simulator.faults("TWM")).isEqualTo(Faults.NONE);
        assertThat(simulator.messages()).isEmpty();
    }

    @Test
    void parsesTheCommandLine() {
        SimulatorConfig config = SimulatorConfig.fromArgs(
                "--carriers", "CHT:3775,TWM:3776", "--receipt-delay-ms=10", "--throttle", "0.5", "--withhold-receipts");

        assertThat(config.carriers())
                .extracting(SimulatorConfig.CarrierPort::port)
                .containsExactly(3775, 3776);
        assertThat(config.receiptDelay()).isEqualTo(Duration.ofMillis(10));
        assertThat(config.faults().throttle()).isEqualTo(0.5);
        assertThat(config.faults().withholdReceipts()).isTrue();
        assertThat(config.systemId()).isEqualTo("sms111");
        assertThatThrownBy(() -> SimulatorConfig.fromArgs("--bogus", "1")).hasMessageContaining("bogus");
    }

    // --- helpers -------------------------------------------------------------------------------

    private SMPPSession bind(String carrier, String systemId, String password) throws IOException {
        SMPPSession session = new SMPPSession();
        session.setTransactionTimer(10_000); // generous: a busy build machine must not fail the test
        session.setMessageReceiverListener(new MessageReceiverListener() {
            @Override
            public void onAcceptDeliverSm(DeliverSm deliverSm) {
                delivered.add(deliverSm);
            }

            @Override
            public void onAcceptAlertNotification(AlertNotification alertNotification) {}

            @Override
            public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) {
                return null;
            }
        });
        session.connectAndBind(
                "127.0.0.1",
                simulator.port(carrier),
                new BindParameter(
                        BindType.BIND_TRX,
                        systemId,
                        password,
                        "",
                        TypeOfNumber.UNKNOWN,
                        NumberingPlanIndicator.UNKNOWN,
                        null),
                5_000);
        return session;
    }

    private String submit(int esmClass, int dataCoding, byte[] shortMessage) throws Exception {
        return submitWith(esmClass, dataCoding, shortMessage, new OptionalParameter[0]);
    }

    private String submitWith(int esmClass, int dataCoding, byte[] shortMessage, OptionalParameter[] tlvs)
            throws Exception {
        return client.submitShortMessage(
                        "",
                        TypeOfNumber.UNKNOWN,
                        NumberingPlanIndicator.UNKNOWN,
                        "111",
                        TypeOfNumber.INTERNATIONAL,
                        NumberingPlanIndicator.ISDN,
                        DESTINATION,
                        new ESMClass(esmClass),
                        (byte) 0,
                        (byte) 0,
                        null,
                        null,
                        new RegisteredDelivery(1),
                        (byte) 0,
                        new RawDataCoding((byte) dataCoding),
                        (byte) 0,
                        shortMessage,
                        tlvs)
                .getMessageId();
    }

    private int awaitBoundSessions(String carrier, int expected) {
        long deadline = System.currentTimeMillis() + 5_000;
        int bound;
        while ((bound = simulator.stats(carrier).boundSessions()) < expected && System.currentTimeMillis() < deadline) {
            Thread.onSpinWait();
        }
        return bound;
    }

    private static String tlv(DeliverSm deliverSm, int tag) {
        byte[] raw = deliverSm.getOptionalParameter((short) tag).serialize();
        String value = new String(raw, 4, raw.length - 4, StandardCharsets.ISO_8859_1);
        return value.endsWith("\0") ? value.substring(0, value.length() - 1) : value;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] result = new byte[a.length + b.length];
        System.arraycopy(a, 0, result, 0, a.length);
        System.arraycopy(b, 0, result, a.length, b.length);
        return result;
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String get(HttpClient http, String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString())
                .body();
    }

    private static String post(HttpClient http, String url) throws Exception {
        return http.send(
                        HttpRequest.newBuilder(URI.create(url))
                                .POST(HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }
}
