package tw.gov.sms.carrier.application;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import tw.gov.sms.carrier.infrastructure.smpp.SubmitOutcome;
import tw.gov.sms.sending.infrastructure.jdbc.MessageStore.DispatchRow;

/**
 * The submits of one work unit that went to the carrier and have not been handed back to the
 * dispatcher yet. The link completes them on jSMPP's threads, where this class only puts the answer
 * on a queue; the dispatcher's own thread takes the answers off and records them. So the outcomes
 * and the recorder's transactions stay on the one thread that runs the unit, and nothing slow ever
 * runs on a thread that reads the SMPP socket.
 *
 * <p>Not thread-safe apart from the completions: {@link #add}, {@link #takeAnswered} and
 * {@link #awaitRest} belong to the dispatcher's thread.
 */
final class InFlightSubmits {

    /** What became of one submit: an outcome, or the failure (unwrapped). */
    record Answer(DispatchRow row, SubmitOutcome outcome, Throwable failure) {}

    private final BlockingQueue<Answer> answered = new LinkedBlockingQueue<>();
    private final Map<Long, DispatchRow> waiting = new LinkedHashMap<>();

    void add(DispatchRow row, CompletionStage<SubmitOutcome> submit) {
        waiting.put(row.id(), row);
        submit.whenComplete((outcome, failure) -> answered.add(new Answer(row, outcome, unwrap(failure))));
    }

    /** Submits not yet handed back. */
    int waiting() {
        return waiting.size();
    }

    /** Hands every answer that has arrived to {@code handler}, without waiting. */
    void takeAnswered(Consumer<Answer> handler) {
        for (Answer answer = answered.poll(); answer != null; answer = answered.poll()) {
            handOver(answer, handler);
        }
    }

    /**
     * Hands answers to {@code handler} as they arrive until none is waiting or {@code bound} has passed.
     *
     * @return the rows still without an answer (also when the thread is interrupted); they are no longer
     *     waited for
     */
    List<DispatchRow> awaitRest(Duration bound, Consumer<Answer> handler) {
        long deadline = System.nanoTime() + bound.toNanos();
        try {
            while (!waiting.isEmpty()) {
                Answer answer = answered.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (answer == null) {
                    break;
                }
                handOver(answer, handler);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        takeAnswered(handler); // those that arrived with the deadline
        List<DispatchRow> unanswered = new ArrayList<>(waiting.values());
        waiting.clear();
        return unanswered;
    }

    private void handOver(Answer answer, Consumer<Answer> handler) {
        if (waiting.remove(answer.row().id()) != null) {
            handler.accept(answer);
        }
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }
}
