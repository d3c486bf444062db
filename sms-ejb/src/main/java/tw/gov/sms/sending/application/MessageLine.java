package tw.gov.sms.sending.application;

import java.time.OffsetDateTime;
import java.util.List;
import tw.gov.sms.sending.domain.MessageState;

/** One recipient's message as its agency sees it; the number is masked ({@code 0912***678}). */
public record MessageLine(
        long id,
        int index,
        String recipient,
        MessageState state,
        String carrier,
        String routeReason,
        int segments,
        int deliveredSegments,
        List<String> carrierMessageIds,
        OffsetDateTime queuedAt,
        OffsetDateTime submittedAt,
        OffsetDateTime finalAt,
        String errorCode,
        String errorDetail,
        int attempts) {}
