package tw.gov.sms.carrier.infrastructure;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ContextService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import tw.gov.sms.carrier.application.ReceiptService;
import tw.gov.sms.carrier.infrastructure.smpp.ConcatenationMode;
import tw.gov.sms.carrier.infrastructure.smpp.LinkListener;
import tw.gov.sms.carrier.infrastructure.smpp.LinkStatus;
import tw.gov.sms.carrier.infrastructure.smpp.ReceiptEvent;
import tw.gov.sms.carrier.infrastructure.smpp.SmppCarrierLink;
import tw.gov.sms.carrier.infrastructure.smpp.SmppEndpoint;
import tw.gov.sms.carrier.infrastructure.smpp.SmppLinkSettings;
import tw.gov.sms.routing.domain.Carrier;

/**
 * Owns one pooled, reconnecting SMPP link per carrier for the life of the deployment (R1.3, R8.1).
 * Settings come from MicroProfile Config ({@code sms.carrier.<CODE>.*}, i.e. {@code SMS_CARRIER_CHT_ENDPOINTS}
 * and friends), so any SMSC can replace the simulator. Timing uses the server's managed scheduled
 * executor; receipts arriving on the SMPP library's reader threads are handed to {@link ReceiptService}
 * through a contextual proxy, so they run with the application's context and transactions.
 */
@Singleton
@Startup
@DependsOn("DatabaseMigrator")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class CarrierLinks {

    private static final Logger LOG = Logger.getLogger(CarrierLinks.class.getName());

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Resource
    ContextService contextService;

    @Inject
    Config config;

    @Inject
    ReceiptService receipts;

    private final Map<Carrier, SmppCarrierLink> links = new EnumMap<>(Carrier.class);

    @PostConstruct
    void start() {
        ReceiptService receiptService = receipts;
        LinkListener plain = new LinkListener() {
            @Override
            public void onReceipt(ReceiptEvent receipt) {
                receiptService.apply(receipt);
            }

            @Override
            public void onLinkStateChanged(LinkStatus status) {
                LOG.info(() -> "carrier link " + status.carrierCode() + " ready=" + status.ready());
            }
        };
        LinkListener listener = contextService.createContextualProxy(plain, LinkListener.class);
        for (Carrier carrier : Carrier.values()) {
            Optional<SmppLinkSettings> settings = settings(carrier);
            if (settings.isEmpty()) {
                LOG.warning(() -> "no SMSC endpoints configured for " + carrier + " (sms.carrier." + carrier
                        + ".endpoints): its messages will wait until one is");
                continue;
            }
            SmppCarrierLink link = new SmppCarrierLink(settings.get(), scheduler, listener);
            links.put(carrier, link);
            link.start();
        }
    }

    @PreDestroy
    void stop() {
        links.values().forEach(link -> {
            try {
                link.close();
            } catch (RuntimeException e) {
                LOG.warning("closing a carrier link failed: " + e);
            }
        });
        links.clear();
    }

    public Optional<SmppCarrierLink> link(Carrier carrier) {
        return Optional.ofNullable(links.get(carrier));
    }

    public Collection<LinkStatus> statuses() {
        return links.values().stream().map(SmppCarrierLink::status).toList();
    }

    public List<Carrier> configuredCarriers() {
        return List.copyOf(links.keySet());
    }

    private Optional<SmppLinkSettings> settings(Carrier carrier) {
        String p = "sms.carrier." + carrier.name() + ".";
        Optional<String> endpoints = config.getOptionalValue(p + "endpoints", String.class);
        if (endpoints.isEmpty() || endpoints.get().isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new SmppLinkSettings(
                carrier.name(),
                SmppEndpoint.parseList(endpoints.get()),
                value(p + "system-id", "sms111"),
                value(p + "password", ""),
                value(p + "system-type", ""),
                Integer.parseInt(value(p + "binds", "2")),
                Integer.parseInt(value(p + "window", "10")),
                Integer.parseInt(value(p + "max-per-second", "1000")),
                Byte.parseByte(value(p + "source-ton", "3")),
                Byte.parseByte(value(p + "source-npi", "0")),
                ConcatenationMode.valueOf(value(p + "concatenation", "UDH8")),
                Duration.ofSeconds(Long.parseLong(value(p + "enquire-link-seconds", "30"))),
                Duration.ofMillis(Long.parseLong(value(p + "response-timeout-ms", "10000"))),
                Duration.ofMillis(Long.parseLong(value(p + "reconnect-min-ms", "500"))),
                Duration.ofMillis(Long.parseLong(value(p + "reconnect-max-ms", "30000")))));
    }

    private String value(String key, String defaultValue) {
        return config.getOptionalValue(key, String.class).orElse(defaultValue);
    }
}
