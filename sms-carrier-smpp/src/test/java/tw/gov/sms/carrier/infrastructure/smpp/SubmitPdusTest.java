package tw.gov.sms.carrier.infrastructure.smpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SubmitPdusTest {

    private static OutboundSms sms(int ref, byte[]... segments) {
        return new OutboundSms(1, "111", "886912345678", SmsEncoding.GSM7, List.of(segments), ref, null);
    }

    @Test
    void aSingleSegmentHasNoConcatenationHeader() {
        for (ConcatenationMode mode : ConcatenationMode.values()) {
            List<SubmitPdus.Pdu> pdus = SubmitPdus.build(sms(7, new byte[] {1, 2}), mode);
            assertThat(pdus).singleElement().satisfies(p -> {
                assertThat(p.esmClass()).isZero();
                assertThat(p.shortMessage()).containsExactly(1, 2);
                assertThat(p.tlvs()).isEmpty();
            });
        }
    }

    @Test
    void udh8AndUdh16HeadersCarryReferenceTotalAndSequence() {
        List<SubmitPdus.Pdu> udh8 =
                SubmitPdus.build(sms(0x1234, new byte[] {9}, new byte[] {8}), ConcatenationMode.UDH8);
        List<SubmitPdus.Pdu> udh16 =
                SubmitPdus.build(sms(0x1234, new byte[] {9}, new byte[] {8}), ConcatenationMode.UDH16);

        assertThat(udh8.get(1).shortMessage()).containsExactly(0x05, 0x00, 0x03, 0x34, 0x02, 0x02, 8);
        assertThat(udh8.get(0).esmClass()).isEqualTo((byte) 0x40);
        assertThat(udh16.get(0).shortMessage()).containsExactly(0x06, 0x08, 0x04, 0x12, 0x34, 0x02, 0x01, 9);
    }

    @Test
    void sarUsesTlvsAndPayloadSendsOnePdu() {
        List<SubmitPdus.Pdu> sar = SubmitPdus.build(sms(5, new byte[] {1}, new byte[] {2}), ConcatenationMode.SAR);
        List<SubmitPdus.Pdu> payload =
                SubmitPdus.build(sms(5, new byte[] {1}, new byte[] {2}), ConcatenationMode.PAYLOAD);

        assertThat(sar).hasSize(2);
        assertThat(sar.get(1).tlvs()).extracting(t -> (int) t.tag).containsExactly(0x020C, 0x020E, 0x020F);
        assertThat(sar.get(1).esmClass()).isZero();
        assertThat(payload).singleElement().satisfies(p -> {
            assertThat(p.shortMessage()).isEmpty();
            assertThat(p.tlvs()[0].serialize()).endsWith(1, 2);
        });
    }

    @Test
    void validityIsARelativeSmppTime() {
        assertThat(SmppTime.relative(Duration.ofHours(24))).isEqualTo("000001000000000R");
        assertThat(SmppTime.relative(Duration.ofMinutes(90))).isEqualTo("000000013000000R");
        assertThat(SmppTime.relative(Duration.ofDays(400))).isEqualTo("010105000000000R");
        assertThat(SmppTime.relative(null)).isNull();
    }

    @Test
    void endpointListsParse() {
        assertThat(SmppEndpoint.parseList(" smsc1.cht:2775, 10.0.0.2:2776 ,"))
                .containsExactly(new SmppEndpoint("smsc1.cht", 2775), new SmppEndpoint("10.0.0.2", 2776));
    }
}
