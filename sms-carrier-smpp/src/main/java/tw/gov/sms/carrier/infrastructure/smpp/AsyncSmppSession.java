package tw.gov.sms.carrier.infrastructure.smpp;

import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jsmpp.InvalidResponseException;
import org.jsmpp.PDUException;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.Command;
import org.jsmpp.bean.DataCoding;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.SubmitSmResp;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.PendingResponse;
import org.jsmpp.extra.ResponseTimeoutException;
import org.jsmpp.extra.SessionState;
import org.jsmpp.session.SMPPSession;
import org.jsmpp.session.SubmitSmCommandTask;
import org.jsmpp.session.connection.ConnectionFactory;

/**
 * jSMPP's {@link SMPPSession} plus the one thing jSMPP 3.0 lacks: a {@code submit_sm} that does not
 * wait for its {@code submit_sm_resp}. jSMPP's own submit blocks its caller until the answer, so a
 * window of ten in flight would need ten threads; here one thread can fill the window, and the answer
 * arrives as the completion of a future.
 *
 * <p>How it fits into jSMPP: the PDU is written with jSMPP's own {@link SubmitSmCommandTask} under a
 * sequence number from the session's own counter, so it never collides with the enquire_link and unbind
 * jSMPP sends itself. jSMPP's reader hands every response to {@link #removePendingResponse}; this class
 * answers from its own table first, with an entry that turns jSMPP's "done" calls into the completion
 * of a future. jSMPP calls them on its PDU processor threads, so whatever depends on the future runs
 * there too and must stay short.
 *
 * <p>Every submit ends, exactly once, in one of the ways jSMPP's blocking submit ends, with the same
 * exception types: the response ({@link SubmitSmResp}, or {@link NegativeResponseException} for a
 * non-zero command_status); a generic_nack ({@link InvalidResponseException}); no response within
 * the transaction timer ({@link ResponseTimeoutException}, timed on the scheduler given here, a
 * managed one in the server: no thread of our own); or the session unbinding or closing first
 * ({@link IOException}). A response that arrives after its timeout finds no entry and jSMPP logs a
 * warning; the message has been reported as timed out and is retried (the in-flight policy,
 * docs/message-path.md).
 */
final class AsyncSmppSession extends SMPPSession {

    private final ScheduledExecutorService scheduler;
    private final Map<Integer, InFlight> inFlight = new ConcurrentHashMap<>();

    AsyncSmppSession(ConnectionFactory connectionFactory, ScheduledExecutorService scheduler) {
        super(connectionFactory);
        this.scheduler = scheduler;
        addSessionStateListener((newState, oldState, source) -> {
            if (newState == SessionState.UNBOUND || newState == SessionState.CLOSED) {
                failAll("session " + newState.name().toLowerCase(Locale.ROOT) + " before the submit_sm_resp");
            }
        });
    }

    /**
     * Writes one submit_sm and returns at once; the parameters are those of jSMPP's
     * {@link #submitShortMessage}.
     *
     * @return completes with the submit_sm_resp, or fails as described on the class
     * @throws PDUException a parameter does not fit SMPP; nothing was sent
     * @throws IOException the session cannot transmit, or writing failed (the session is then closed);
     *     nothing, or not all of the PDU, was sent
     */
    CompletableFuture<SubmitSmResp> submitShortMessageAsync(
            String serviceType,
            TypeOfNumber sourceAddrTon,
            NumberingPlanIndicator sourceAddrNpi,
            String sourceAddr,
            TypeOfNumber destAddrTon,
            NumberingPlanIndicator destAddrNpi,
            String destinationAddr,
            ESMClass esmClass,
            byte protocolId,
            byte priorityFlag,
            String scheduleDeliveryTime,
            String validityPeriod,
            RegisteredDelivery registeredDelivery,
            byte replaceIfPresentFlag,
            DataCoding dataCoding,
            byte smDefaultMsgId,
            byte[] shortMessage,
            OptionalParameter... optionalParameters)
            throws PDUException, IOException {
        ensureTransmittable(SubmitSmCommandTask.COMMAND_NAME_SUBMIT_SM);
        SubmitSmCommandTask task = new SubmitSmCommandTask(
                pduSender(),
                serviceType,
                sourceAddrTon,
                sourceAddrNpi,
                sourceAddr,
                destAddrTon,
                destAddrNpi,
                destinationAddr,
                esmClass,
                protocolId,
                priorityFlag,
                scheduleDeliveryTime,
                validityPeriod,
                registeredDelivery,
                replaceIfPresentFlag,
                dataCoding,
                smDefaultMsgId,
                shortMessage,
                optionalParameters);
        int sequenceNumber = sequence().nextValue();
        InFlight submit = new InFlight(getTransactionTimer());
        // Registered before the PDU is written: the response can only come after that.
        inFlight.put(sequenceNumber, submit);
        ScheduledFuture<?> timer;
        try {
            timer = scheduler.schedule(
                    () -> expire(sequenceNumber, submit), getTransactionTimer(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            inFlight.remove(sequenceNumber);
            throw new IOException("cannot time the response: the scheduler is shut down", e);
        }
        submit.response.whenComplete((resp, failure) -> timer.cancel(false));
        try {
            task.executeTask(connection().getOutputStream(), sequenceNumber);
        } catch (PDUException e) {
            fail(sequenceNumber, submit, e);
            throw e;
        } catch (IOException e) {
            fail(sequenceNumber, submit, e);
            close(); // as jSMPP does: a half-written PDU leaves the stream unusable
            throw e;
        }
        if (!getSessionState().isBound()) {
            // Unbound or closed between the check above and now, possibly after failAll had run.
            fail(sequenceNumber, submit, new IOException("session no longer bound after the submit_sm was written"));
        }
        return submit.response;
    }

    @Override
    protected PendingResponse<Command> removePendingResponse(int sequenceNumber) {
        InFlight submit = inFlight.remove(sequenceNumber);
        return submit != null ? submit : super.removePendingResponse(sequenceNumber);
    }

    private void expire(int sequenceNumber, InFlight submit) {
        fail(
                sequenceNumber,
                submit,
                new ResponseTimeoutException("no submit_sm_resp for sequence_number " + sequenceNumber + " after "
                        + getTransactionTimer() + " ms"));
    }

    private void failAll(String why) {
        inFlight.forEach((sequenceNumber, submit) -> fail(sequenceNumber, submit, new IOException(why)));
    }

    private void fail(int sequenceNumber, InFlight submit, Exception cause) {
        inFlight.remove(sequenceNumber, submit);
        submit.response.completeExceptionally(cause);
    }

    /** The table entry jSMPP's reader completes: turns its calls into the completion of a future. */
    private static final class InFlight extends PendingResponse<Command> {

        final CompletableFuture<SubmitSmResp> response = new CompletableFuture<>();

        InFlight(long timeout) {
            super(timeout);
        }

        @Override
        public void done(Command resp) {
            if (resp.getCommandStatus() != SMPPConstant.STAT_ESME_ROK) {
                // jSMPP hands over a negative submit_sm_resp as "done" too; its blocking submit then throws this.
                response.completeExceptionally(new NegativeResponseException(resp.getCommandStatus()));
            } else if (resp instanceof SubmitSmResp submitSmResp) {
                response.complete(submitSmResp);
            } else {
                response.completeExceptionally(
                        new InvalidResponseException("a " + resp.getClass().getSimpleName()
                                + " answered a submit_sm (sequence_number " + resp.getSequenceNumber() + ")"));
            }
        }

        @Override
        public void doneWithInvalidResponse(InvalidResponseException e) {
            response.completeExceptionally(e); // generic_nack
        }
    }
}
