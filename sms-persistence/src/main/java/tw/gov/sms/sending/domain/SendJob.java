package tw.gov.sms.sending.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.Objects;
import tw.gov.sms.account.domain.AgencyId;

/**
 * One send: one text (as the agency wrote it, encrypted) for many recipients. The recipients' messages
 * live in the partitioned message table and refer to the job by id.
 */
@Entity
@Table(name = "send_job")
@NamedQuery(
        name = SendJob.BY_IDEMPOTENCY_KEY,
        query = "select j from SendJob j where j.agencyId = :agencyId and j.apiClientId = :clientId"
                + " and j.idempotencyKey = :key")
@jakarta.persistence.NamedQuery(
        name = SendJob.BY_ACCOUNT_IDEMPOTENCY_KEY,
        query = "select j from SendJob j where j.agencyId = :agencyId and j.apiClientId is null"
                + " and j.accountId = :accountId and j.idempotencyKey = :key")
public class SendJob {

    public static final String BY_IDEMPOTENCY_KEY = "SendJob.byIdempotencyKey";

    /** A person's own repeat (a double click in the portal): same agency, account and key, no API client. */
    public static final String BY_ACCOUNT_IDEMPOTENCY_KEY = "SendJob.byAccountIdempotencyKey";

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
    private JobState state;

    @Column(nullable = false)
    private boolean test;

    @Column(name = "sender_id", nullable = false, length = 20)
    private String senderId;

    @Column(name = "idempotency_key", length = 100)
    private String idempotencyKey;

    @Column(name = "text_cipher", nullable = false)
    private byte[] textCipher;

    @Column(name = "key_version", nullable = false)
    private short keyVersion;

    @Column(name = "recipient_count", nullable = false)
    private int recipientCount;

    @Column(name = "rejected_count", nullable = false)
    private int rejectedCount;

    @Column(name = "segment_count", nullable = false)
    private int segmentCount;

    @Column(name = "scheduled_at")
    private OffsetDateTime scheduledAt;

    @Column(name = "validity_until", nullable = false)
    private OffsetDateTime validityUntil;

    @Column(name = "accepted_at", nullable = false)
    private OffsetDateTime acceptedAt;

    @Column(name = "released_at")
    private OffsetDateTime releasedAt;

    @Column(name = "handed_over_at")
    private OffsetDateTime handedOverAt;

    @Column(name = "completed_at")
    private OffsetDateTime completedAt;

    @Column(name = "upload_id")
    private Long uploadId;

    /** The contract whose quota the job's reservation was drawn from; null for test jobs (never billed). */
    @Column(name = "contract_id")
    private Long contractId;

    protected SendJob() {}

    public SendJob(
            AgencyId agency,
            Long apiClientId,
            Channel channel,
            boolean test,
            String senderId,
            String idempotencyKey,
            byte[] textCipher,
            short keyVersion,
            OffsetDateTime acceptedAt,
            OffsetDateTime scheduledAt,
            OffsetDateTime validityUntil) {
        this.agencyId = agency.value();
        this.apiClientId = apiClientId;
        this.channel = Objects.requireNonNull(channel);
        this.test = test;
        this.senderId = Objects.requireNonNull(senderId);
        this.idempotencyKey = idempotencyKey;
        this.textCipher = textCipher;
        this.keyVersion = keyVersion;
        this.acceptedAt = acceptedAt;
        this.scheduledAt = scheduledAt;
        this.validityUntil = validityUntil;
        this.state = scheduledAt != null && scheduledAt.isAfter(acceptedAt) ? JobState.SCHEDULED : JobState.ACCEPTED;
    }

    /** Records how many recipients were stored and how many segments they need, once they are written. */
    public void recordRecipients(int recipients, int rejected, int segments) {
        this.recipientCount = recipients;
        this.rejectedCount = rejected;
        this.segmentCount = segments;
    }

    /** Released to routing and dispatch; a job is released once. */
    public void release(OffsetDateTime now) {
        if (state != JobState.ACCEPTED && state != JobState.SCHEDULED) {
            throw new IllegalStateException("job " + id + " cannot be released from " + state);
        }
        state = JobState.RELEASED;
        releasedAt = now;
    }

    /** Cancelled before it started; only a scheduled job can be. */
    public void cancel(OffsetDateTime now) {
        if (state != JobState.SCHEDULED) {
            throw new IllegalStateException("job " + id + " cannot be cancelled from " + state);
        }
        state = JobState.CANCELLED;
        completedAt = now;
    }

    /** Marks the job as made from a validated recipient file. */
    public void fromUpload(long upload) {
        this.uploadId = upload;
    }

    public Long getUploadId() {
        return uploadId;
    }

    public void complete(OffsetDateTime now) {
        if (state == JobState.RELEASED) {
            state = JobState.COMPLETED;
            completedAt = now;
        }
    }

    public boolean isDue(OffsetDateTime now) {
        return scheduledAt == null || !scheduledAt.isAfter(now);
    }

    public Long getId() {
        return id;
    }

    public AgencyId agencyId() {
        return new AgencyId(agencyId);
    }

    public Long getApiClientId() {
        return apiClientId;
    }

    public Channel getChannel() {
        return channel;
    }

    public JobState getState() {
        return state;
    }

    public boolean isTest() {
        return test;
    }

    public String getSenderId() {
        return senderId;
    }

    public String getIdempotencyKey() {
        return idempotencyKey;
    }

    public byte[] getTextCipher() {
        return textCipher;
    }

    public short getKeyVersion() {
        return keyVersion;
    }

    public int getRecipientCount() {
        return recipientCount;
    }

    public int getRejectedCount() {
        return rejectedCount;
    }

    public int getSegmentCount() {
        return segmentCount;
    }

    public OffsetDateTime getScheduledAt() {
        return scheduledAt;
    }

    public OffsetDateTime getValidityUntil() {
        return validityUntil;
    }

    public OffsetDateTime getAcceptedAt() {
        return acceptedAt;
    }

    public OffsetDateTime getReleasedAt() {
        return releasedAt;
    }

    public OffsetDateTime getHandedOverAt() {
        return handedOverAt;
    }

    public OffsetDateTime getCompletedAt() {
        return completedAt;
    }

    /** A job a portal account started carries the account and its group, for visibility (R6.4). */
    public void drawsOn(long contract) {
        this.contractId = contract;
    }

    public Long getContractId() {
        return contractId;
    }

    public void startedBy(Long account, Long group) {
        this.accountId = account;
        this.groupId = group;
    }

    public Long getAccountId() {
        return accountId;
    }

    public Long getGroupId() {
        return groupId;
    }
}
