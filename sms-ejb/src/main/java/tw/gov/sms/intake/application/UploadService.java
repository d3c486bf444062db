package tw.gov.sms.intake.application;

import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import tw.gov.sms.account.domain.Agency;
import tw.gov.sms.account.domain.AgencyId;
import tw.gov.sms.files.FileDescription;
import tw.gov.sms.files.FileFormat;
import tw.gov.sms.files.FileLimits;
import tw.gov.sms.files.FileProblem;
import tw.gov.sms.files.ValidationReport;
import tw.gov.sms.intake.infrastructure.UploadRows;
import tw.gov.sms.quota.application.QuotaService;
import tw.gov.sms.sending.application.SendRules;
import tw.gov.sms.sending.application.StateConflictException;
import tw.gov.sms.sending.application.SubmissionRejectedException;
import tw.gov.sms.sending.domain.Channel;
import tw.gov.sms.sending.domain.FileUpload;
import tw.gov.sms.sending.domain.JobState;
import tw.gov.sms.sending.domain.SendJob;
import tw.gov.sms.sending.domain.UploadState;
import tw.gov.sms.sending.domain.content.ContentEngine;
import tw.gov.sms.sending.infrastructure.jms.WorkQueues;
import tw.gov.sms.shared.domain.Problem;
import tw.gov.sms.shared.domain.ProblemCode;
import tw.gov.sms.shared.domain.Severity;
import tw.gov.sms.shared.infrastructure.crypto.FieldCipher;
import tw.gov.sms.shared.infrastructure.crypto.FieldCipher.Purpose;
import tw.gov.sms.shared.infrastructure.crypto.NumberHasher;

/**
 * Recipient files from receipt to send job: stores the upload, starts and steers its validation job,
 * and turns a validated file into a job when its sender confirms (or at once when the instructions say
 * so, as SFTP manifests do). Every read and change is scoped to the caller's agency.
 */
@Stateless
public class UploadService {

    public static final String VALIDATION_JOB = "file-validate";
    private static final Logger LOG = Logger.getLogger(UploadService.class.getName());

    /** What came with the file: the text and how to send it. */
    public record UploadRequest(
            AgencyId agency,
            Long apiClientId,
            Channel channel,
            String fileName,
            String text,
            OffsetDateTime scheduleAt,
            Integer validityMinutes,
            boolean test,
            boolean autoConfirm,
            String reference,
            String callbackUrl,
            Long accountId,
            Long groupId) {

        /** An agency system's upload (API client or SFTP), not a person's. */
        public UploadRequest(
                AgencyId agency,
                Long apiClientId,
                Channel channel,
                String fileName,
                String text,
                OffsetDateTime scheduleAt,
                Integer validityMinutes,
                boolean test,
                boolean autoConfirm,
                String reference,
                String callbackUrl) {
            this(
                    agency,
                    apiClientId,
                    channel,
                    fileName,
                    text,
                    scheduleAt,
                    validityMinutes,
                    test,
                    autoConfirm,
                    reference,
                    callbackUrl,
                    null,
                    null);
        }
    }

    @Inject
    tw.gov.sms.account.application.Audit audit;

    @PersistenceContext(unitName = "sms")
    EntityManager em;

    @Inject
    ContentEngine content;

    @Inject
    FieldCipher cipher;

    @Inject
    NumberHasher hasher;

    @Inject
    SendRules rules;

    @Inject
    UploadRows rows;

    @Inject
    QuotaService quota;

    @Inject
    WorkQueues queues;

    @Inject
    @ConfigProperty(name = "sms.files.spool")
    java.util.Optional<String> spool;

    @Inject
    @ConfigProperty(name = "sms.files.max-bytes", defaultValue = "104857600")
    long maxBytes;

    @Inject
    @ConfigProperty(name = "sms.files.max-stored-problems", defaultValue = "10000")
    int maxStoredProblems;

