package tw.gov.sms.carrier.application;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import tw.gov.sms.routing.domain.Carrier;
import tw.gov.sms.sending.infrastructure.jdbc.MessageStore;

/** Records a batch of carrier answers in one transaction of its own, as soon as the batch is full. */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class DispatchRecorder {

    @Inject
    MessageStore messages;

    public void record(OffsetDateTime acceptedAt, Carrier carrier, DispatchOutcomes outcomes) {
        messages.markSubmitted(acceptedAt, carrier, outcomes.submitted());
        outcomes.retries()
                .forEach(r -> messages.markAttemptFailed(r.id(), acceptedAt, r.after(), r.code(), r.detail()));
        outcomes.finals().forEach(f -> messages.markFinal(f.id(), acceptedAt, f.state(), f.code(), f.detail()));
    }
}
