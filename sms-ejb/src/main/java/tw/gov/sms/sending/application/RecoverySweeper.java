package tw.gov.sms.sending.application;

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
import tw.gov.sms.carrier.application.ReceiptService;
import tw.gov.sms.sending.infrastructure.jdbc.MessageStore;

/**
 * The safety net behind the JMS fast path (DESIGN.md step 6). Every few seconds, on every instance (all
 * steps lock with SKIP LOCKED or are idempotent): releases due jobs (scheduled, or whose release message
 * was lost), re-queues messages whose lease ran out, applies receipts that overtook their submit
 * response, expires messages past their validity and completes finished jobs.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class RecoverySweeper {

    /**
     * One sweep at a time per instance. With container-managed locking a firing that waited for a long
     * sweep failed with an access timeout, and after two such failures the container dropped the timer.
     */
    private final AtomicBoolean sweeping = new AtomicBoolean();

    private static final Logger LOG = Logger.getLogger(RecoverySweeper.class.getName());

    @Inject
    JobReleaseService release;

    @Inject
    LeaseRecovery leases;

    @Inject
    ReceiptService receipts;

    @Inject
    MessageStore messages;

    @Schedule(hour = "*", minute = "*", second = "*/5", persistent = false)
    void sweep() {
        if (!sweeping.compareAndSet(false, true)) {
            return;
        }
        try {
            for (Long jobId : release.dueJobs(20)) {
                release.release(jobId);
            }
            while (leases.requeueExpired(500) == 500) {
                // keep going until the backlog is cleared
            }
            messages.matchablePendingReceipts(1000).forEach(receipts::applyPending);
            int expired = messages.expireOverdue();
            if (expired > 0) {
                LOG.info(() -> expired + " messages expired without a receipt");
            }
            messages.completeFinishedJobs();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "recovery sweep failed; it runs again in 5 s", e);
        } finally {
            sweeping.set(false);
        }
    }

    @Schedule(hour = "3", minute = "17", persistent = false)
    void daily() {
        messages.ensurePartitions(3);
        messages.forgetStalePendingReceipts();
    }
}
