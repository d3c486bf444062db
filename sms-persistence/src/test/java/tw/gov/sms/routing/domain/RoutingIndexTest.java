package tw.gov.sms.routing.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.io.StringWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RoutingIndexTest {

    private static final Instant NOW = Instant.parse("2026-11-27T02:00:00Z");
    private final PrefixTable prefixes = PrefixTable.taiwanDefaults();

    private RoutingIndex index(PortedNumberIndex ported) {
        return new RoutingIndex(
                ported, prefixes, Carrier.CHT, new RoutingIndex.Metadata("2026-11-27", "np-20261127.txt", NOW));
    }

    @Test
    void aPortedNumberRoutesToItsNewCarrierNotItsPrefix() {
        RoutingIndex index = index(
                PortedNumberIndex.builder(1).add("0912345678", Carrier.FET).build());

        assertThat(index.route("0912345678")).isEqualTo(new Route(Carrier.FET, RouteReason.PORTED));
        assertThat(index.route("0912345679")).isEqualTo(new Route(Carrier.CHT, RouteReason.PREFIX));
    }

    @Test
    void aNumberPortedToItsOriginalHolderStillSaysPorted() {
        RoutingIndex index = index(
                PortedNumberIndex.builder(1).add("0912345678", Carrier.CHT).build());

        assertThat(index.route("0912345678")).isEqualTo(new Route(Carrier.CHT, RouteReason.PORTED));
    }

    @Test
    void fiveDigitBlocksOverrideTheirFourDigitParent() {
        RoutingIndex index = index(PortedNumberIndex.empty());

        for (String n : new String[] {"0931000000", "0931199999", "0931200000", "0931399999"}) {
            assertThat(index.route(n)).as(n).isEqualTo(new Route(Carrier.FET, RouteReason.PREFIX));
        }
        for (String n : new String[] {"0931400000", "0931500000", "0931999999"}) {
            assertThat(index.route(n)).as(n).isEqualTo(new Route(Carrier.TWM, RouteReason.PREFIX));
        }
    }

    @Test
    void anUnknownBlockGoesToTheDefaultCarrier() {
        RoutingIndex index = index(PortedNumberIndex.empty());

        assertThat(index.route("0940000000")).isEqualTo(new Route(Carrier.CHT, RouteReason.DEFAULT));
        assertThat(index.routeKnown("0940000000")).isEmpty();
        assertThat(index.routeKnown("0910000000")).contains(new Route(Carrier.CHT, RouteReason.PREFIX));
    }

    @Test
    void aPortedNumberInAnUnknownBlockIsStillPorted() {
        RoutingIndex index = index(
                PortedNumberIndex.builder(1).add("0940000000", Carrier.TWM).build());

        assertThat(index.route("0940000000")).isEqualTo(new Route(Carrier.TWM, RouteReason.PORTED));
    }

    @Test
    void refusesTextThatIsNotACanonicalNumber() {
        RoutingIndex index = index(PortedNumberIndex.empty());

        assertThatThrownBy(() -> index.route("+886912345678")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aDeltaMustContinueTheLoadedVersion() {
        RoutingIndex index = index(
                PortedNumberIndex.builder(1).add("0912345678", Carrier.FET).build());
        NpParseResult next = delta(LocalDate.parse("2026-11-28"), LocalDate.parse("2026-11-27"));
        NpParseResult gap = delta(LocalDate.parse("2026-11-30"), LocalDate.parse("2026-11-29"));

        RoutingIndex updated = index.withDelta(next, NOW.plusSeconds(86_400));

        assertThat(updated.route("0912345678")).isEqualTo(new Route(Carrier.CHT, RouteReason.PREFIX));
        assertThat(updated.route("0933000000")).isEqualTo(new Route(Carrier.TWM, RouteReason.PORTED));
        assertThat(updated.metadata().version()).isEqualTo("2026-11-28");
        assertThat(updated.metadata().sourceFile()).isEqualTo("delta.txt");
        assertThat(index.route("0912345678").reason()).isEqualTo(RouteReason.PORTED);
        assertThatThrownBy(() -> updated.withDelta(gap, NOW)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theHolderSwapsTheWholeIndexAtOnce() {
        RoutingIndex before = RoutingIndex.prefixOnly(prefixes, Carrier.CHT, NOW);
        RoutingIndexHolder holder = new RoutingIndexHolder(before);
        RoutingIndex after = index(
                PortedNumberIndex.builder(1).add("0912345678", Carrier.FET).build());

        assertThat(holder.current().route("0912345678").reason()).isEqualTo(RouteReason.PREFIX);
        assertThat(holder.swap(after)).isSameAs(before);
        assertThat(holder.current().route("0912345678")).isEqualTo(new Route(Carrier.FET, RouteReason.PORTED));
        assertThat(holder.update(i -> i.withPrefixes(new PrefixTable(Map.of("0912", Carrier.TWM)))))
                .isSameAs(holder.current());
        assertThat(holder.current().route("0912000000")).isEqualTo(new Route(Carrier.TWM, RouteReason.PREFIX));
    }

    @Test
    void readersNeverSeeAMissingIndexDuringSwaps() throws Exception {
        RoutingIndex a = index(
                PortedNumberIndex.builder(1).add("0912345678", Carrier.FET).build());
        RoutingIndex b = index(
                PortedNumberIndex.builder(1).add("0912345678", Carrier.TWM).build());
        RoutingIndexHolder holder = new RoutingIndexHolder(a);
        int[] seen = new int[3];
        Thread reader = new Thread(() -> {
            for (int i = 0; i < 2_000_000; i++) {
                seen[holder.current().route("0912345678").carrier().ordinal()]++;
            }
        });
        reader.start();
        for (int i = 0; reader.isAlive(); i++) {
            holder.swap(i % 2 == 0 ? b : a);
        }
        reader.join();

        assertThat(seen[Carrier.CHT.ordinal()]).isZero();
        assertThat(seen[Carrier.FET.ordinal()] + seen[Carrier.TWM.ordinal()]).isEqualTo(2_000_000);
    }

    private static NpParseResult delta(LocalDate date, LocalDate base) {
        StringWriter w = new StringWriter();
        try (NpFileWriter f = NpFileWriter.delta(w, date, base, "TWNP", 2)) {
            f.remove("0912345678").port("0933000000", Carrier.TWM);
        }
        NpParseResult result = new NpFileParser().parseDelta(new StringReader(w.toString()), "delta.txt");
        assertThat(result.errors()).isEmpty();
        return result;
    }
}
