package tw.gov.sms.quota.application;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Settles final messages every few seconds (quota and the daily rollup follow the messages within
 * seconds) and lapses the unused quota of ended contracts once a day, on every instance: settlement
 * claims messages with SKIP LOCKED and lapse marks each contract in the same transaction as its entries.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class QuotaTimers {

    private static final Logger LOG = Logger.getLogger(QuotaTimers.class.getName());

    private final AtomicBoolean settling = new AtomicBoolean();

    @Inject
    Settlement settlement;

    @Inject
    ContractService contracts;

    @Inject
    QuotaSettings settings;

    @Schedule(hour = "*", minute = "*", second = "*/5", persistent = false)
    void settle() {
        if (!settling.compareAndSet(false, true)) {
            return;
        }
        try {
            settlement.settleAll(settings.settleBatch(), 50);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "settlement failed; it runs again in 5 s", e);
        } finally {
            settling.set(false);
        }
    }

    @Schedule(hour = "0", minute = "10", timezone = "Asia/Taipei", persistent = false)
    void lapse() {
        try {
            long lapsed = contracts.lapseEnded();
            if (lapsed > 0) {
                LOG.info(() -> lapsed + " unused segments lapsed at the end of their contract");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "lapsing ended contracts failed; it runs again tomorrow or on request", e);
        }
    }
}
