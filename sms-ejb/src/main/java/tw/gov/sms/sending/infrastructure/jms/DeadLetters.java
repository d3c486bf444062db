package tw.gov.sms.sending.infrastructure.jms;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.JMSConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Poison-message handling: a work message whose processing failed {@code sms.jms.max-deliveries} times is
 * moved to the {@code jms/sms/deadLetter} queue (with the queue it came from) instead of looping forever.
 * The database rows it named are not lost: the sweeper still sees them.
 */
@ApplicationScoped
public class DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class.getName());
    public static final String DEAD_LETTER_QUEUE = "jms/sms/deadLetter";

    @Inject
    @JMSConnectionFactory(WorkQueues.CONNECTION_FACTORY)
    JMSContext jms;

    @Resource(lookup = DEAD_LETTER_QUEUE)
    Queue deadLetter;

    @Inject
    @ConfigProperty(name = "sms.jms.max-deliveries", defaultValue = "5")
    int maxDeliveries;

    /** Returns true when the message was diverted and must not be processed again. */
    public boolean divertIfPoisoned(Message message, String from) {
        try {
            int deliveries =
                    message.propertyExists("JMSXDeliveryCount") ? message.getIntProperty("JMSXDeliveryCount") : 1;
            if (deliveries <= maxDeliveries) {
                return false;
            }
            Message copy = jms.createTextMessage(message.getBody(String.class));
            copy.setStringProperty("originalQueue", from);
            copy.setIntProperty("deliveries", deliveries);
            if (message.propertyExists("carrier")) {
                copy.setStringProperty("carrier", message.getStringProperty("carrier"));
                copy.setStringProperty("acceptedAt", message.getStringProperty("acceptedAt"));
            }
            jms.createProducer().send(deadLetter, copy);
            LOG.severe(
                    () -> "message from " + from + " failed " + deliveries + " times; moved to " + DEAD_LETTER_QUEUE);
            return true;
        } catch (JMSException e) {
            throw new IllegalStateException("cannot inspect or divert a poisoned message", e);
        }
    }
}
