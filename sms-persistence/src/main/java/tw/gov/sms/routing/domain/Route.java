package tw.gov.sms.routing.domain;

import java.util.Objects;

/** The carrier chosen for one number, and why (recorded on every message, R1.2). */
public record Route(Carrier carrier, RouteReason reason) {
    public Route {
        Objects.requireNonNull(carrier);
        Objects.requireNonNull(reason);
    }
}
