package tw.gov.sms.shared.interfaces.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;
import tw.gov.sms.audit.infrastructure.jdbc.AuditForwardingStore;
import tw.gov.sms.carrier.infrastructure.CarrierLinks;
import tw.gov.sms.carrier.infrastructure.smpp.LinkStatus;
import tw.gov.sms.routing.domain.Carrier;

/**
 * MicroProfile Health for monitoring (R8.2, R9.7): liveness says the application runs; readiness covers
 * the database, the JMS broker and each carrier's SMPP link (ready when at least one bind is up), and reports
 * the audit logging state ({@code audit-forwarding}).
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
     * The copy of the audit trail to the external collector and the logging outages (docs/security.md §6): how
     * far the copy is, how long the oldest pending event has waited, and any open outage. UP even during an
     * outage unless {@code sms.audit.forward.health-down} is true: the collector is shared by every instance, so
     * a DOWN readiness would take the whole deployment group out of the load balancer for a problem of the copy
     * (the trail itself is intact and actions go on being audited); the alert is the mail and the SEVERE log,
     * and monitoring reads {@code outage} here.
     */
    @Produces
    @Readiness
    HealthCheck auditForwarding() {
        return () -> {
            var builder = HealthCheckResponse.named("audit-forwarding");
            Config config = ConfigProvider.getConfig();
            String host = config.getOptionalValue("sms.audit.forward.host", String.class)
                    .map(String::trim)
                    .filter(h -> !h.isEmpty())
                    .orElse(null);
            int port = config.getOptionalValue("sms.audit.forward.port", Integer.class)
                    .orElse(514);
            Duration alertAfter =
                    Duration.ofSeconds(config.getOptionalValue("sms.audit.forward.alert-after-seconds", Integer.class)
                            .orElse(300));
            boolean downOnOutage = config.getOptionalValue("sms.audit.forward.health-down", Boolean.class)
                    .orElse(false);
            builder.withData("collector", host == null ? "off" : host + ":" + port);
            try (Connection c = lookup("jdbc/sms", DataSource.class).getConnection()) {
                AuditForwardingStore.Status s = new AuditForwardingStore().status(c);
                Instant now = Instant.now();
                builder.withData("forwardedSeq", s.forwardedSeq())
                        .withData("headSeq", s.headSeq())
                        .withData("pending", s.pending())
                        .withData("lagSeconds", s.lag(now).toSeconds())
                        .withData(
                                "oldestPendingAgeSeconds",
                                s.oldestPendingAt() == null || s.pending() == 0
                                        ? 0
                                        : Math.max(
                                                0,
                                                Duration.between(s.oldestPendingAt(), now)
                                                        .toSeconds()))
                        .withData("alertAfterSeconds", alertAfter.toSeconds());
                boolean forwardOutage = s.forwardOutageSince() != null || (host != null && s.lagging(alertAfter, now));
                boolean writeOutage = s.writeOutageSince() != null;
                builder.withData("outage", forwardOutage || writeOutage);
                if (s.forwardOutageSince() != null) {
                    builder.withData(
                            "forwardOutageSince", s.forwardOutageSince().toString());
                }
                if (s.failingSince() != null) {
                    builder.withData("failingSince", s.failingSince().toString());
                }
                if (s.lastError() != null) {
                    builder.withData("lastError", s.lastError());
                }
                if (writeOutage) {
                    builder.withData("writeOutageSince", s.writeOutageSince().toString());
                    builder.withData("writeError", String.valueOf(s.writeError()));
                }
                return builder.status(!(downOnOutage && (forwardOutage || writeOutage)))
                        .build();
            } catch (Exception e) {
                return builder.down().withData("error", e.toString()).build();
            }
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
