package tw.gov.sms.routing.domain;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The numbers that have left their original carrier, and the carrier each is with now. Immutable: a new file
 * or a delta makes a new index, which the application swaps in ({@link RoutingIndexHolder}).
 *
 * <p>Layout, chosen to hold 10 million numbers in about 50 MB and answer a lookup without allocating: the keys
 * ({@link MobileNumbers#keyOf}) are a sorted {@code int[]}, the carriers a parallel {@code byte[]} of ordinals
 * (5 bytes a number). A bucket table ({@code int[]} of 390,626 offsets, a fixed 1.6 MB) gives the slice of the key
 * array that shares the key's top bits (~25 keys at 10M), so a lookup touches about two cache lines of keys
 * instead of binary-searching ten million (which cost ~2x the lookup rate with 24k buckets). Rejected:
 * {@code HashMap<String, Carrier>} (~100 bytes a number, 1 GB for 10M) and an open-addressing int hash (2x the
 * memory at a sane load factor, and no ordered merge for deltas).
 */
public final class PortedNumberIndex {

    /** Returned by {@link #lookupOrdinal(int)} for a number that is not ported. */
    public static final int NOT_PORTED = -1;

    private static final int BUCKET_SHIFT = 8;
    private static final int BUCKETS = ((MobileNumbers.KEY_LIMIT - 1) >>> BUCKET_SHIFT) + 1;
    private static final Carrier[] CARRIERS = Carrier.values();
    private static final PortedNumberIndex EMPTY = new PortedNumberIndex(new int[0], new byte[0]);

    private final int[] keys;
    private final byte[] carriers;
    /** keys[bucketStart[b] .. bucketStart[b + 1]) are the keys whose {@code key >>> BUCKET_SHIFT == b}. */
    private final int[] bucketStart;

    private PortedNumberIndex(int[] keys, byte[] carriers) {
        this.keys = keys;
        this.carriers = carriers;
        this.bucketStart = buckets(keys);
    }

    private static int[] buckets(int[] keys) {
        int[] start = new int[BUCKETS + 1];
        int i = 0;
        for (int b = 0; b <= BUCKETS; b++) {
            while (i < keys.length && (keys[i] >>> BUCKET_SHIFT) < b) {
                i++;
            }
            start[b] = i;
        }
        return start;
    }

    public static PortedNumberIndex empty() {
        return EMPTY;
    }

    public static Builder builder(int expectedSize) {
        return new Builder(expectedSize);
    }

    /** The current carrier of a canonical national number, if it has been ported; empty for any other text. */
    public Optional<Carrier> carrierOf(String national) {
        int key = MobileNumbers.keyOf(national);
        if (key < 0) {
            return Optional.empty();
        }
        int ordinal = lookupOrdinal(key);
        return ordinal == NOT_PORTED ? Optional.empty() : Optional.of(CARRIERS[ordinal]);
    }

    /** The {@link Carrier#ordinal()} of a ported number's carrier, or {@link #NOT_PORTED}. Allocation-free. */
    public int lookupOrdinal(int key) {
        if (key < 0 || key >= MobileNumbers.KEY_LIMIT) {
            return NOT_PORTED;
        }
        int b = key >>> BUCKET_SHIFT;
        int lo = bucketStart[b];
        int hi = bucketStart[b + 1] - 1;
        int[] k = keys;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int v = k[mid];
            if (v < key) {
                lo = mid + 1;
            } else if (v > key) {
                hi = mid - 1;
            } else {
                return carriers[mid];
            }
        }
        return NOT_PORTED;
    }

    public int size() {
        return keys.length;
    }

    /** Ported numbers per carrier (indexed by ordinal), for the load report and the health page. */
    public int[] countByCarrier() {
        int[] counts = new int[CARRIERS.length];
        for (byte c : carriers) {
            counts[c]++;
        }
        return counts;
    }

    /** The heap this index retains, from its array sizes (headers included, object headers of 16 bytes). */
    public long retainedBytes() {
        return 16 + 3 * 4 + array(4L * keys.length) + array(carriers.length) + array(4L * bucketStart.length);
    }

    private static long array(long payload) {
        return (16 + payload + 7) & ~7L;
    }

    /** The key at a position in key order (0 ≤ i < size), for exports and tests. */
    public int keyAt(int i) {
        return keys[i];
    }

    /** The carrier at a position in key order (0 ≤ i < size). */
    public Carrier carrierAt(int i) {
        return CARRIERS[carriers[i]];
    }

    /**
     * A new index with the delta applied, in file order (a later entry for the same number wins). A port sets the
     * number's carrier; a removal returns it to its original holder, so the prefix table answers for it again.
     * Removing a number that is not in the index is a no-op (the NP database re-sends removals). This index is not
     * changed (copy-on-write), so lookups on it continue during the merge: O(size + delta · log delta).
     */
    public PortedNumberIndex applyDelta(List<DeltaEntry> delta) {
        Objects.requireNonNull(delta);
        if (delta.isEmpty()) {
            return this;
        }
        // Pack key | position | op so one primitive sort orders by number and, within a number, by file order.
        long[] packed = new long[delta.size()];
        for (int i = 0; i < packed.length; i++) {
            DeltaEntry e = delta.get(i);
            int op = e.operation() == DeltaEntry.Operation.REMOVE
                    ? REMOVE_CODE
                    : e.carrier().ordinal();
            packed[i] = pack(e.key(), i, op);
        }
        Arrays.sort(packed);
        // Keep the last entry per number.
        int n = 0;
        for (int i = 0; i < packed.length; i++) {
            if (i + 1 < packed.length && keyOf(packed[i + 1]) == keyOf(packed[i])) {
                continue;
            }
            packed[n++] = packed[i];
        }
        // Merge the sorted delta into the sorted keys; count first so the arrays are allocated once, exact.
        int size = 0;
        for (int i = 0, j = 0; i < keys.length || j < n; ) {
            if (j >= n || (i < keys.length && keys[i] < keyOf(packed[j]))) {
                size++;
                i++;
            } else {
                if (i < keys.length && keys[i] == keyOf(packed[j])) {
                    i++;
                }
                if (opOf(packed[j]) != REMOVE_CODE) {
                    size++;
                }
                j++;
            }
        }
        int[] newKeys = new int[size];
        byte[] newCarriers = new byte[size];
        int out = 0;
        for (int i = 0, j = 0; i < keys.length || j < n; ) {
            if (j >= n || (i < keys.length && keys[i] < keyOf(packed[j]))) {
                newKeys[out] = keys[i];
                newCarriers[out++] = carriers[i++];
            } else {
                if (i < keys.length && keys[i] == keyOf(packed[j])) {
                    i++;
                }
                int op = opOf(packed[j]);
                if (op != REMOVE_CODE) {
                    newKeys[out] = keyOf(packed[j]);
                    newCarriers[out++] = (byte) op;
                }
                j++;
            }
        }
        return new PortedNumberIndex(newKeys, newCarriers);
    }

    private static final int REMOVE_CODE = 3;
    private static final int MAX_SEQ = (1 << 30) - 1;

    private static long pack(int key, int seq, int op) {
        return ((long) key << 32) | ((long) seq << 2) | op;
    }

    private static int keyOf(long packed) {
        return (int) (packed >>> 32);
    }

    private static int seqOf(long packed) {
        return (int) ((packed >>> 2) & MAX_SEQ);
    }

    private static int opOf(long packed) {
        return (int) (packed & 3);
    }

    @Override
    public String toString() {
        return "PortedNumberIndex[size=" + keys.length + "]";
    }

    /** Told about every number added more than once, with the sequence numbers (lines) of both adds. */
    interface DuplicateSink {
        void duplicate(int key, int earlierSeq, Carrier earlier, int laterSeq, Carrier later);
    }

    /**
     * Collects numbers in any order; {@link #build()} sorts them (one primitive sort of packed longs, 8 bytes a
     * number while building, skipped when the input is already in order) and keeps the last carrier given for a
     * number. Single use, not thread-safe.
     */
    public static final class Builder {

        private long[] packed;
        private int size;
        private int nextSeq;
        private boolean sorted = true;
        private boolean built;

        private Builder(int expectedSize) {
            if (expectedSize < 0) {
                throw new IllegalArgumentException("expectedSize < 0");
            }
            this.packed = new long[Math.max(16, expectedSize)];
        }

        public Builder add(String national, Carrier carrier) {
            int key = MobileNumbers.keyOf(national);
            if (key < 0) {
                throw new IllegalArgumentException("not a canonical mobile number: " + national);
            }
            return add(key, carrier);
        }

        public Builder add(int key, Carrier carrier) {
            add(key, carrier.ordinal(), nextSeq);
            return this;
        }

        /** Adds with an explicit sequence number (the parser passes the line number); must not decrease. */
        void add(int key, int ordinal, int seq) {
            if (built) {
                throw new IllegalStateException("builder already used");
            }
            if (key < 0 || key >= MobileNumbers.KEY_LIMIT) {
                throw new IllegalArgumentException("not a mobile number key: " + key);
            }
            if (seq < nextSeq || seq > MAX_SEQ) {
                throw new IllegalArgumentException("sequence out of order: " + seq);
            }
            if (size == packed.length) {
                packed = Arrays.copyOf(packed, (int) Math.min(Integer.MAX_VALUE - 8, packed.length * 3L / 2 + 16));
            }
            long p = pack(key, seq, ordinal);
            if (size > 0 && p < packed[size - 1]) {
                sorted = false;
            }
            packed[size++] = p;
            nextSeq = seq + 1;
        }

        public int size() {
            return size;
        }

        /** The index; for a number added more than once, the last carrier wins (delta semantics). */
        public PortedNumberIndex build() {
            return build(null);
        }

        PortedNumberIndex build(DuplicateSink duplicates) {
            if (built) {
                throw new IllegalStateException("builder already used");
            }
            built = true;
            long[] p = packed;
            packed = null;
            if (!sorted) {
                Arrays.sort(p, 0, size);
            }
            int distinct = 0;
            for (int i = 0; i < size; i++) {
                if (i + 1 < size && keyOf(p[i + 1]) == keyOf(p[i])) {
                    if (duplicates != null) {
                        duplicates.duplicate(
                                keyOf(p[i]),
                                seqOf(p[i]),
                                CARRIERS[opOf(p[i])],
                                seqOf(p[i + 1]),
                                CARRIERS[opOf(p[i + 1])]);
                    }
                    continue;
                }
                distinct++;
            }
            int[] keys = new int[distinct];
            byte[] carriers = new byte[distinct];
            int out = 0;
            for (int i = 0; i < size; i++) {
                if (i + 1 < size && keyOf(p[i + 1]) == keyOf(p[i])) {
                    continue;
                }
                keys[out] = keyOf(p[i]);
                carriers[out++] = (byte) opOf(p[i]);
            }
            return new PortedNumberIndex(keys, carriers);
        }
    }
}
