package tw.gov.sms.routing.domain;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The original allocation of mobile number blocks to carriers. It only says who first held a block;
 * ported numbers are answered before it (the number-portability index arrives with the carriers issue).
 * Longest prefix wins, so a block split at five digits (0931x) overrides its four-digit parent.
 */
public final class PrefixTable {

    private static final Carrier[] CARRIERS = Carrier.values();

    private final TreeMap<String, Carrier> prefixes;
    /**
     * For the routing hot path: by the three digits after "09", 1 + the ordinal of the longest 4- or 5-digit
     * prefix that covers the block (0: none), and whether a longer prefix splits the block further.
     */
    private final byte[] block5 = new byte[1000];

    private final boolean[] splitBelow5 = new boolean[1000];

    public PrefixTable(Map<String, Carrier> prefixes) {
        prefixes.keySet().forEach(p -> {
            if (!p.matches("09\\d{2,6}")) {
                throw new IllegalArgumentException("not a mobile number prefix: " + p);
            }
        });
        this.prefixes = new TreeMap<>(prefixes);
        this.prefixes.forEach((p, c) -> {
            if (p.length() == 4) {
                int first = (p.charAt(2) - '0') * 100 + (p.charAt(3) - '0') * 10;
                for (int b = first; b < first + 10; b++) {
                    if (block5[b] == 0) {
                        block5[b] = (byte) (c.ordinal() + 1);
                    }
                }
            }
        });
        this.prefixes.forEach((p, c) -> {
            int b = p.length() >= 5 ? Integer.parseInt(p.substring(2, 5)) : -1;
            if (p.length() == 5) {
                block5[b] = (byte) (c.ordinal() + 1);
            } else if (p.length() > 5) {
                splitBelow5[b] = true;
            }
        });
    }

    /** The allocations published in DOMAIN.md (IR.21-based sample), the seed of the editable table. */
    public static PrefixTable taiwanDefaults() {
        Map<String, Carrier> m = new TreeMap<>();
        put(m, Carrier.CHT, "0910 0911 0912 0919 0921 0928 0932 0933 0934 0937 0963 0972 0975 0978 0988");
        put(
                m,
                Carrier.TWM,
                "0909 0918 0920 0922 0923 0929 0935 0939 0952 0953 0970 0979 0983 0987 0908 0973 0986" + " 0931");
        put(
                m,
                Carrier.FET,
                "0903 0913 0915 0916 0917 0925 0926 0927 0930 0936 0938 0955 0976 0981 0989"
                        + " 0906 0907 0980 0982 0985 09310 09311 09312 09313");
        return new PrefixTable(m);
    }

    private static void put(Map<String, Carrier> m, Carrier carrier, String prefixes) {
        for (String p : prefixes.split("\\s+")) {
            m.put(p, carrier);
        }
    }

    /** The original holder of a canonical national number ({@code 09xxxxxxxx}), if its block is known. */
    public Optional<Carrier> originalCarrier(String nationalNumber) {
        for (int length = Math.min(8, nationalNumber.length()); length >= 4; length--) {
            Carrier c = prefixes.get(nationalNumber.substring(0, length));
            if (c != null) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /**
     * The ordinal of the original holder of a number given by its key ({@link MobileNumbers#keyOf}), or -1 if its
     * block is in no table. Same answer as {@link #originalCarrier}, without allocating for blocks of 4 or 5 digits.
     */
    public int originalOrdinal(int key) {
        if (key < 0 || key >= MobileNumbers.KEY_LIMIT) {
            return -1;
        }
        int block = key / 100_000;
        if (splitBelow5[block]) {
            return originalCarrier(MobileNumbers.nationalOf(key))
                    .map(Carrier::ordinal)
                    .orElse(-1);
        }
        return block5[block] - 1;
    }

    /** {@link #originalOrdinal} as a carrier. */
    public Optional<Carrier> originalCarrier(int key) {
        int ordinal = originalOrdinal(key);
        return ordinal < 0 ? Optional.empty() : Optional.of(CARRIERS[ordinal]);
    }

    public Map<String, Carrier> entries() {
        return Map.copyOf(prefixes);
    }
}
