package tw.gov.sms.routing.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The answer to "which carrier has this number now" (R1.2): the ported-number index first, then the prefix table
 * of original allocations, then the configured default carrier. Immutable; a new data file makes a new instance,
 * published through {@link RoutingIndexHolder}.
 */
public final class RoutingIndex {

    private static final Carrier[] CARRIERS = Carrier.values();
    /** Route is an immutable record: one instance per (carrier, reason) keeps the hot path allocation-free. */
    private static final Route[][] ROUTES = new Route[RouteReason.values().length][CARRIERS.length];

    static {
        for (RouteReason r : RouteReason.values()) {
            for (Carrier c : CARRIERS) {
                ROUTES[r.ordinal()][c.ordinal()] = new Route(c, r);
            }
        }
    }

    private final PortedNumberIndex ported;
    private final PrefixTable prefixes;
    private final Carrier defaultCarrier;
    private final Metadata metadata;

    /**
     * Where the ported numbers came from. {@code version} is the data date of the NP file (snapshot id; a delta
     * moves it to the delta's date), {@code sourceFile} the file name (for a delta, the last one applied).
     */
    public record Metadata(String version, String sourceFile, Instant loadedAt) {
        public Metadata {
            Objects.requireNonNull(version);
            Objects.requireNonNull(sourceFile);
            Objects.requireNonNull(loadedAt);
        }
    }

    public RoutingIndex(PortedNumberIndex ported, PrefixTable prefixes, Carrier defaultCarrier, Metadata metadata) {
        this.ported = Objects.requireNonNull(ported);
        this.prefixes = Objects.requireNonNull(prefixes);
        this.defaultCarrier = Objects.requireNonNull(defaultCarrier);
        this.metadata = Objects.requireNonNull(metadata);
    }

    /** Before any NP file is loaded: prefixes only (every number routes as if never ported). */
    public static RoutingIndex prefixOnly(PrefixTable prefixes, Carrier defaultCarrier, Instant now) {
        return new RoutingIndex(PortedNumberIndex.empty(), prefixes, defaultCarrier, new Metadata("none", "none", now));
    }

    /** The route of a canonical national mobile number {@code 09xxxxxxxx}; never null. */
    public Route route(String national) {
        int key = MobileNumbers.keyOf(national);
        if (key < 0) {
            throw new IllegalArgumentException("not a canonical mobile number: " + national);
        }
        return route(key);
    }

    /** {@link #route(String)} by key ({@link MobileNumbers#keyOf}); allocation-free. */
    public Route route(int key) {
        Route r = find(key);
        return r != null ? r : ROUTES[RouteReason.DEFAULT.ordinal()][defaultCarrier.ordinal()];
    }

    /** The route from the NP data or the prefix table, empty if neither knows the number (no default applied). */
    public Optional<Route> routeKnown(String national) {
        int key = MobileNumbers.keyOf(national);
        return key < 0 ? Optional.empty() : Optional.ofNullable(find(key));
    }

    private Route find(int key) {
        int ordinal = ported.lookupOrdinal(key);
        if (ordinal >= 0) {
            return ROUTES[RouteReason.PORTED.ordinal()][ordinal];
        }
        ordinal = prefixes.originalOrdinal(key);
        return ordinal >= 0 ? ROUTES[RouteReason.PREFIX.ordinal()][ordinal] : null;
    }

    /** The same prefixes and default, with a newly loaded snapshot. */
    public RoutingIndex withSnapshot(PortedNumberIndex snapshot, Metadata metadata) {
        return new RoutingIndex(snapshot, prefixes, defaultCarrier, metadata);
    }

    /**
     * The index with a parsed delta applied. The delta must continue this index ({@code base} equals the loaded
     * version); a gap means a missed delta, and the caller must load a fresh snapshot instead.
     */
    public RoutingIndex withDelta(NpParseResult delta, Instant loadedAt) {
        if (!delta.isValid() || delta.kind() != NpParseResult.Kind.DELTA) {
            throw new IllegalArgumentException("not a valid delta: " + delta);
        }
        String base = delta.header().base().toString();
        if (!base.equals(metadata.version())) {
            throw new IllegalStateException("delta " + delta.sourceName() + " continues " + base
                    + " but the loaded version is " + metadata.version() + "; load a snapshot");
        }
        return new RoutingIndex(
                ported.applyDelta(delta.deltaEntries()),
                prefixes,
                defaultCarrier,
                new Metadata(delta.header().date().toString(), delta.sourceName(), loadedAt));
    }

    public RoutingIndex withPrefixes(PrefixTable newPrefixes) {
        return new RoutingIndex(ported, newPrefixes, defaultCarrier, metadata);
    }

    public PortedNumberIndex ported() {
        return ported;
    }

    public PrefixTable prefixes() {
        return prefixes;
    }

    public Carrier defaultCarrier() {
        return defaultCarrier;
    }

    public Metadata metadata() {
        return metadata;
    }

    @Override
    public String toString() {
        return "RoutingIndex[" + metadata + ", ported=" + ported.size() + ", default=" + defaultCarrier + "]";
    }
}
