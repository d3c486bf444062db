package tw.gov.sms.routing.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import tw.gov.sms.routing.domain.Carrier;
import tw.gov.sms.routing.domain.PrefixTable;
import tw.gov.sms.routing.domain.Route;
import tw.gov.sms.routing.domain.RouteReason;

/**
 * Answers the current carrier of a number (R1.2). Today: the original allocation by prefix; the
 * number-portability index (ported numbers first) plugs in here with the carriers issue.
 */
@ApplicationScoped
public class Router {

    private static final Logger LOG = Logger.getLogger(Router.class.getName());

    private final PrefixTable prefixes = PrefixTable.taiwanDefaults();

    @Inject
    @ConfigProperty(name = "sms.routing.default-carrier", defaultValue = "CHT")
    String defaultCarrier;

    public Route route(String nationalNumber) {
        return prefixes.originalCarrier(nationalNumber)
                .map(c -> new Route(c, RouteReason.PREFIX))
                .orElseGet(() -> {
                    LOG.warning(() -> "no carrier known for block " + nationalNumber.substring(0, 5)
                            + "; using the default carrier " + defaultCarrier);
                    return new Route(Carrier.valueOf(defaultCarrier), RouteReason.DEFAULT);
                });
    }
}
