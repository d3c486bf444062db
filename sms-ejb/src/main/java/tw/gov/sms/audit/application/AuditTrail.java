package tw.gov.sms.audit.application;

import jakarta.annotation.Resource;
import jakarta.ejb.ApplicationException;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import java.io.IOException;
import java.io.Writer;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import tw.gov.sms.audit.domain.AuditEvent;
import tw.gov.sms.audit.domain.AuditQuery;
import tw.gov.sms.audit.domain.StoredEvent;
import tw.gov.sms.audit.infrastructure.jdbc.AuditLog;

/**
 * The audit trail as a use case: record an event, verify the chain, search and export (R5.3, R9.2).
 *
 * <p>An action that cannot be audited must not happen: when an event cannot be written this bean logs
 * it at SEVERE (the alert the baseline asks for when audit logging fails, with the event itself so it
 * is not lost) and throws {@link AuditUnavailableException}, which rolls the caller's transaction back.
 *
 * <p>Appending holds the chain's head lock until the transaction ends, so callers record near the end
 * of their transaction, and before a long-running read such as an export they record with
 * {@link #recordIndependently} rather than hold the lock while streaming.
 *
 * <p>Visibility (R6.4) is the caller's to apply: it narrows the {@link AuditQuery} to the agency, group
 * or actor the signed-in person may see. Reading or exporting the trail is itself an action to record.
 */
@Stateless
public class AuditTrail {

    private static final Logger LOG = Logger.getLogger(AuditTrail.class.getName());

    private final AuditLog log = new AuditLog();

    @Resource(lookup = "jdbc/sms")
    DataSource dataSource;

    @Inject
    AuditWriteMonitor writes;

    /** Thrown when an audit event cannot be written; the action it describes must not take effect. */
    @ApplicationException(rollback = true)
    public static class AuditUnavailableException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public AuditUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Records an event in the caller's transaction: if the change it describes rolls back, so does the
     * event, and if the event cannot be written, the change is rolled back.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public void record(@NotNull AuditEvent event) {
        append(event);
    }

    /**
     * Records an event in a transaction of its own, committed whatever happens to the caller's: for
     * failed logins, denials and other refusals whose surrounding transaction rolls back.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void recordIndependently(@NotNull AuditEvent event) {
        append(event);
    }

    /**
     * Recomputes the whole chain. Outside any transaction, so that it reads one consistent snapshot of
     * its own and holds no lock that appenders wait for.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public AuditLog.Verification verify() {
        try (Connection c = dataSource.getConnection()) {
            AuditLog.Verification v = log.verify(c);
            if (!v.intact()) {
                LOG.severe(() -> "AUDIT CHAIN BROKEN: " + v.problem());
            }
            return v;
        } catch (SQLException e) {
            throw new IllegalStateException("verifying the audit chain failed", e);
        }
    }

    /** One page of events, newest first. */
    public List<StoredEvent> search(@NotNull AuditQuery query) {
        try (Connection c = dataSource.getConnection()) {
            return log.search(c, query);
        } catch (SQLException e) {
            throw new IllegalStateException("searching the audit trail failed", e);
        }
    }

    /** Every matching event as CSV, oldest first, streamed to {@code out} (which the caller closes). */
    public void export(@NotNull AuditQuery query, @NotNull Writer out) throws IOException {
        try (Connection c = dataSource.getConnection()) {
            log.export(c, query, out);
        } catch (SQLException e) {
            throw new IllegalStateException("exporting the audit trail failed", e);
        }
    }

    private void append(AuditEvent event) {
        try (Connection c = dataSource.getConnection()) {
            log.append(c, event);
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.SEVERE, e, () -> "AUDIT WRITE FAILED; the action is refused. Unrecorded event: " + event);
            writes.failed(e); // mailed to the system administrators by AuditAlarm at the next forwarding tick
            throw new AuditUnavailableException("the audit trail cannot be written", e);
        }
    }
}
