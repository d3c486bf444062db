package tw.gov.sms.sending.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.Objects;
import tw.gov.sms.account.domain.AgencyId;

/**
 * One recipients file as received (API upload or SFTP pick-up), with the sending instructions that came
 * with it. Its valid rows live in {@code file_row}, its findings in {@code file_problem}; the validation
 * batch job moves it from {@link UploadState#VALIDATING} to {@link UploadState#REJECTED} or
 * {@link UploadState#VALIDATED}.
 */
@Entity
@Table(name = "file_upload")
public class FileUpload {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "agency_id", nullable = false)
    private Long agencyId;

    @Column(name = "api_client_id")
    private Long apiClientId;

    @Column(name = "account_id")
    private Long accountId;

    @Column(name = "group_id")
    private Long groupId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 8)
    private Channel channel;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 12)
    private UploadState state;

    @Column(name = "file_name", nullable = false)
    private String fileName;

    @Column(name = "stored_path", nullable = false)
    private String storedPath;

    @Column(name = "size_bytes", nullable = false)
    private long sizeBytes;

    @Column(nullable = false)
    private byte[] sha256;

    private String format;

    private String encoding;

    private String columns;

    @Column(name = "text_cipher", nullable = false)
    private byte[] textCipher;

    @Column(name = "key_version", nullable = false)
    private short keyVersion;

    @Column(name = "schedule_at")
    private OffsetDateTime scheduleAt;

    @Column(name = "validity_minutes")
    private Integer validityMinutes;

    @Column(nullable = false)
    private boolean test;

    @Column(name = "auto_confirm", nullable = false)
    private boolean autoConfirm;

    private String reference;

    @Column(name = "callback_url")
    private String callbackUrl;

    @Column(name = "rows_read", nullable = false)
    private long rowsRead;

    @Column(name = "problem_count", nullable = false)
    private long problemCount;

    @Column(name = "recipient_count")
    private Long recipientCount;

    @Column(name = "duplicate_count")
    private Long duplicateCount;

    @Column(name = "segment_count")
    private Long segmentCount;

    @Column(name = "job_id")
    private Long jobId;

    @Column(name = "execution_id")
    private Long executionId;

    @Column(name = "received_at", nullable = false)
    private OffsetDateTime receivedAt;

    @Column(name = "validated_at")
    private OffsetDateTime validatedAt;

    @Column(name = "decided_at")
    private OffsetDateTime decidedAt;

    protected FileUpload() {}

    /** Sending instructions that come with a file. */
    public record Instructions(
            byte[] textCipher,
            short keyVersion,
            OffsetDateTime scheduleAt,
            Integer validityMinutes,
            boolean test,
            boolean autoConfirm,
            String reference,
            String callbackUrl) {}

    public FileUpload(
            AgencyId agency,
            Long apiClientId,
            Channel channel,
            String fileName,
            String storedPath,
            long sizeBytes,
            byte[] sha256,
            Instructions instructions,
            OffsetDateTime receivedAt) {
        this.agencyId = agency.value();
        this.apiClientId = apiClientId;
        this.channel = Objects.requireNonNull(channel);
        this.fileName = Objects.requireNonNull(fileName);
        this.storedPath = Objects.requireNonNull(storedPath);
        this.sizeBytes = sizeBytes;
        this.sha256 = sha256;
        this.textCipher = instructions.textCipher();
        this.keyVersion = instructions.keyVersion();
        this.scheduleAt = instructions.scheduleAt();
        this.validityMinutes = instructions.validityMinutes();
        this.test = instructions.test();
        this.autoConfirm = instructions.autoConfirm();
        this.reference = instructions.reference();
        this.callbackUrl = instructions.callbackUrl();
        this.receivedAt = receivedAt;
        this.state = UploadState.RECEIVED;
    }

    /** The validation job has been started (or restarted) as {@code execution}. */
    public void validating(long execution) {
        if (state != UploadState.RECEIVED && state != UploadState.VALIDATING) {
            throw new IllegalStateException("upload " + id + " cannot be validated from " + state);
        }
        state = UploadState.VALIDATING;
        executionId = execution;
    }

    public void describe(String format, String encoding, String columns) {
        this.format = format;
        this.encoding = encoding;
        this.columns = columns;
    }

    public void rejected(long problems, OffsetDateTime now) {
        state = UploadState.REJECTED;
        problemCount = problems;
        validatedAt = now;
        decidedAt = now;
    }

    public void validated(long recipients, long duplicates, long segments, OffsetDateTime now) {
        state = UploadState.VALIDATED;
        recipientCount = recipients;
        duplicateCount = duplicates;
        segmentCount = segments;
        validatedAt = now;
    }

    public void confirmed(long job, OffsetDateTime now) {
        if (state != UploadState.VALIDATED) {
            throw new IllegalStateException("upload " + id + " cannot be confirmed from " + state);
        }
        state = UploadState.CONFIRMED;
        jobId = job;
        decidedAt = now;
    }

    public void cancelled(OffsetDateTime now) {
        state = UploadState.CANCELLED;
        decidedAt = now;
    }

    public Long getId() {
        return id;
    }

    public AgencyId agencyId() {
        return new AgencyId(agencyId);
    }

    /** A person's upload: the job it becomes is theirs (visibility, allocation, test allowance). */
    public void uploadedBy(Long account, Long group) {
        this.accountId = account;
        this.groupId = group;
    }

    public Long getAccountId() {
        return accountId;
    }

    public Long getGroupId() {
        return groupId;
    }

    public Long getApiClientId() {
        return apiClientId;
    }

    public Channel getChannel() {
        return channel;
    }

    public UploadState getState() {
        return state;
    }

    public String getFileName() {
        return fileName;
    }

    public String getStoredPath() {
        return storedPath;
    }

    public long getSizeBytes() {
        return sizeBytes;
    }

    public byte[] getSha256() {
        return sha256;
    }

    public String getFormat() {
        return format;
    }

    public String getEncoding() {
        return encoding;
    }

    public String getColumns() {
        return columns;
    }

    public byte[] getTextCipher() {
        return textCipher;
    }

    public short getKeyVersion() {
        return keyVersion;
    }

    public OffsetDateTime getScheduleAt() {
        return scheduleAt;
    }

    public Integer getValidityMinutes() {
        return validityMinutes;
    }

    public boolean isTest() {
        return test;
    }

    public boolean isAutoConfirm() {
        return autoConfirm;
    }

    public String getReference() {
        return reference;
    }

    public String getCallbackUrl() {
        return callbackUrl;
    }

    public long getRowsRead() {
        return rowsRead;
    }

    public long getProblemCount() {
        return problemCount;
    }

    public Long getRecipientCount() {
        return recipientCount;
    }

    public Long getDuplicateCount() {
        return duplicateCount;
    }

    public Long getSegmentCount() {
        return segmentCount;
    }

    public Long getJobId() {
        return jobId;
    }

    public Long getExecutionId() {
        return executionId;
    }

    public OffsetDateTime getReceivedAt() {
        return receivedAt;
    }

    public OffsetDateTime getValidatedAt() {
        return validatedAt;
    }

    public OffsetDateTime getDecidedAt() {
        return decidedAt;
    }
}
