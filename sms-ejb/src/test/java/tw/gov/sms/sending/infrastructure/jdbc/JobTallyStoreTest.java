package tw.gov.sms.sending.infrastructure.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import tw.gov.sms.sending.domain.MessageState;
import tw.gov.sms.sending.infrastructure.jdbc.JobTallyStore.Line;
import tw.gov.sms.sending.infrastructure.jdbc.JobTallyStore.Tally;

/** A job's tally: the figures the job page derives from it, and the form a completed job's tally is kept in. */
class JobTallyStoreTest {

    private static final OffsetDateTime T0 = OffsetDateTime.parse("2026-11-28T09:00:00+08:00");

    private static final Tally COMPLETED = new Tally(List.of(
            new Line("CHT", MessageState.DELIVERED, 7, T0.plusSeconds(5), T0.plusSeconds(30), 9),
            new Line("CHT", MessageState.UNDELIVERED, 1, T0.plusSeconds(6), T0.plusSeconds(40), 0),
            new Line("FET", MessageState.DELIVERED, 2, T0.plusSeconds(8), T0.plusSeconds(20), 2),
            new Line(null, MessageState.FAILED, 1, null, T0.plusSeconds(1), 0)));

    @Test
    void derivesCountsPerStateTimesAndDeliveredSegments() {
        assertThat(COMPLETED.byState())
                .containsEntry(MessageState.DELIVERED, 9)
                .containsEntry(MessageState.UNDELIVERED, 1)
                .containsEntry(MessageState.FAILED, 1)
                .hasSize(3);
        assertThat(COMPLETED.lastSubmittedAt()).isEqualTo(T0.plusSeconds(8));
        assertThat(COMPLETED.lastFinalAt()).isEqualTo(T0.plusSeconds(40));
        assertThat(COMPLETED.deliveredSegments()).isEqualTo(11);
        assertThat(COMPLETED.allHandedOver()).isTrue();
    }

    @Test
    void aJobWithMessagesStillToSendIsNotAllHandedOver() {
        Tally sending = new Tally(List.of(
                new Line("TWM", MessageState.SUBMITTED, 3, T0, null, 0),
                new Line("TWM", MessageState.QUEUED, 1, null, null, 0)));
        assertThat(sending.allHandedOver()).isFalse();
        assertThat(sending.lastFinalAt()).isNull();
        assertThat(new Tally(List.of()).byState()).isEmpty();
    }

    @Test
    void aKeptTallyReadsBackTheSameInCarrierOrderWithTheUnroutedLast() {
        Tally shuffled = new Tally(List.of(
                COMPLETED.lines().get(3),
                COMPLETED.lines().get(2),
                COMPLETED.lines().get(1),
                COMPLETED.lines().get(0)));

        Tally read = JobTallyStore.fromJson(JobTallyStore.toJson(shuffled));

        assertThat(read.lines()).containsExactlyElementsOf(COMPLETED.lines());
    }
}
