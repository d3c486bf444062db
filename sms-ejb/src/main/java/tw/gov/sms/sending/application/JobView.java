package tw.gov.sms.sending.application;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import tw.gov.sms.sending.domain.JobState;
import tw.gov.sms.sending.domain.MessageState;

/**
 * A job's status as its agency sees it, with the R12.3 clock (accepted → every message handed over); its
 * messages counted per state and per carrier and state (carriers in name order, the unrouted last).
 */
public record JobView(
        long id,
        String channel,
        JobState state,
        boolean test,
        String senderId,
        int recipients,
        int rejected,
        int segments,
        long deliveredSegments,
        Map<MessageState, Integer> messagesByState,
        OffsetDateTime acceptedAt,
        OffsetDateTime scheduledAt,
        OffsetDateTime releasedAt,
        OffsetDateTime handedOverAt,
        OffsetDateTime lastReceiptAt,
        OffsetDateTime completedAt,
        OffsetDateTime validityUntil,
        List<CarrierCount> byCarrier) {}
