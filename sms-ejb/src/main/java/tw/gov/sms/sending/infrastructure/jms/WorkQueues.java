package tw.gov.sms.sending.infrastructure.jms;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.JMSConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import java.time.OffsetDateTime;
import java.util.StringJoiner;
import tw.gov.sms.routing.domain.Carrier;

/**
 * The port through which work moves asynchronously. Messages carry ids, never entities or texts
 * (STYLE.md): "release job 42", "messages 7,8,9 of one acceptance time are ready for CHT". Sends join
 * the caller's JTA transaction, so a job's rows and its queue entry commit together or not at all.
 */
@ApplicationScoped
public class WorkQueues {

    public static final String CONNECTION_FACTORY = "jms/sms/ConnectionFactory";
    public static final String RELEASE_QUEUE = "jms/sms/release";
    public static final String DISPATCH_QUEUE = "jms/sms/dispatch";

    @Inject
    @JMSConnectionFactory(CONNECTION_FACTORY)
    JMSContext jms;

    @Resource(lookup = RELEASE_QUEUE)
    Queue releaseQueue;

    @Resource(lookup = DISPATCH_QUEUE)
    Queue dispatchQueue;

    public void release(long jobId) {
        jms.createProducer().send(releaseQueue, Long.toString(jobId));
    }

    public void dispatch(Carrier carrier, OffsetDateTime acceptedAt, long[] ids) {
        StringJoiner body = new StringJoiner(",");
        for (long id : ids) {
            body.add(Long.toString(id));
        }
        TextMessage message = jms.createTextMessage(body.toString());
        try {
            message.setStringProperty("carrier", carrier.name());
            message.setStringProperty("acceptedAt", acceptedAt.toString());
        } catch (jakarta.jms.JMSException e) {
            throw new IllegalStateException(e);
        }
        jms.createProducer().send(dispatchQueue, message);
    }
}
