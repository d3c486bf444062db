package tw.gov.sms.carrier.application;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import tw.gov.sms.routing.domain.Carrier;
import tw.gov.sms.sending.domain.MessageState;
import tw.gov.sms.sending.infrastructure.jdbc.MessageStore;

/** Records each carrier answer in its own transaction, right after it arrives. */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class DispatchRecorder {

    @Inject
    MessageStore messages;

    public boolean submitted(long id, OffsetDateTime acceptedAt, Carrier carrier, List<String> carrierIds) {
        return messages.markSubmitted(id, acceptedAt, carrier, carrierIds);
    }

    public void retryLater(long id, OffsetDateTime acceptedAt, Duration after, String code, String detail) {
        messages.markAttemptFailed(id, acceptedAt, after, code, detail);
    }

    public void finalState(long id, OffsetDateTime acceptedAt, MessageState state, String code, String detail) {
        messages.markFinal(id, acceptedAt, state, code, detail);
    }
}