    /**
     * Checks the instructions, streams the file into the spool (hashing it and stopping at the size
     * limit) and records the upload. Nothing is stored when anything is wrong.
     */
    public UploadView receive(UploadRequest request, InputStream content) {
        Agency agency = em.find(Agency.class, request.agency().value());
        if (agency == null || !agency.isActive()) {
            throw rejected(List.of(Problem.of(ProblemCode.AGENCY_DISABLED, "agency", null)));
        }
        OffsetDateTime now = OffsetDateTime.now().truncatedTo(ChronoUnit.MICROS);
        String name = safeName(request.fileName());
        List<Problem> problems =
                new ArrayList<>(rules.checkTimes(request.scheduleAt(), request.validityMinutes(), now));
        problems.addAll(this.content.checkTemplate(agency.getDisplayName(), request.text()));
        problems.removeIf(p -> p.severity() != Severity.ERROR);
        if (name == null) {
            problems.add(Problem.of(ProblemCode.UPLOAD_FILE_MISSING, "file", null));
        }
        if (!problems.isEmpty()) {
            throw rejected(problems);
        }
        Path stored = spoolDir().resolve(UUID.randomUUID() + "-" + extensionOf(name));
        byte[] sha256;
        long size;
        try {
            Files.createDirectories(stored.getParent());
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (InputStream in = new DigestInputStream(content, digest);
                    OutputStream out = Files.newOutputStream(stored)) {
                size = copyAtMost(in, out, maxBytes);
            }
            sha256 = digest.digest();
        } catch (IOException e) {
            deleteQuietly(stored);
            throw new UncheckedIOException("cannot store upload " + name + " in the spool", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        if (size < 0) {
            deleteQuietly(stored);
            throw rejected(List.of(Problem.of(
                    ProblemCode.FILE_TOO_LARGE, "file", null, name, "> " + maxBytes + " bytes", maxBytes + " bytes")));
        }
        if (size == 0) {
            deleteQuietly(stored);
            throw rejected(List.of(Problem.of(ProblemCode.UPLOAD_FILE_EMPTY, "file", null, name)));
        }
        FileUpload upload = new FileUpload(
                request.agency(),
                request.apiClientId(),
                request.channel(),
                name,
                stored.toString(),
                size,
                sha256,
                new FileUpload.Instructions(
                        cipher.encrypt(request.text(), Purpose.JOB_TEXT),
                        (short) cipher.activeVersion(),
                        request.scheduleAt(),
                        request.validityMinutes(),
                        request.test(),
                        request.autoConfirm(),
                        request.reference(),
                        request.callbackUrl()),
                now);
        upload.uploadedBy(request.accountId(), request.groupId());
        em.persist(upload);
        em.flush();
        LOG.info(() -> "upload " + upload.getId() + " (" + name + ", " + upload.getSizeBytes()
                + " bytes) received for agency " + request.agency().value());
        return view(upload);
    }

    /** Starts (or restarts after a crash) the validation job of an upload that is not being validated. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void startValidation(long uploadId) {
        FileUpload upload = em.find(FileUpload.class, uploadId, LockModeType.PESSIMISTIC_WRITE);
        if (upload == null || upload.getState().isFinal() || upload.getState() == UploadState.VALIDATED) {
            return;
        }
        if (upload.getExecutionId() != null && isRunning(upload.getExecutionId())) {
            return;
        }
        Properties parameters = new Properties();
        parameters.setProperty("uploadId", Long.toString(uploadId));
        long execution = BatchRuntime.getJobOperator().start(VALIDATION_JOB, parameters);
        upload.validating(execution);
        LOG.info(() -> "upload " + uploadId + ": validation execution " + execution
                + (upload.getRowsRead() > 0 ? ", resuming after row " + upload.getRowsRead() : ""));
    }

    /**
     * Uploads whose validation is not running: never started, or interrupted (crash, restart, failed
     * execution).
     */
    public List<Long> stalledUploads() {
        List<FileUpload> open = em.createQuery(
                        "select u from FileUpload u where u.state in :states and u.receivedAt < :before",
                        FileUpload.class)
                .setParameter("states", Set.of(UploadState.RECEIVED, UploadState.VALIDATING))
                .setParameter("before", OffsetDateTime.now().minusSeconds(10))
                .getResultList();
        return open.stream()
                .filter(u -> u.getExecutionId() == null || !isRunning(u.getExecutionId()))
                .map(FileUpload::getId)
                .toList();
    }

    private static boolean isRunning(long execution) {
        try {
            BatchStatus status =
                    BatchRuntime.getJobOperator().getJobExecution(execution).getBatchStatus();
            return status == BatchStatus.STARTING || status == BatchStatus.STARTED || status == BatchStatus.STOPPING;
        } catch (RuntimeException e) {
            return false; // unknown to this batch runtime: the server that ran it is gone
        }
    }

    // ---- called by the validation job ----

    /** Where the stored file is, its original name and the limits to read it with. */
    public record Source(Path path, String originalName, FileLimits limits, long rowsRead) {}

    public Source source(long uploadId) {
        FileUpload upload = em.find(FileUpload.class, uploadId);
        return new Source(Path.of(upload.getStoredPath()), upload.getFileName(), limits(), upload.getRowsRead());
    }

    public FileLimits limits() {
        FileLimits d = FileLimits.defaults();
        return new FileLimits(
                maxBytes,
                d.maxUncompressedBytes(),
                d.maxCompressionRatio(),
                d.maxZipEntries(),
                Math.max(d.maxRows(), rules.maxRecipients() * 2L),
                d.maxColumns(),
                d.maxCellChars());
    }

    /**
     * Records what the file turned out to be with its warnings (e.g. other sheets that are not read), and
     * returns the errors that concern the whole file: a placeholder of the text with no column to fill it.
     */
    public List<FileProblem> describe(long uploadId, FileDescription description) {
        FileUpload upload = em.find(FileUpload.class, uploadId);
        upload.describe(
                description.format().name(),
                description.encoding() == null ? null : description.encoding().name(),
                String.join(",", description.columns()));
        List<FileProblem> problems = new ArrayList<>();
        List<FileProblem> findings = new ArrayList<>(description.warnings());
        if (description.format() != FileFormat.ZIP) {
            String text = cipher.decrypt(upload.getTextCipher(), Purpose.JOB_TEXT);
            for (String placeholder : content.placeholders(text)) {
                if (!description.columns().contains(placeholder) && !isBuiltIn(placeholder)) {
                    problems.add(new FileProblem(
                            null,
                            1,
                            placeholder,
                            Problem.of(
                                    ProblemCode.UPLOAD_PLACEHOLDER_COLUMN_MISSING,
                                    "file",
                                    null,
                                    placeholder,
                                    String.join("、", description.columns()))));
                }
            }
        }
        findings.addAll(problems);
        if (!findings.isEmpty()) {
            rows.writeFileProblems(uploadId, findings);
        }
        return problems;
    }

    private static boolean isBuiltIn(String placeholder) {
        return placeholder.equals("agency") || placeholder.equals("last3");
    }

    /** A validator for the rows of this upload, holding its decrypted text and agency name. */
    public RowValidator validator(long uploadId, String phoneColumn) {
        FileUpload upload = em.find(FileUpload.class, uploadId);
        Agency agency = em.find(Agency.class, upload.agencyId().value());
        return new RowValidator(
                content,
                cipher,
                hasher,
                agency.getDisplayName(),
                cipher.decrypt(upload.getTextCipher(), Purpose.JOB_TEXT),
                phoneColumn);
    }

    /** Stores one chunk in the caller's (the chunk's) transaction, with the new restart point. */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void writeChunk(long uploadId, List<RowOutcome> outcomes) {
        if (outcomes.isEmpty()) {
            return;
        }
        rows.writeChunk(uploadId, outcomes, outcomes.get(outcomes.size() - 1).ordinal(), maxStoredProblems);
    }

    /** The whole file is unusable (hostile, undecidable encoding, …): these problems reject it. */
    public void fileRejected(long uploadId, List<FileProblem> problems) {
        rows.writeFileProblems(uploadId, problems);
    }

    /**
     * After the last row: rejects the upload if anything was wrong, otherwise counts duplicates and
     * segments, and confirms at once when its instructions say so.
     */
    public UploadState decide(long uploadId) {
        FileUpload upload = em.find(FileUpload.class, uploadId, LockModeType.PESSIMISTIC_WRITE);
        if (upload.getState() != UploadState.VALIDATING) {
            return upload.getState();
        }
        em.refresh(upload);
        OffsetDateTime now = OffsetDateTime.now().truncatedTo(ChronoUnit.MICROS);
        if (upload.getProblemCount() == 0) {
            UploadRows.Summary summary = rows.markDuplicates(uploadId);
            List<Problem> countProblems = rules.checkRecipientCount(summary.recipients(), "file");
            if (countProblems.isEmpty()) {
                upload.validated(summary.recipients(), summary.duplicates(), summary.segments(), now);
                LOG.info(() -> "upload " + uploadId + " validated: " + summary);
                if (upload.isAutoConfirm()) {
                    autoConfirm(upload, now);
                }
                return upload.getState();
            }
            rows.writeFileProblems(
                    uploadId,
                    countProblems.stream()
                            .map(p -> new FileProblem(null, null, null, p))
                            .toList());
            em.refresh(upload);
        }
        rows.deleteRows(uploadId);
        upload.rejected(upload.getProblemCount(), now);
        LOG.info(() -> "upload " + uploadId + " rejected with " + upload.getProblemCount() + " problems");
        return upload.getState();
    }

    /**
     * Confirms an upload sent with {@code autoConfirm}, unless the quota cannot pay for it: then the upload is
     * rejected with the quota problem, so the sender (an SFTP receipt, the API's upload status, a notification)
     * learns why at once instead of finding it waiting; the same file can be sent again once quota is added.
     */
    private void autoConfirm(FileUpload upload, OffsetDateTime now) {
        Optional<Problem> shortfall;
        if (upload.isTest()) {
            String holder = QuotaService.fileHolder(upload.getAccountId(), upload.getApiClientId(), upload.agencyId());
            int left = quota.testAllowanceLeft(holder);
            shortfall = left < upload.getRecipientCount()
                    ? Optional.of(Problem.of(
                            ProblemCode.QUOTA_TEST_EXHAUSTED,
                            "test",
                            null,
                            upload.getRecipientCount(),
                            left,
                            quota.freeTestMessages()))
                    : Optional.empty();
        } else {
            shortfall = quota.shortfall(upload.agencyId(), upload.getAccountId(), upload.getSegmentCount());
        }
        if (shortfall.isPresent()) {
            LOG.warning(() -> "upload " + upload.getId() + " valid but refused at confirmation: "
                    + shortfall.get().messageEn());
            rows.writeFileProblems(upload.getId(), List.of(new FileProblem(null, null, null, shortfall.get())));
            rows.deleteRows(upload.getId());
            upload.rejected(1, now);
            return;
        }
        confirm(upload, now);
    }

    // ---- the sender's actions ----

    public UploadView view(AgencyId agency, long uploadId) {
        return view(visible(agency, uploadId));
    }

    public List<UploadView> recent(AgencyId agency, int limit) {
        return em
                .createQuery(
                        "select u from FileUpload u where u.agencyId = :agency order by u.receivedAt desc",
                        FileUpload.class)
                .setParameter("agency", agency.value())
                .setMaxResults(limit)
                .getResultList()
                .stream()
                .map(this::view)
                .toList();
    }

    /** Writes the validation report (CSV, both languages) of a visible upload. */
    public void writeReport(AgencyId agency, long uploadId, OutputStream out) throws IOException {
        FileUpload upload = visible(agency, uploadId);
        ValidationReport.writeCsv(rows.problems(upload.getId(), maxStoredProblems), out);
    }

    public List<FileProblem> problems(AgencyId agency, long uploadId, int limit) {
        return rows.problems(visible(agency, uploadId).getId(), limit);
    }

    /** Turns a validated upload into a send job: one statement copies its rows, the job is released. */
    /** Confirms and records {@code FILE_CONFIRM} in the same transaction as the job it creates. */
    public UploadView confirm(tw.gov.sms.account.domain.Actor actor, AgencyId agency, long uploadId) {
        UploadView view = confirm(agency, uploadId);
        audit.success(actor, "FILE_CONFIRM", "upload:" + uploadId, "job:" + view.jobId());
        return view;
    }

    public UploadView confirm(AgencyId agency, long uploadId) {
        FileUpload upload = visible(agency, uploadId);
        em.lock(upload, LockModeType.PESSIMISTIC_WRITE);
        em.refresh(upload);
        if (upload.getState() != UploadState.VALIDATED) {
            throw conflict(upload, "confirm");
        }
        OffsetDateTime now = OffsetDateTime.now().truncatedTo(ChronoUnit.MICROS);
        List<Problem> late = new ArrayList<>(rules.checkTimes(upload.getScheduleAt(), null, now));
        if (!late.isEmpty()) {
            throw rejected(late);
        }
        confirm(upload, now);
        return view(upload);
    }

    private void confirm(FileUpload upload, OffsetDateTime now) {
        SendJob job = new SendJob(
                upload.agencyId(),
                upload.getApiClientId(),
                upload.getChannel(),
                upload.isTest(),
                rules.sender(upload.isTest()),
                null,
                upload.getTextCipher(),
                upload.getKeyVersion(),
                now,
                upload.getScheduleAt(),
                rules.validityUntil(upload.getScheduleAt(), upload.getValidityMinutes(), now));
        job.fromUpload(upload.getId());
        job.startedBy(upload.getAccountId(), upload.getGroupId());
        long segments = upload.getSegmentCount() == null ? 0 : upload.getSegmentCount();
        long recipients = upload.getRecipientCount() == null ? 0 : upload.getRecipientCount();
        // Quota (R11.1-R11.3) as for a typed send: checked before anything is stored, reserved in the same
        // transaction as the job, so a file cannot send more than the agency (or the account) has left. A
        // refusal leaves the upload VALIDATED: it can be confirmed once quota is added.
        QuotaService.Plan plan = null;
        try {
            if (upload.isTest()) {
                quota.useTestAllowance(
                        QuotaService.fileHolder(upload.getAccountId(), upload.getApiClientId(), upload.agencyId()),
                        (int) recipients);
            } else {
                plan = quota.plan(upload.agencyId(), upload.getAccountId(), segments);
            }
        } catch (QuotaService.QuotaRefusal e) {
            throw rejected(List.of(e.problem()));
        }
        em.persist(job);
        em.flush();
        String initial = job.getState() == JobState.SCHEDULED ? "SCHEDULED" : "ACCEPTED";
        int copied =
                rows.copyToMessages(upload.getId(), job.getId(), job.getAcceptedAt(), job.getValidityUntil(), initial);
        job.recordRecipients(copied, 0, (int) segments);
        if (plan != null) {
            job.drawsOn(plan.contractId());
            try {
                quota.reserve(
                        plan, upload.agencyId(), upload.getAccountId(), job.getId(), segments, ledgerActor(upload));
            } catch (QuotaService.QuotaRefusal e) {
                throw rejected(List.of(e.problem()));
            }
        }
        upload.confirmed(job.getId(), now);
        if (job.getState() == JobState.ACCEPTED) {
            queues.release(job.getId());
        }
        LOG.info(() -> "upload " + upload.getId() + " confirmed as job " + job.getId() + " (" + copied + " recipients, "
                + job.getState() + ")");
    }

    private static String ledgerActor(FileUpload upload) {
        if (upload.getAccountId() != null) {
            return "account:" + upload.getAccountId();
        }
        return upload.getApiClientId() != null ? "client:" + upload.getApiClientId() : "upload:" + upload.getId();
    }

    /** Cancels an upload that is not yet a job; its staged rows are dropped. */
    public UploadView cancel(AgencyId agency, long uploadId) {
        FileUpload upload = visible(agency, uploadId);
        em.lock(upload, LockModeType.PESSIMISTIC_WRITE);
        em.refresh(upload);
        if (upload.getState() != UploadState.VALIDATED && upload.getState() != UploadState.REJECTED) {
            throw conflict(upload, "cancel");
        }
        rows.deleteRows(upload.getId());
        upload.cancelled(OffsetDateTime.now());
        return view(upload);
    }

    private FileUpload visible(AgencyId agency, long uploadId) {
        FileUpload upload = em.find(FileUpload.class, uploadId);
        if (upload == null || !upload.agencyId().equals(agency)) {
            throw new UploadNotFoundException(uploadId);
        }
        return upload;
    }

    private static StateConflictException conflict(FileUpload upload, String action) {
        return new StateConflictException(Problem.of(
                ProblemCode.UPLOAD_STATE_CONFLICT, "state", null, upload.getId(), upload.getState(), action));
    }

    private UploadView view(FileUpload u) {
        return new UploadView(
                u.getId(),
                u.getState(),
                u.getChannel(),
                u.getFileName(),
                u.getSizeBytes(),
                HexFormat.of().formatHex(u.getSha256()),
                u.getFormat(),
                u.getEncoding(),
                u.getColumns() == null || u.getColumns().isEmpty()
                        ? List.of()
                        : Arrays.asList(u.getColumns().split(",")),
                u.getRowsRead(),
                u.getProblemCount(),
                u.getRecipientCount(),
                u.getDuplicateCount(),
                u.getSegmentCount(),
                u.isTest(),
                u.getScheduleAt(),
                u.getValidityMinutes(),
                u.getReference(),
                u.getJobId(),
                u.getReceivedAt(),
                u.getValidatedAt(),
                u.getDecidedAt());
    }

    private Path spoolDir() {
        String configured = spool.filter(s -> !s.isBlank()).orElse(null);
        if (configured != null) {
            return Path.of(configured);
        }
        String instance = System.getProperty("com.sun.aas.instanceRoot", System.getProperty("java.io.tmpdir"));
        return Path.of(instance, "sms-spool");
    }

    /** The last path segment of the name the sender gave, or null when there is none. */
    static String safeName(String given) {
        if (given == null) {
            return null;
        }
        String name = given.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1).strip();
        if (name.isEmpty()) {
            return null;
        }
        name = name.replaceAll("[\\p{Cntrl}]", "_");
        return name.length() > 200 ? name.substring(name.length() - 200) : name;
    }

    private static String extensionOf(String name) {
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "bin" : name.substring(dot + 1).toLowerCase(java.util.Locale.ROOT);
        return ext.matches("[a-z0-9]{1,8}") ? "upload." + ext : "upload.bin";
    }

    /** Copies up to {@code limit} bytes; returns the count, or -1 when the stream holds more. */
    private static long copyAtMost(InputStream in, OutputStream out, long limit) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        int n;
        while ((n = in.read(buffer)) > 0) {
            total += n;
            if (total > limit) {
                return -1;
            }
            out.write(buffer, 0, n);
        }
        return total;
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // the spool is swept of unknown files
        }
    }

    private static SubmissionRejectedException rejected(List<Problem> problems) {
        return new SubmissionRejectedException(problems, List.of());
    }
}
