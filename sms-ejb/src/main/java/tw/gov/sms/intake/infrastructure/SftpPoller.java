package tw.gov.sms.intake.infrastructure;

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
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import tw.gov.sms.intake.application.UploadService;
import tw.gov.sms.intake.application.UploadService.UploadRequest;
import tw.gov.sms.intake.application.UploadView;
import tw.gov.sms.sending.application.SubmissionRejectedException;
import tw.gov.sms.sending.domain.Channel;
import tw.gov.sms.sftp.Download;
import tw.gov.sms.sftp.Manifest;
import tw.gov.sms.sftp.SftpEndpoint;
import tw.gov.sms.sftp.SftpFailure;
import tw.gov.sms.sftp.SftpMailbox;
import tw.gov.sms.sftp.Stray;
import tw.gov.sms.sftp.Submission;
import tw.gov.sms.shared.domain.Problem;
import tw.gov.sms.shared.domain.ProblemCode;

/**
 * The SFTP channel (R1.1, docs/sftp.md): every few seconds, logs in to each agency's account with the
 * platform's key (host key pinned), takes every complete submission (data file + manifest) exactly
 * once, moves it to {@code processed/} or {@code rejected/}, and writes the receipt and, when the job is
 * over, the status report to {@code outbox/}. No transaction spans network work: each record is its own.
 */
