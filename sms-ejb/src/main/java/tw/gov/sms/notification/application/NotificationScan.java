package tw.gov.sms.notification.application;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import tw.gov.sms.notification.infrastructure.jdbc.NotificationStore;
import tw.gov.sms.notification.infrastructure.jdbc.NotificationStore.MailWork;
import tw.gov.sms.notification.infrastructure.jdbc.NotificationStore.ScanResult;

/**
 * The transactions of the notification timer, each its own: the scan that records new stages, the claim of due
 * mails, and the outcome of each mail. Mails are sent between these transactions ({@link NotificationTimer}), so a
 * relay that fails or hangs never rolls back or holds a notification.
 */
@Stateless
public class NotificationScan {

    @Resource(lookup = "jdbc/sms")
    DataSource dataSource;

    @Inject
    NotificationSettings settings;

    private final NotificationStore store = new NotificationStore();

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public ScanResult scan() {
        try (Connection c = dataSource.getConnection()) {
            return store.scan(
                    c, settings.windowHours(), settings.failureThresholdPercent(), settings.failureMinFinal());
        } catch (SQLException e) {
            throw new IllegalStateException("the notification scan failed", e);
        }
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public List<MailWork> claimMails() {
        try (Connection c = dataSource.getConnection()) {
            return store.claimMails(c, settings.mailBatch(), settings.mailLeaseMinutes(), settings.mailAttempts());
        } catch (SQLException e) {
            throw new IllegalStateException("claiming notification mails failed", e);
        }
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void sent(long id) {
        try (Connection c = dataSource.getConnection()) {
            store.mailSent(c, id);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void skipped(long id, String reason) {
        try (Connection c = dataSource.getConnection()) {
            store.mailSkipped(c, id, reason);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void failed(long id, String error) {
        try (Connection c = dataSource.getConnection()) {
            store.mailFailed(c, id, error, settings.mailAttempts());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
