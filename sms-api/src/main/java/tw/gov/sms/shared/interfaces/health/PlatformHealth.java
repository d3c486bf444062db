package tw.gov.sms.shared.interfaces.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import java.sql.Connection;
import java.util.Collections;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;
import tw.gov.sms.carrier.infrastructure.CarrierLinks;
import tw.gov.sms.carrier.infrastructure.smpp.LinkStatus;
import tw.gov.sms.routing.domain.Carrier;

/**
 * MicroProfile Health for monitoring (R8.2, R9.7): liveness says the application runs; readiness covers
 * the database, the JMS broker and each carrier's SMPP link (ready when at least one bind is up).
 */
@ApplicationScoped
public class PlatformHealth {

    @Inject
    CarrierLinks links;

    @Produces
    @Liveness
    HealthCheck application() {
        return () -> HealthCheckResponse.up("application");
    }

    @Produces
    @Readiness
    HealthCheck database() {
        return () -> {
            try (Connection c = lookup("jdbc/sms", DataSource.class).getConnection()) {
                return HealthCheckResponse.named("database")
                        .status(c.isValid(2))
                        .withData("product", c.getMetaData().getDatabaseProductVersion())
                        .build();
            } catch (Exception e) {
                return HealthCheckResponse.named("database")
                        .down()
                        .withData("error", e.toString())
                        .build();
            }
        };
    }

    @Produces
    @Readiness
    HealthCheck broker() {
        return () -> {
            try (JMSContext jms = lookup("jms/sms/ConnectionFactory", ConnectionFactory.class)
                            .createContext();
                    QueueBrowser browser = jms.createBrowser(lookup("jms/sms/dispatch", Queue.class))) {
                int depth = Collections.list(browser.getEnumeration()).size();
                return HealthCheckResponse.named("broker")
                        .up()
                        .withData("dispatchQueueDepth", depth)
                        .build();
            } catch (Exception e) {
                return HealthCheckResponse.named("broker")
                        .down()
                        .withData("error", e.toString())
                        .build();
            }
        };
    }

    @Produces
    @Readiness
    HealthCheck carriers() {
        return () -> {
            var builder = HealthCheckResponse.named("carrier-links");
            boolean allReady = true;
            for (Carrier carrier : Carrier.values()) {
                LinkStatus status = links.link(carrier).map(l -> l.status()).orElse(null);
                if (status == null) {
                    builder.withData(carrier.name(), "not configured");
                    allReady = false;
                    continue;
                }
                long bound = status.binds().stream().filter(b -> b.bound()).count();
                builder.withData(carrier.name(), bound + "/" + status.binds().size() + " binds up");
                allReady &= status.ready();
            }
            return builder.status(allReady).build();
        };
    }

    /**
     * Global JNDI names, looked up when the check runs: the health runtime calls checks outside this
     * module's naming context, where {@code @Resource} injection into the bean failed to resolve.
     */
    private static <T> T lookup(String name, Class<T> type) throws NamingException {
        return type.cast(new InitialContext().lookup(name));
    }
}
