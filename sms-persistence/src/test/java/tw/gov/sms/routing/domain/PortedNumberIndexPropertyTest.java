package tw.gov.sms.routing.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** The index against a HashMap oracle, on random numbers clustered so that duplicates and neighbours occur. */
class PortedNumberIndexPropertyTest {

    private static final Carrier[] CARRIERS = Carrier.values();

    @Property(tries = 200)
    void answersLikeAMap(@ForAll long seed, @ForAll @IntRange(min = 0, max = 3000) int n) {
        Random random = new Random(seed);
        int spread = 1 + random.nextInt(MobileNumbers.KEY_LIMIT); // dense or sparse
        Map<Integer, Carrier> oracle = new HashMap<>();
        PortedNumberIndex.Builder builder = PortedNumberIndex.builder(random.nextInt(n + 1));
        for (int i = 0; i < n; i++) {
            int key = random.nextInt(spread);
            Carrier c = CARRIERS[random.nextInt(3)];
            oracle.put(key, c);
            builder.add(key, c);
        }
        PortedNumberIndex index = builder.build();

        assertThat(index.size()).isEqualTo(oracle.size());
        oracle.forEach((key, c) ->
                assertThat(index.carrierOf(MobileNumbers.nationalOf(key))).contains(c));
        for (int i = 0; i < 1000; i++) {
            int probe = random.nextBoolean() ? random.nextInt(spread) : random.nextInt(MobileNumbers.KEY_LIMIT);
            Carrier expected = oracle.get(probe);
            assertThat(index.lookupOrdinal(probe)).isEqualTo(expected == null ? -1 : expected.ordinal());
        }
        for (int i = 1; i < index.size(); i++) {
            assertThat(index.keyAt(i)).isGreaterThan(index.keyAt(i - 1));
        }
    }

    @Property(tries = 200)
    void appliesDeltasLikeAMap(@ForAll long seed) {
        Random random = new Random(seed);
        int spread = 1 + random.nextInt(5000);
        Map<Integer, Carrier> oracle = new HashMap<>();
        PortedNumberIndex.Builder builder = PortedNumberIndex.builder(0);
        for (int i = random.nextInt(2000); i > 0; i--) {
            int key = random.nextInt(spread);
            Carrier c = CARRIERS[random.nextInt(3)];
            oracle.put(key, c);
            builder.add(key, c);
        }
        PortedNumberIndex index = builder.build();
        List<DeltaEntry> delta = new ArrayList<>();
        for (int i = random.nextInt(2000); i > 0; i--) {
            int key = random.nextInt(spread);
            if (random.nextInt(3) == 0) {
                delta.add(new DeltaEntry(DeltaEntry.Operation.REMOVE, key, null));
                oracle.remove(key);
            } else {
                Carrier c = CARRIERS[random.nextInt(3)];
                delta.add(new DeltaEntry(DeltaEntry.Operation.PORT, key, c));
                oracle.put(key, c);
            }
        }

        PortedNumberIndex next = index.applyDelta(delta);

        assertThat(next.size()).isEqualTo(oracle.size());
        for (int key = 0; key < spread; key++) {
            Carrier expected = oracle.get(key);
            assertThat(next.lookupOrdinal(key)).isEqualTo(expected == null ? -1 : expected.ordinal());
        }
    }
}
