package tw.gov.sms.notification.application;

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
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import tw.gov.sms.notification.domain.NotificationText;
import tw.gov.sms.notification.infrastructure.jdbc.NotificationStore.MailWork;
import tw.gov.sms.notification.infrastructure.jdbc.NotificationStore.ScanResult;
import tw.gov.sms.shared.infrastructure.mail.MailFailedException;
import tw.gov.sms.shared.infrastructure.mail.Mailer;

/**
 * Every {@code sms.notify.scan-seconds} (default 5), on every instance: records the job and upload stages that
 * happened since the last scans ({@link NotificationScan#scan()}), then mails the notices due. Instances running side
 * by side are safe: the scan's inserts are idempotent and mails are claimed with {@code SKIP LOCKED}. A non-persistent
 * interval timer: a restarted server scans again, and the unique indexes keep it from notifying twice.
 */
@Singleton
@Startup
@DependsOn("DatabaseMigrator")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class NotificationTimer {

    private static final Logger LOG = Logger.getLogger(NotificationTimer.class.getName());

    /** Mail rounds per tick at most, so one tick cannot run for ever behind a slow relay. */
    private static final int MAX_MAIL_ROUNDS = 20;

    private final AtomicBoolean running = new AtomicBoolean();

    @Resource
    TimerService timers;

    @Inject
    NotificationScan scan;

    @Inject
    NotificationSettings settings;

    @Inject
    Mailer mailer;

    @PostConstruct
    void start() {
        long every = settings.scanSeconds() * 1000L;
        timers.createIntervalTimer(every, every, new TimerConfig("notification-scan", false));
        LOG.info(() -> "notifications: scanning every " + settings.scanSeconds() + " s, window "
                + settings.windowHours() + " h");
    }

    @Timeout
    void tick() {
        if (!running.compareAndSet(false, true)) {
            return; // the previous tick still mails
        }
        try {
            try {
                ScanResult r = scan.scan();
                if (r.total() > 0) {
                    LOG.fine(() -> "notifications recorded: " + r);
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "the notification scan failed; it runs again at the next tick", e);
            }
            mailDue();
        } finally {
            running.set(false);
        }
    }

    private void mailDue() {
        for (int round = 0; round < MAX_MAIL_ROUNDS; round++) {
            List<MailWork> work;
            try {
                work = scan.claimMails();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "claiming notification mails failed; tried again at the next tick", e);
                return;
            }
            for (MailWork w : work) {
                mail(w);
            }
            if (work.size() < settings.mailBatch()) {
                return;
            }
        }
    }

    /** One mail; whatever happens is recorded on the notification and never stops the others. */
    private void mail(MailWork w) {
        long id = w.notification().id();
        try {
            if (!"ACTIVE".equals(w.accountStatus())
                    || w.email() == null
                    || w.email().isBlank()) {
                scan.skipped(id, "account " + w.accountStatus() + (w.email() == null ? ", no address" : ""));
                return;
            }
            Long job = w.notification().jobId();
            NotificationText.Mail text =
                    NotificationText.mail(w.notification(), job == null ? null : settings.jobLink(job));
            try {
                mailer.send(w.email(), text.subject(), text.text());
            } catch (MailFailedException | IllegalArgumentException e) {
                LOG.log(Level.WARNING, "notification " + id + " was not mailed (attempt " + w.attempt() + ")", e);
                scan.failed(id, e.getMessage());
                return;
            }
            scan.sent(id);
        } catch (RuntimeException e) {
            // Recording the outcome failed: the claim's lease runs out and the mail is tried again.
            LOG.log(Level.WARNING, "recording the mail outcome of notification " + id + " failed", e);
        }
    }
}
