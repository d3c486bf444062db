package tw.gov.sms.sending.infrastructure.jms;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import tw.gov.sms.sending.application.JobReleaseService;

/** Thin consumer: "release job N". A failure rolls back so the broker redelivers, then dead-letters. */
@MessageDriven(
        activationConfig = {
            @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = WorkQueues.RELEASE_QUEUE),
            @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue")
        })
public class ReleaseConsumer implements MessageListener {

    @Inject
    JobReleaseService release;

    @Inject
    DeadLetters deadLetters;

    @Override
    public void onMessage(Message message) {
        if (deadLetters.divertIfPoisoned(message, WorkQueues.RELEASE_QUEUE)) {
            return;
        }
        try {
            release.release(Long.parseLong(message.getBody(String.class)));
        } catch (JMSException e) {
            throw new IllegalStateException("unreadable release message", e);
        }
    }
}
