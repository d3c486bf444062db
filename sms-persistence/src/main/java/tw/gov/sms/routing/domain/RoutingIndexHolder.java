package tw.gov.sms.routing.domain;

import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * The routing index in use. Readers take {@link #current()} (one volatile read, no lock) and route a whole
 * message or batch with that instance; a loader builds the next index off to the side and {@link #swap}s it in.
 * Sending never pauses: lookups in flight finish on the old index, later ones see the new one, and the old one
 * is garbage once no reader holds it. Writers are serialised so a delta cannot be lost under a concurrent
 * snapshot load.
 */
public final class RoutingIndexHolder {

    private volatile RoutingIndex current;

    public RoutingIndexHolder(RoutingIndex initial) {
        this.current = Objects.requireNonNull(initial);
    }

    public RoutingIndex current() {
        return current;
    }

    /** Publishes {@code next}; returns the index it replaced. */
    public synchronized RoutingIndex swap(RoutingIndex next) {
        RoutingIndex previous = current;
        current = Objects.requireNonNull(next);
        return previous;
    }

    /**
     * Derives the next index from the current one (e.g. {@code idx -> idx.withDelta(d, now)}) and publishes it,
     * atomically with respect to other writers. The function runs under the writer lock, not the readers'.
     */
    public synchronized RoutingIndex update(UnaryOperator<RoutingIndex> change) {
        RoutingIndex next = Objects.requireNonNull(change.apply(current));
        current = next;
        return next;
    }
}
