package tw.gov.sms.routing.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PortedNumberIndexTest {

    @Test
    void answersTheCarrierOfPortedNumbersOnly() {
        PortedNumberIndex index = PortedNumberIndex.builder(2)
                .add("0912345678", Carrier.FET)
                .add("0933000001", Carrier.TWM)
                .build();

        assertThat(index.size()).isEqualTo(2);
        assertThat(index.carrierOf("0912345678")).contains(Carrier.FET);
        assertThat(index.carrierOf("0933000001")).contains(Carrier.TWM);
        assertThat(index.carrierOf("0912345679")).isEmpty();
        assertThat(index.lookupOrdinal(MobileNumbers.keyOf("0912345679"))).isEqualTo(PortedNumberIndex.NOT_PORTED);
    }

    @Test
    void ignoresTextThatIsNotACanonicalNumber() {
        PortedNumberIndex index =
                PortedNumberIndex.builder(1).add("0912345678", Carrier.FET).build();

        assertThat(index.carrierOf("+886912345678")).isEmpty();
        assertThat(index.carrierOf("912345678")).isEmpty();
        assertThat(index.carrierOf("09123456x8")).isEmpty();
        assertThat(index.carrierOf(null)).isEmpty();
        assertThat(index.lookupOrdinal(-5)).isEqualTo(PortedNumberIndex.NOT_PORTED);
        assertThat(index.lookupOrdinal(Integer.MAX_VALUE)).isEqualTo(PortedNumberIndex.NOT_PORTED);
    }

    @Test
    void sortsAddsInAnyOrderAndTheLastAddWins() {
        PortedNumberIndex index = PortedNumberIndex.builder(0)
                .add("0988000000", Carrier.CHT)
                .add("0900000000", Carrier.TWM)
                .add("0988000000", Carrier.FET)
                .add("0999999999", Carrier.TWM)
                .build();

        assertThat(index.size()).isEqualTo(3);
        assertThat(index.carrierOf("0988000000")).contains(Carrier.FET);
        assertThat(index.carrierOf("0900000000")).contains(Carrier.TWM);
        assertThat(index.carrierOf("0999999999")).contains(Carrier.TWM);
        assertThat(index.keyAt(0)).isLessThan(index.keyAt(1));
    }

    @Test
    void aBuilderIsUsedOnce() {
        PortedNumberIndex.Builder builder = PortedNumberIndex.builder(1);
        builder.build();
        assertThatThrownBy(builder::build).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aDeltaPortsPortsAgainAndReturnsNumbersWithoutChangingTheOriginal() {
        PortedNumberIndex base = PortedNumberIndex.builder(2)
                .add("0912000001", Carrier.FET)
                .add("0912000002", Carrier.TWM)
                .build();

        PortedNumberIndex next = base.applyDelta(List.of(
                DeltaEntry.port("0912000003", Carrier.TWM), // newly ported
                DeltaEntry.port("0912000001", Carrier.TWM), // ported again, to another carrier
                DeltaEntry.remove("0912000002"), // ported back to its original holder
                DeltaEntry.remove("0912000009"))); // not ported: a no-op

        assertThat(next.carrierOf("0912000001")).contains(Carrier.TWM);
        assertThat(next.carrierOf("0912000002")).isEmpty();
        assertThat(next.carrierOf("0912000003")).contains(Carrier.TWM);
        assertThat(next.size()).isEqualTo(2);
        assertThat(base.carrierOf("0912000001")).contains(Carrier.FET);
        assertThat(base.carrierOf("0912000002")).contains(Carrier.TWM);
        assertThat(base.size()).isEqualTo(2);
    }

    @Test
    void withinADeltaTheLaterLineForANumberWins() {
        PortedNumberIndex next = PortedNumberIndex.empty()
                .applyDelta(List.of(
                        DeltaEntry.port("0930000000", Carrier.CHT),
                        DeltaEntry.remove("0930000000"),
                        DeltaEntry.port("0930000001", Carrier.CHT),
                        DeltaEntry.port("0930000001", Carrier.FET)));

        assertThat(next.carrierOf("0930000000")).isEmpty();
        assertThat(next.carrierOf("0930000001")).contains(Carrier.FET);
    }

    @Test
    void anEmptyDeltaKeepsTheIndex() {
        PortedNumberIndex base = PortedNumberIndex.empty();
        assertThat(base.applyDelta(List.of())).isSameAs(base);
    }

    @Test
    void tenMillionNumbersWouldTakeAboutFiftyMegabytes() {
        PortedNumberIndex.Builder b = PortedNumberIndex.builder(100_000);
        for (int i = 0; i < 100_000; i++) {
            b.add(i * 997, Carrier.values()[i % 3]);
        }
        PortedNumberIndex index = b.build();

        long bucketTable = PortedNumberIndex.empty().retainedBytes(); // fixed 1.6 MB, 0.16 B/number at 10M
        assertThat(index.retainedBytes() - bucketTable).isBetween(5L * 100_000, 5L * 100_000 + 64);
        assertThat(index.countByCarrier()).containsExactly(33_334, 33_333, 33_333);
    }

    @Test
    void deltaEntriesNameTheirCarrierOnlyWhenPorting() {
        assertThatThrownBy(() -> new DeltaEntry(DeltaEntry.Operation.REMOVE, 1, Carrier.CHT))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DeltaEntry(DeltaEntry.Operation.PORT, 1, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DeltaEntry.remove("02-12345678")).isInstanceOf(IllegalArgumentException.class);
        assertThat(DeltaEntry.remove("0912345678").national()).isEqualTo("0912345678");
    }
}
