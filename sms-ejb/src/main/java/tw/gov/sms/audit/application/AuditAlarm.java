package tw.gov.sms.audit.application;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import tw.gov.sms.audit.infrastructure.jdbc.AuditForwardingStore;
import tw.gov.sms.shared.infrastructure.mail.MailFailedException;
import tw.gov.sms.shared.infrastructure.mail.Mailer;

/**
 * Alerts when audit logging fails (the baseline's "alert when logging fails"): a SEVERE log line, and a mail to every
 * active system administrator (and {@code sms.audit.alert.notify}), once when an outage opens and once when it ends.
 * Two kinds of outage, each one row column in {@code audit_forwarding} so the whole deployment group mails once:
 *
 * <ul>
 *   <li>forwarding: an event has waited longer than {@code sms.audit.forward.alert-after-seconds} for the external
 *       collector (sends failing or too slow); it ends when nothing is pending. Decided by {@link AuditForwarder};
 *   <li>writing: an audit event could not be written ({@code AuditTrail}'s {@code AuditUnavailableException}, the
 *       action refused); reported here from {@link AuditWriteMonitor} at the next tick; it ends once no instance has
 *       reported a failed write for {@link #WRITE_QUIET}.
 * </ul>
 *
 * Mails go out after the outage row committed and are not retried: a relay that is down too leaves the SEVERE log
 * lines and the health check ({@code audit-forwarding}).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class AuditAlarm {

    private static final Logger LOG = Logger.getLogger(AuditAlarm.class.getName());

    /** A write outage ends after this long without a failed write. */
    static final Duration WRITE_QUIET = Duration.ofSeconds(60);

    private static final DateTimeFormatter TAIPEI =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss").withZone(ZoneId.of("Asia/Taipei"));

    @Resource(lookup = "jdbc/sms")
    DataSource dataSource;

    @Inject
    AuditForwardingSettings settings;

    @Inject
    AuditWriteMonitor writes;

    @Inject
    Mailer mailer;

    private final AuditForwardingStore store = new AuditForwardingStore();

    public void forwardingOutageOpened(AuditForwardingStore.Status s) {
        Instant now = Instant.now();
        String facts = facts(s, now);
        LOG.severe(() -> "AUDIT FORWARDING OUTAGE: the copy to the external collector " + settings.describe()
                + " is more than " + settings.alertAfter().toSeconds() + " s behind; " + facts);
        mailAll(
                "111 簡訊平台：稽核紀錄轉送中斷 / Audit log forwarding outage",
                "稽核紀錄未能於 " + settings.alertAfter().toSeconds() + " 秒內轉送至外部紀錄伺服器 " + settings.describe()
                        + "。\n稽核紀錄仍完整保存於平台資料庫，恢復連線後將依序補送；恢復時會再通知。\n\n"
                        + "Audit events have not reached the external log collector " + settings.describe()
                        + " within " + settings.alertAfter().toSeconds() + " s. The trail is still complete in the"
                        + " platform's database and the backlog is sent in order once the collector takes it again;"
                        + " you will be told when it has.\n\n" + facts + "\n");
    }

    public void forwardingRecovered(AuditForwardingStore.Status s) {
        LOG.warning(() -> "audit forwarding recovered: every event up to " + s.forwardedSeq()
                + " reached the external collector " + settings.describe());
        mailAll(
                "111 簡訊平台：稽核紀錄轉送已恢復 / Audit log forwarding recovered",
                "積壓的稽核紀錄已全部轉送至外部紀錄伺服器 " + settings.describe() + "（至第 " + s.forwardedSeq() + " 筆）。\n\n"
                        + "The backlog has reached the external log collector " + settings.describe()
                        + " (every event up to " + s.forwardedSeq() + ").\n");
    }

    /**
     * Reports this instance's latest failed audit write to the database, opening the write outage (and mailing) if
     * none is open, then closes an open write outage that has been quiet for {@link #WRITE_QUIET} (and mails that).
     */
    public void checkWrites() {
        AuditWriteMonitor.Failure failure = writes.take();
        Instant now = Instant.now();
        try (Connection c = dataSource.getConnection()) {
            if (failure != null && store.writeFailed(c, failure.at(), failure.reason())) {
                LOG.severe(() -> "AUDIT WRITE OUTAGE: audit events cannot be written since " + failure.at()
                        + " and the actions they describe are refused: " + failure.reason());
                mailAll(
                        "111 簡訊平台：稽核紀錄寫入失敗 / Audit log writes failing",
                        "自 " + TAIPEI.format(failure.at()) + "（台北時間）起稽核紀錄無法寫入，需稽核的操作均被拒絕。\n原因："
                                + failure.reason() + "\n恢復時會再通知。\n\n"
                                + "Audit events cannot be written since " + failure.at() + " (UTC); every action"
                                + " that must be audited is refused until they can. Cause: " + failure.reason()
                                + "\nYou will be told when writes work again.\n");
            }
            if (store.closeWriteOutage(c, now.minus(WRITE_QUIET))) {
                LOG.warning("audit writes recovered: no failed audit write for " + WRITE_QUIET.toSeconds() + " s");
                mailAll(
                        "111 簡訊平台：稽核紀錄寫入已恢復 / Audit log writes recovered",
                        "稽核紀錄已 " + WRITE_QUIET.toSeconds() + " 秒未再發生寫入失敗。\n\n" + "No audit write has failed for "
                                + WRITE_QUIET.toSeconds() + " s.\n");
            }
        } catch (SQLException | RuntimeException e) {
            if (failure != null) {
                writes.giveBack(failure);
            }
            LOG.log(
                    Level.SEVERE,
                    "AUDIT WRITE OUTAGE could not be recorded (the database is unreachable?); the system"
                            + " administrators cannot be looked up and are not mailed; tried again in "
                            + settings.intervalSeconds() + " s",
                    e);
        }
    }

    private String facts(AuditForwardingStore.Status s, Instant now) {
        return "events pending: " + s.pending() + " (after " + s.forwardedSeq() + ", up to " + s.headSeq()
                + "); oldest waiting " + s.lag(now).toSeconds() + " s"
                + (s.failingSince() == null ? "" : "; failing since " + s.failingSince())
                + (s.lastError() == null ? "" : "; last error: " + s.lastError());
    }

    private void mailAll(String subject, String text) {
        Set<String> to = new LinkedHashSet<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "select email from account where role = 'SYSTEM_ADMIN' and status = 'ACTIVE' order by id");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                to.add(rs.getString(1));
            }
        } catch (SQLException e) {
            LOG.log(Level.SEVERE, "the system administrators could not be looked up for: " + subject, e);
        }
        to.addAll(settings.alertAddresses());
        if (to.isEmpty()) {
            LOG.severe(() -> "nobody to mail (no active system administrator): " + subject);
        }
        for (String address : to) {
            try {
                mailer.send(address, subject, text);
            } catch (MailFailedException | IllegalArgumentException e) {
                LOG.log(Level.SEVERE, "the alert '" + subject + "' was not mailed to " + address, e);
            }
        }
    }
}
