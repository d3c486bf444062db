package tw.gov.sms.sending.application;

import java.time.OffsetDateTime;
import java.util.List;
import tw.gov.sms.account.domain.AgencyId;
import tw.gov.sms.sending.domain.Channel;

/** What every channel hands to the one submission service. */
public record SubmissionRequest(
        AgencyId agency,
        Long apiClientId,
        Channel channel,
        List<RecipientInput> recipients,
        String text,
        OffsetDateTime scheduleAt,
        Integer validityMinutes,
        boolean test,
        String idempotencyKey) {
    public SubmissionRequest {
        recipients = recipients == null ? List.of() : List.copyOf(recipients);
    }
}
