package tw.gov.sms.audit.application;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every {@code sms.audit.forward.interval-seconds} (default 2), on every instance: forwards the audit events written
 * since the last round to the external collector ({@link AuditForwarder}, batches until none is left; one instance at
 * a time, the others skip), mails forwarding outages and recoveries ({@link AuditAlarm}), and reports failed audit
 * writes. A non-persistent interval timer: after a restart forwarding resumes from the mark in the database.
 */
@Singleton
@Startup
@DependsOn("DatabaseMigrator")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class AuditForwardingTimer {

    private static final Logger LOG = Logger.getLogger(AuditForwardingTimer.class.getName());

    /** Batches per tick at most, so a large backlog does not keep one tick running for ever. */
    private static final int MAX_BATCHES = 50;

    private final AtomicBoolean running = new AtomicBoolean();
    private volatile boolean failing;

    @Resource
    TimerService timers;

    @Inject
    AuditForwardingSettings settings;

    @Inject
    AuditForwarder forwarder;

    @Inject
    AuditAlarm alarm;

    @PostConstruct
    void start() {
        long every = settings.intervalSeconds() * 1000L;
        timers.createIntervalTimer(every, every, new TimerConfig("audit-forwarding", false));
        if (settings.enabled()) {
            LOG.info(() -> "audit trail: copied to " + settings.describe() + " every " + settings.intervalSeconds()
                    + " s (RFC 5424 over TCP); alert after "
                    + settings.alertAfter().toSeconds() + " s");
        } else {
            Level level = settings.production() ? Level.WARNING : Level.INFO;
            LOG.log(
                    level,
                    "audit trail: NOT copied to a separate system (sms.audit.forward.host is empty); the baseline"
                            + " asks for a copy: set sms.audit.forward.host and sms.audit.forward.port");
        }
    }

    @Timeout
    void tick() {
        if (!running.compareAndSet(false, true)) {
            return; // the previous tick is still sending
        }
        try {
            if (settings.enabled()) {
                forward();
            }
            try {
                alarm.checkWrites();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "checking for failed audit writes failed; tried again at the next tick", e);
            }
        } finally {
            running.set(false);
        }
    }

    private void forward() {
        for (int i = 0; i < MAX_BATCHES; i++) {
            AuditForwarder.Round round;
            try {
                round = forwarder.forwardBatch();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "an audit forwarding round failed; tried again at the next tick", e);
                return;
            }
            if (round.busy()) {
                return; // another instance forwards right now
            }
            report(round);
            if (!round.more()) {
                return;
            }
        }
    }

    private void report(AuditForwarder.Round round) {
        if (round.error() != null && !failing) {
            failing = true;
            LOG.warning(() -> "audit forwarding failed, retried every " + settings.intervalSeconds() + " s (an alert"
                    + " follows after " + settings.alertAfter().toSeconds() + " s): " + round.error());
        } else if (round.error() == null && round.sent() > 0 && failing) {
            failing = false;
            LOG.info(() -> "audit forwarding works again");
        }
        try {
            switch (round.outage()) {
                case OPENED -> alarm.forwardingOutageOpened(round.status());
                case CLOSED -> alarm.forwardingRecovered(round.status());
                case UNCHANGED -> {}
            }
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "alerting about audit forwarding failed", e);
        }
    }
}
