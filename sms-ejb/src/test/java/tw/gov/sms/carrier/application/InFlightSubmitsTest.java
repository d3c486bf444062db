package tw.gov.sms.carrier.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tw.gov.sms.carrier.infrastructure.smpp.SmppSubmitException;
import tw.gov.sms.carrier.infrastructure.smpp.SubmitOutcome;
import tw.gov.sms.sending.domain.MessageState;
import tw.gov.sms.sending.infrastructure.jdbc.MessageStore.DispatchRow;

class InFlightSubmitsTest {

    private static DispatchRow row(long id) {
        return new DispatchRow(
                id, 1, MessageState.QUEUED, new byte[0], new byte[0], 1, (short) 0, OffsetDateTime.now());
    }

    @Test
    void answersCompletedOnOtherThreadsAreHandedOverOnTheDispatchersThread() throws Exception {
        InFlightSubmits inFlight = new InFlightSubmits();
        CompletableFuture<SubmitOutcome> first = new CompletableFuture<>();
        CompletableFuture<SubmitOutcome> second = new CompletableFuture<>();
        inFlight.add(row(1), first);
        inFlight.add(row(2), second);
        ExecutorService smppThread = Executors.newSingleThreadExecutor();
        try {
            smppThread
                    .submit(() -> first.complete(new SubmitOutcome(List.of("A"))))
                    .get(5, TimeUnit.SECONDS);
        } finally {
            smppThread.shutdown();
        }

        List<Thread> handedOn = new ArrayList<>();
        List<InFlightSubmits.Answer> answers = new ArrayList<>();
        inFlight.takeAnswered(answer -> {
            handedOn.add(Thread.currentThread());
            answers.add(answer);
        });

        assertThat(answers).singleElement().satisfies(a -> {
            assertThat(a.row().id()).isEqualTo(1);
            assertThat(a.outcome().carrierMessageIds()).containsExactly("A");
            assertThat(a.failure()).isNull();
        });
        assertThat(handedOn).containsOnly(Thread.currentThread());
        assertThat(inFlight.waiting()).isEqualTo(1);
    }

    @Test
    void aFailureIsHandedOverUnwrapped() {
        InFlightSubmits inFlight = new InFlightSubmits();
        SmppSubmitException timeout = new SmppSubmitException(
                SmppSubmitException.Kind.TIMEOUT, SmppSubmitException.NO_STATUS, "no answer", List.of(), null);
        CompletableFuture<SubmitOutcome> submit = new CompletableFuture<>();
        inFlight.add(row(7), submit.thenApply(outcome -> outcome)); // a dependent stage wraps the failure
        submit.completeExceptionally(timeout);

        List<InFlightSubmits.Answer> answers = new ArrayList<>();
        inFlight.takeAnswered(answers::add);

        assertThat(answers)
                .singleElement()
                .satisfies(a -> assertThat(a.failure()).isSameAs(timeout));
    }

    @Test
    void waitingForTheRestIsBoundedAndReturnsWhatNeverAnswered() {
        InFlightSubmits inFlight = new InFlightSubmits();
        CompletableFuture<SubmitOutcome> answeredLate = new CompletableFuture<>();
        CompletableFuture<SubmitOutcome> neverAnswered = new CompletableFuture<>();
        inFlight.add(row(1), answeredLate);
        inFlight.add(row(2), neverAnswered);
        CompletableFuture.runAsync(
                () -> answeredLate.complete(new SubmitOutcome(List.of("L"))),
                CompletableFuture.delayedExecutor(50, TimeUnit.MILLISECONDS));

        List<InFlightSubmits.Answer> answers = new ArrayList<>();
        List<DispatchRow> unanswered = inFlight.awaitRest(Duration.ofMillis(500), answers::add);

        assertThat(answers).extracting(a -> a.row().id()).containsExactly(1L);
        assertThat(unanswered).extracting(DispatchRow::id).containsExactly(2L);
        assertThat(inFlight.waiting()).isZero();

        // An answer after the deadline is not handed over a second time as something else.
        neverAnswered.complete(new SubmitOutcome(List.of("X")));
        inFlight.takeAnswered(answers::add);
        assertThat(answers).hasSize(1);
    }
}
