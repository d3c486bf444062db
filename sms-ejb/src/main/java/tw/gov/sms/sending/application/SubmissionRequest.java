package tw.gov.sms.sending.application;

import java.time.OffsetDateTime;
import java.util.List;
import tw.gov.sms.account.domain.AgencyId;
import tw.gov.sms.sending.domain.Channel;

/**
 * What every channel hands to the one submission service. A person's submission names the account and
 * its group, so the job is visible to them, their group administrator and the administrators (R6.4).
 */
public record SubmissionRequest(
        AgencyId agency,
        Long apiClientId,
        Channel channel,
        List<RecipientInput> recipients,
        String text,
        OffsetDateTime scheduleAt,
        Integer validityMinutes,
        boolean test,
        String idempotencyKey,
        Long accountId,
        Long groupId) {
    public SubmissionRequest {
        recipients = recipients == null ? List.of() : List.copyOf(recipients);
    }

    /** A submission by an agency system or the platform, not by a person's account. */
    public SubmissionRequest(
            AgencyId agency,
            Long apiClientId,
            Channel channel,
            List<RecipientInput> recipients,
            String text,
            OffsetDateTime scheduleAt,
            Integer validityMinutes,
            boolean test,
            String idempotencyKey) {
        this(
                agency,
                apiClientId,
                channel,
                recipients,
                text,
                scheduleAt,
                validityMinutes,
                test,
                idempotencyKey,
                null,
                null);
    }
}
