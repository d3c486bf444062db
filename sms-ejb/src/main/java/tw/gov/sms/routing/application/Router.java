package tw.gov.sms.routing.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.logging.Logger;
import tw.gov.sms.routing.domain.Route;
import tw.gov.sms.routing.domain.RouteReason;

/**
 * Answers the current carrier of a number (R1.2): ported numbers first (number-portability data), then
 * the prefix table of original allocations, else the configured default carrier, which is logged.
 */
@ApplicationScoped
public class Router {

    private static final Logger LOG = Logger.getLogger(Router.class.getName());

    @Inject
    RoutingIndexService index;

    public Route route(String nationalNumber) {
        Route route = index.route(nationalNumber);
        if (route.reason() == RouteReason.DEFAULT) {
            LOG.warning(() -> "no carrier known for block " + nationalNumber.substring(0, 5) + "; using the default "
                    + route.carrier());
        }
        return route;
    }
}
