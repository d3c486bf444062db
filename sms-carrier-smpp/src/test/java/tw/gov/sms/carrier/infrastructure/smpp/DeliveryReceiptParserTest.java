package tw.gov.sms.carrier.infrastructure.smpp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeliveryReceiptParserTest {

    private static final byte RECEIPT = 0x04;

    @Test
    void readsTheStandardReceiptText() {
        ReceiptEvent receipt = DeliveryReceiptParser.parseText(
                        "CHT",
                        "id:1A2B3C sub:001 dlvrd:001 submit date:2503011200 done date:2503011201 stat:DELIVRD err:000"
                                + " text:Hello world")
                .orElseThrow();

        assertThat(receipt.carrierCode()).isEqualTo("CHT");
        assertThat(receipt.carrierMessageId()).isEqualTo("1A2B3C");
        assertThat(receipt.stat()).isEqualTo("DELIVRD");
        assertThat(receipt.err()).isEqualTo("000");
        assertThat(receipt.doneDate()).isEqualTo(OffsetDateTime.of(2025, 3, 1, 12, 1, 0, 0, ZoneOffset.ofHours(8)));
        assertThat(receipt.rawText()).endsWith("text:Hello world");
        assertThat(receipt.delivered()).isTrue();
    }

    @Test
    void toleratesLowercaseKeysSecondsAndUnderscores() {
        ReceiptEvent receipt = DeliveryReceiptParser.parseText(
                        "TWM",
                        "ID:77 SUB:1 DLVRD:0 Submit_Date:250301120000 DONE_DATE:250301120530 Stat:undeliv Err:012")
                .orElseThrow();

        assertThat(receipt.carrierMessageId()).isEqualTo("77");
        assertThat(receipt.stat()).isEqualTo("UNDELIV");
        assertThat(receipt.err()).isEqualTo("012");
        assertThat(receipt.doneDate()).isEqualTo(OffsetDateTime.of(2025, 3, 1, 12, 5, 30, 0, ZoneOffset.ofHours(8)));
        assertThat(receipt.isFinal()).isTrue();
    }

    @Test
    void missingFieldsBecomeNullAndUnknown() {
        ReceiptEvent receipt = DeliveryReceiptParser.parseText("FET", "id:abc").orElseThrow();

        assertThat(receipt.carrierMessageId()).isEqualTo("abc");
        assertThat(receipt.stat()).isEqualTo("UNKNOWN");
        assertThat(receipt.err()).isNull();
        assertThat(receipt.doneDate()).isNull();
    }

    @Test
    void unknownStatusWordsAndBadDatesAreTolerated() {
        ReceiptEvent receipt = DeliveryReceiptParser.parseText("FET", "id:9 done date:99999 stat:WEIRD")
                .orElseThrow();

        assertThat(receipt.stat()).isEqualTo("UNKNOWN");
        assertThat(receipt.doneDate()).isNull();
    }

    @Test
    void theExcerptMayContainKeyWords() {
        ReceiptEvent receipt = DeliveryReceiptParser.parseText(
                        "CHT", "id:5 stat:EXPIRED err:001 text:stat:DELIVRD id:666")
                .orElseThrow();

        assertThat(receipt.carrierMessageId()).isEqualTo("5");
        assertThat(receipt.stat()).isEqualTo("EXPIRED");
        assertThat(receipt.isFinal()).isTrue();
    }

    @Test
    void tlvsWinOverTheText() {
        Map<Integer, byte[]> tlvs = Map.of(
                0x001E, "ABCDEF\0".getBytes(StandardCharsets.US_ASCII),
                0x0427, new byte[] {8},
                0x0423, new byte[] {3, 0, 21});

        ReceiptEvent receipt = DeliveryReceiptParser.parse(
                        "CHT", RECEIPT, "id:123 stat:DELIVRD".getBytes(StandardCharsets.US_ASCII), tlvs)
                .orElseThrow();

        assertThat(receipt.carrierMessageId()).isEqualTo("ABCDEF");
        assertThat(receipt.stat()).isEqualTo("REJECTD");
        assertThat(receipt.err()).isEqualTo("021");
    }

    @Test
    void tlvOnlyReceiptsWithoutTextAreRead() {
        Map<Integer, byte[]> tlvs = Map.of(0x001E, "X1\0".getBytes(StandardCharsets.US_ASCII), 0x0427, new byte[] {1});

        ReceiptEvent receipt =
                DeliveryReceiptParser.parse("TWM", RECEIPT, new byte[0], tlvs).orElseThrow();

        assertThat(receipt.stat()).isEqualTo("ENROUTE");
        assertThat(receipt.isFinal()).isFalse();
        assertThat(receipt.rawText()).isEmpty();
    }

    @Test
    void receiptTextInMessagePayloadIsRead() {
        Map<Integer, byte[]> tlvs = Map.of(0x0424, "id:P1 stat:ACCEPTED".getBytes(StandardCharsets.US_ASCII));

        ReceiptEvent receipt =
                DeliveryReceiptParser.parse("TWM", RECEIPT, null, tlvs).orElseThrow();

        assertThat(receipt.carrierMessageId()).isEqualTo("P1");
        assertThat(receipt.stat()).isEqualTo("ACCEPTD");
    }

    @Test
    void ignoresDeliverSmThatIsNotAReceipt() {
        assertThat(DeliveryReceiptParser.parse(
                        "CHT", (byte) 0x00, "id:1 stat:DELIVRD".getBytes(StandardCharsets.US_ASCII), Map.of()))
                .isEmpty();
        assertThat(DeliveryReceiptParser.isReceipt((byte) 0x04)).isTrue();
        assertThat(DeliveryReceiptParser.isReceipt((byte) 0x44)).isTrue(); // with UDHI set
        assertThat(DeliveryReceiptParser.isReceipt((byte) 0x20)).isTrue(); // intermediate notification
        assertThat(DeliveryReceiptParser.isReceipt((byte) 0x40)).isFalse();
    }

    @Test
    void aReceiptWithoutAnyIdIsUnreadable() {
        assertThat(DeliveryReceiptParser.parseText("CHT", "stat:DELIVRD err:000"))
                .isEmpty();
        assertThat(DeliveryReceiptParser.parseText("CHT", "")).isEmpty();
    }
}
