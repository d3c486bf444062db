package tw.gov.sms.routing.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PrefixTableTest {

    @Test
    void theKeyLookupAgreesWithTheTextLookupForEveryBlock() {
        PrefixTable table = new PrefixTable(Map.of(
                "0931", Carrier.TWM,
                "09310", Carrier.FET,
                "0912", Carrier.CHT,
                "091234", Carrier.FET,
                "09123456", Carrier.TWM));

        for (int key = 0; key < MobileNumbers.KEY_LIMIT; key += 997) {
            String n = MobileNumbers.nationalOf(key);
            assertThat(table.originalCarrier(key)).as(n).isEqualTo(table.originalCarrier(n));
        }
        assertThat(table.originalCarrier(MobileNumbers.keyOf("0912345678"))).contains(Carrier.TWM);
        assertThat(table.originalCarrier(MobileNumbers.keyOf("0912349999"))).contains(Carrier.FET);
        assertThat(table.originalCarrier(MobileNumbers.keyOf("0912999999"))).contains(Carrier.CHT);
        assertThat(table.originalCarrier(MobileNumbers.keyOf("0931099999"))).contains(Carrier.FET);
        assertThat(table.originalCarrier(MobileNumbers.keyOf("0931100000"))).contains(Carrier.TWM);
        assertThat(table.originalOrdinal(MobileNumbers.keyOf("0940000000"))).isEqualTo(-1);
    }

    @Test
    void theDefaultsSplitBlock0931AtFiveDigits() {
        PrefixTable table = PrefixTable.taiwanDefaults();

        for (int key = 0; key < MobileNumbers.KEY_LIMIT; key += 9_973) {
            assertThat(table.originalCarrier(key)).isEqualTo(table.originalCarrier(MobileNumbers.nationalOf(key)));
        }
        assertThat(table.originalCarrier(MobileNumbers.keyOf("0931300000"))).contains(Carrier.FET);
        assertThat(table.originalCarrier(MobileNumbers.keyOf("0931400000"))).contains(Carrier.TWM);
    }
}
