package tw.gov.sms.carrier.application;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tw.gov.sms.account.application.AccountException;
import tw.gov.sms.account.domain.Actor;
import tw.gov.sms.account.domain.Role;
import tw.gov.sms.carrier.infrastructure.CarrierLinks;
import tw.gov.sms.carrier.infrastructure.smpp.BindStatus;
import tw.gov.sms.carrier.infrastructure.smpp.LinkStatus;
import tw.gov.sms.carrier.infrastructure.smpp.SmppCarrierLink;
import tw.gov.sms.carrier.infrastructure.smpp.SmppLinkSettings;
import tw.gov.sms.routing.domain.Carrier;

/**
 * The live state of this instance's carrier links for system administrators (issue 8 item 7, R8.2,
 * R9.7): per carrier its endpoints, each bind up or down with its endpoint, since when and its last error,
 * the window in use, the submit rate, and the bind attempts beyond the first of each bind (reconnects).
 * Read-only views: no SMPP type and no credential leaves this class. Each instance of a deployment group
 * runs its own links, so the view names the instance it describes.
 *
 * <p>Reading the link state is not audited: the page polls every few seconds and the state holds no
 * agency's data; changes to the links are made in configuration, not here.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class CarrierLinkMonitor {

    /** Readings closer together than this keep the previous rate (several viewers at once). */
    static final Duration RATE_INTERVAL = Duration.ofSeconds(2);

    @Inject
    CarrierLinks links;

    private final Map<Carrier, SubmitRate> rates = new EnumMap<>(Carrier.class);

    public CarrierLinkMonitor() {
        for (Carrier c : Carrier.values()) {
            rates.put(c, new SubmitRate(RATE_INTERVAL));
        }
    }

    /** One bind (SMPP session) of a link. */
    public record BindView(int index, String endpoint, boolean bound, OffsetDateTime since, String lastError) {}

    /**
     * One carrier's link; for a carrier without configured endpoints only {@code configured = false}.
     *
     * @param submitRate submits per second since the previous reading, null until measured
     * @param reconnects bind attempts beyond the first of each bind
     */
    public record LinkView(
            String carrier,
            String nameZh,
            String nameEn,
            boolean configured,
            boolean ready,
            List<String> endpoints,
            int binds,
            long bound,
            int window,
            int windowInUse,
            int maxPerSecond,
            String concatenation,
            long submitted,
            Double submitRate,
            long bindAttempts,
            long reconnects,
            List<BindView> bindViews) {

        public LinkView {
            endpoints = List.copyOf(endpoints);
            bindViews = List.copyOf(bindViews);
        }

        /** The first error a bind of this link reports, for the summary row; null while every bind is healthy. */
        public String lastError() {
            return bindViews.stream()
                    .map(BindView::lastError)
                    .filter(e -> e != null && !e.isBlank())
                    .findFirst()
                    .orElse(null);
        }
    }

    /** Every carrier's link on this instance, read at {@code at}. */
    public record Snapshot(String instance, Instant at, List<LinkView> links) {
        public Snapshot {
            links = List.copyOf(links);
        }
    }

    public Snapshot snapshot(Actor actor) {
        if (!actor.has(Role.SYSTEM_ADMIN)) {
            throw AccountException.notPermitted(
                    "只有系統管理者可查看電信業者連線。", "Only system administrators may see the carrier links.");
        }
        long now = System.nanoTime();
        List<LinkView> views = new ArrayList<>();
        for (Carrier carrier : Carrier.values()) {
            Optional<SmppCarrierLink> link = links.link(carrier);
            views.add(link.map(l -> view(carrier, l, now)).orElseGet(() -> unconfigured(carrier)));
        }
        return new Snapshot(System.getProperty("com.sun.aas.instanceName", "server"), Instant.now(), views);
    }

    private LinkView view(Carrier carrier, SmppCarrierLink link, long nanoTime) {
        SmppLinkSettings settings = link.settings();
        LinkStatus status = link.status();
        long submitted = link.submitted();
        var rate = rates.get(carrier).sample(submitted, nanoTime);
        List<BindView> binds =
                status.binds().stream().map(CarrierLinkMonitor::bind).toList();
        return new LinkView(
                carrier.name(),
                carrier.nameZh(),
                carrier.nameEn(),
                true,
                status.ready(),
                settings.endpoints().stream().map(Object::toString).toList(),
                settings.binds(),
                status.boundCount(),
                settings.windowSize(),
                link.windowInUse(),
                settings.maxPerSecond(),
                settings.concatenation().name(),
                submitted,
                rate.isPresent() ? rate.getAsDouble() : null,
                link.bindAttempts(),
                reconnects(link.bindAttempts(), settings.binds()),
                binds);
    }

    private static BindView bind(BindStatus b) {
        return new BindView(b.index(), b.endpoint().toString(), b.bound(), b.since(), b.lastError());
    }

    private static LinkView unconfigured(Carrier carrier) {
        return new LinkView(
                carrier.name(),
                carrier.nameZh(),
                carrier.nameEn(),
                false,
                false,
                List.of(),
                0,
                0,
                0,
                0,
                0,
                "",
                0,
                null,
                0,
                0,
                List.of());
    }

    /** Bind attempts beyond the first of each bind: every one of them followed a failure or a lost session. */
    static long reconnects(long bindAttempts, int binds) {
        return Math.max(0, bindAttempts - binds);
    }
}
