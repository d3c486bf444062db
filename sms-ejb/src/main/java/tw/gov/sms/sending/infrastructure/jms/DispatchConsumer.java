package tw.gov.sms.sending.infrastructure.jms;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import java.time.OffsetDateTime;
import java.util.Arrays;
import tw.gov.sms.carrier.application.DispatchService;
import tw.gov.sms.routing.domain.Carrier;

/**
 * Thin consumer of work units for the carrier links. It runs without a JMS transaction on purpose:
 * each message's submission is recorded in its own transaction by {@link DispatchService}, so a
 * failure half-way through a unit never rolls back (and re-sends) what a carrier already accepted.
 * What is left unsubmitted stays QUEUED in the database and the lease sweeper re-queues it.
 */
@MessageDriven(
        activationConfig = {
            @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = WorkQueues.DISPATCH_QUEUE),
            @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue")
        })
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DispatchConsumer implements MessageListener {

    @Inject
    DispatchService dispatch;

    @Inject
    DeadLetters deadLetters;

    @Override
    public void onMessage(Message message) {
        if (deadLetters.divertIfPoisoned(message, WorkQueues.DISPATCH_QUEUE)) {
            return;
        }
        try {
            Carrier carrier = Carrier.valueOf(message.getStringProperty("carrier"));
            OffsetDateTime acceptedAt = OffsetDateTime.parse(message.getStringProperty("acceptedAt"));
            long[] ids = Arrays.stream(message.getBody(String.class).split(","))
                    .mapToLong(Long::parseLong)
                    .toArray();
            dispatch.dispatch(carrier, acceptedAt, ids);
        } catch (JMSException e) {
            throw new IllegalStateException("unreadable dispatch message", e);
        }
    }
}