@Singleton
@Startup
@DependsOn("DatabaseMigrator")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SftpPoller {

    private static final Logger LOG = Logger.getLogger(SftpPoller.class.getName());
    private static final int RECEIPT_PROBLEMS = 200;

    @Resource
    TimerService timers;

    @Inject
    SftpAccounts accounts;

    @Inject
    SftpIntakeRecords records;

    @Inject
    SftpResultFiles results;

    @Inject
    UploadService uploads;

    @Inject
    SftpServerSettings server;

    @Inject
    @ConfigProperty(name = "sms.sftp.poll-seconds", defaultValue = "30")
    int pollSeconds;

    @Inject
    @ConfigProperty(name = "sms.sftp.orphan-hours", defaultValue = "24")
    int orphanHours;

    private final AtomicBoolean polling = new AtomicBoolean();

    @PostConstruct
    void schedule() {
        if (!server.hasHost()) {
            LOG.info("sms.sftp.host is not set: the SFTP channel is off");
            return;
        }
        if (!server.hasHostKey()) {
            LOG.severe("sms.sftp.known-hosts is not set: the SFTP channel stays off (host keys are always verified)");
            return;
        }
        long period = Math.max(1, pollSeconds) * 1000L;
        timers.createIntervalTimer(period, period, new TimerConfig("sftp-poll", false));
    }

    @Timeout
    void poll() {
        if (!polling.compareAndSet(false, true)) {
            return; // the previous poll is still running
        }
        try {
            for (SftpAccounts.Account account : accounts.active()) {
                pollAccount(account);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "SFTP poll failed", e);
        } finally {
            polling.set(false);
        }
    }

    private void pollAccount(SftpAccounts.Account account) {
        SftpEndpoint endpoint = server.endpoint(account.username(), account.privateKeyPem());
        String error = null;
        try (SftpMailbox mailbox = SftpMailbox.open(endpoint)) {
            var inbox = mailbox.scan();
            for (Submission s : inbox.submissions()) {
                take(account, mailbox, s);
            }
            for (Stray stray : inbox.strays()) {
                reject(account, mailbox, stray);
            }
            for (Stray stray : inbox.overdue(Duration.ofHours(orphanHours))) {
                reject(account, mailbox, stray);
            }
            writeResults(account, mailbox);
        } catch (SftpFailure | IOException | RuntimeException e) {
            error = e.toString();
            LOG.log(Level.WARNING, "SFTP account " + account.username() + " of " + account.agencyCode() + ": " + e, e);
        }
        try {
            accounts.polled(account.agency(), error);
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "cannot record the poll", e);
        }
    }

    private void take(SftpAccounts.Account account, SftpMailbox mailbox, Submission s) throws SftpFailure, IOException {
        byte[] checksum = checksum(s);
        if (!s.isAcceptable()) {
            turnAway(account, mailbox, s, checksum, s.problems(), "REJECTED");
            return;
        }
        SftpIntakeRecords.Earlier earlier = records.taken(account.agency(), checksum);
        if (earlier != null) {
            if (!earlier.moved()) { // taken, then the platform stopped before moving it: finish the move
                mailbox.moveToProcessed(s);
                records.moved(account.agency(), checksum);
            } else {
                turnAway(
                        account,
                        mailbox,
                        s,
                        checksum,
                        List.of(Problem.of(
                                ProblemCode.SFTP_ALREADY_PROCESSED,
                                s.manifestName(),
                                null,
                                s.dataName(),
                                "#" + earlier.uploadId())),
                        "DUPLICATE");
            }
            return;
        }
        Manifest m = s.manifest();
        Path local = Files.createTempFile("sms-sftp-", ".download");
        try {
            Download download = mailbox.download(s.dataName(), local);
            List<Problem> mismatch = download.verify(m);
            if (!mismatch.isEmpty()) {
                turnAway(account, mailbox, s, checksum, mismatch, "REJECTED");
                return;
            }
            UploadRequest request = new UploadRequest(
                    account.agency(),
                    null,
                    Channel.SFTP,
                    s.dataName(),
                    m.text(),
                    m.schedule(),
                    m.validityMinutes(),
                    m.test(),
                    true,
                    m.reference(),
                    m.callback() == null ? null : m.callback().toString());
            long uploadId;
            try (InputStream in = Files.newInputStream(local)) {
                uploadId = records.take(account.agency(), checksum, s.dataName(), s.manifestName(), request, in);
            } catch (SubmissionRejectedException e) {
                turnAway(account, mailbox, s, checksum, e.problems(), "REJECTED");
                return;
            }
            mailbox.moveToProcessed(s);
            records.moved(account.agency(), checksum);
            uploads.startValidation(uploadId);
            LOG.info(() -> "SFTP " + account.username() + ": took " + s.dataName() + " as upload " + uploadId);
        } finally {
            Files.deleteIfExists(local);
        }
    }

    private void turnAway(
            SftpAccounts.Account account,
            SftpMailbox mailbox,
            Submission s,
            byte[] checksum,
            List<Problem> problems,
            String outcome)
            throws SftpFailure {
        mailbox.writeOutbox(
                s.dataName() + ".receipt.txt",
                utf8(SftpResultFiles.turnedAway(s.dataName(), s.manifestName(), problems)));
        mailbox.moveToRejected(s);
        records.turnedAway(account.agency(), checksum, s.dataName(), s.manifestName(), outcome);
        LOG.info(() -> "SFTP " + account.username() + ": " + s.dataName() + " " + outcome + ": "
                + problems.get(0).messageEn());
    }

    private void reject(SftpAccounts.Account account, SftpMailbox mailbox, Stray stray) throws SftpFailure {
        String name = stray.file().name();
        mailbox.writeOutbox(
                name + ".receipt.txt", utf8(SftpResultFiles.turnedAway(name, "-", List.of(stray.problem()))));
        mailbox.moveToRejected(name);
    }

    private void writeResults(SftpAccounts.Account account, SftpMailbox mailbox) throws SftpFailure, IOException {
        for (SftpIntakeRecords.Pending p : records.receiptsDue(account.agency())) {
            UploadView upload = uploads.view(account.agency(), p.uploadId());
            var problems = upload.problemCount() > 0
                    ? uploads.problems(account.agency(), p.uploadId(), RECEIPT_PROBLEMS)
                    : List.<tw.gov.sms.files.FileProblem>of();
            if (upload.problemCount() > 0) {
                ByteArrayOutputStream report = new ByteArrayOutputStream();
                uploads.writeReport(account.agency(), p.uploadId(), report);
                mailbox.writeOutbox(p.dataName() + ".errors.csv", new ByteArrayInputStream(report.toByteArray()));
            }
            mailbox.writeOutbox(
                    p.dataName() + ".receipt.txt",
                    utf8(SftpResultFiles.decided(p.dataName(), p.manifestName(), upload, problems)));
            records.receiptWritten(p.id(), upload.jobId() == null);
        }
        for (SftpIntakeRecords.Pending p : records.statusReportsDue(account.agency())) {
            Path local = Files.createTempFile("sms-status-", ".csv");
            try {
                try (var out = Files.newOutputStream(local)) {
                    results.writeStatus(p.uploadId(), out);
                }
                try (InputStream in = Files.newInputStream(local)) {
                    mailbox.writeOutbox(p.dataName() + ".status.csv", in);
                }
                records.statusWritten(p.id());
                LOG.info(() -> "SFTP " + account.username() + ": status report of " + p.dataName() + " written");
            } finally {
                Files.deleteIfExists(local);
            }
        }
    }

    /** Identity of a submission: the manifest's bytes and the data file's declared SHA-256. */
    private static byte[] checksum(Submission s) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update((s.manifestSha256() == null ? s.manifestName() : s.manifestSha256())
                    .getBytes(StandardCharsets.UTF_8));
            if (s.manifest() != null) {
                d.update(s.manifest().sha256().getBytes(StandardCharsets.UTF_8));
            }
            return d.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static InputStream utf8(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
