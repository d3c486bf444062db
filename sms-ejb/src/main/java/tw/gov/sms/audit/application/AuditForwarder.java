package tw.gov.sms.audit.application;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import tw.gov.sms.audit.domain.ChainedEvent;
import tw.gov.sms.audit.infrastructure.jdbc.AuditForwardingStore;
import tw.gov.sms.audit.infrastructure.syslog.SyslogFormat;
import tw.gov.sms.audit.infrastructure.syslog.SyslogSender;

/**
 * Copies the audit trail to the external log collector, one batch per transaction: lock the forwarding mark (one
 * instance at a time, the others skip), read the events after it, send them, and move the mark in the same
 * transaction only once the collector took them. Then, still holding the lock, it decides whether a forwarding outage
 * opens (events it could see have waited longer than {@code sms.audit.forward.alert-after-seconds}: it watches the
 * chain head it saw, and the mark must reach it in time) or closes (nothing pending), so exactly one instance reports
 * it; {@link AuditAlarm} mails after the commit.
 */
@Stateless
public class AuditForwarder {

    @Resource(lookup = "jdbc/sms")
    DataSource dataSource;

    @Inject
    AuditForwardingSettings settings;

    @Inject
    SyslogSender sender;

    private final AuditForwardingStore store = new AuditForwardingStore();
    private SyslogFormat format;

    @PostConstruct
    void init() {
        format = settings.format();
    }

    /** What one round did; {@code outage} is the change this round made, if any, with the state it saw. */
    public record Round(
            boolean busy, int sent, boolean more, String error, Outage outage, AuditForwardingStore.Status status) {

        static Round skipped() {
            return new Round(true, 0, false, null, Outage.UNCHANGED, null);
        }
    }

    public enum Outage {
        UNCHANGED,
        OPENED,
        CLOSED
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Round forwardBatch() {
        String host = settings.host().orElseThrow(() -> new IllegalStateException("forwarding is off"));
        try (Connection c = dataSource.getConnection()) {
            Optional<Long> mark = store.lock(c);
            if (mark.isEmpty()) {
                return Round.skipped();
            }
            List<ChainedEvent> batch = store.after(c, mark.get(), settings.batch());
            int sent = 0;
            String error = null;
            if (!batch.isEmpty()) {
                try {
                    sender.send(
                            host,
                            settings.port(),
                            batch.stream().map(format::frame).toList());
                    store.forwarded(c, batch.get(batch.size() - 1).seq(), Instant.now());
                    sent = batch.size();
                } catch (IOException e) {
                    error = "collector " + host + ":" + settings.port() + ": " + e;
                    store.failed(c, Instant.now(), error);
                }
            }
            Instant now = Instant.now();
            AuditForwardingStore.Status status = store.status(c);
            if (status.watchDone() && status.watchSeq() != status.headSeq()) {
                store.watch(c, status.headSeq(), now); // what is visible now must be gone within alert-after
                status = store.status(c);
            }
            Outage outage = Outage.UNCHANGED;
            if (status.lagging(settings.alertAfter(), now)) {
                if (store.openForwardOutage(c, now)) {
                    outage = Outage.OPENED;
                }
            } else if (status.pending() == 0 && status.forwardOutageSince() != null) {
                if (store.closeForwardOutage(c)) {
                    outage = Outage.CLOSED;
                }
            }
            boolean more = error == null && batch.size() == settings.batch();
            return new Round(false, sent, more, error, outage, status);
        } catch (SQLException e) {
            throw new IllegalStateException("forwarding the audit trail failed", e);
        }
    }
}
