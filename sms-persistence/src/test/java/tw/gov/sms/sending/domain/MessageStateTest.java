package tw.gov.sms.sending.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;
import tw.gov.sms.account.domain.AgencyId;

class MessageStateTest {

    @Test
    void finalStatesNeverMoveAgain() {
        for (MessageState from : MessageState.values()) {
            if (from.isFinal()) {
                for (MessageState to : MessageState.values()) {
                    assertThat(from.canMoveTo(to)).as(from + " -> " + to).isFalse();
                }
            }
        }
    }

    @Test
    void aReceiptMaySettleAQueuedMessageWhoseSubmitResponseWasLate() {
        assertThat(MessageState.QUEUED.canMoveTo(MessageState.DELIVERED)).isTrue();
        assertThat(MessageState.SUBMITTED.canMoveTo(MessageState.DELIVERED)).isTrue();
        assertThat(MessageState.ACCEPTED.canMoveTo(MessageState.DELIVERED)).isFalse();
    }

    @Test
    void onlyWaitingMessagesCanBeCancelled() {
        assertThat(MessageState.SCHEDULED.canMoveTo(MessageState.CANCELLED)).isTrue();
        assertThat(MessageState.SUBMITTED.canMoveTo(MessageState.CANCELLED)).isFalse();
    }

    @Test
    void aJobIsReleasedOnceAndOnlyWhenDue() {
        OffsetDateTime now = OffsetDateTime.now();
        SendJob scheduled = new SendJob(
                new AgencyId(1),
                1L,
                Channel.API,
                false,
                "111",
                null,
                new byte[] {1},
                (short) 1,
                now,
                now.plusHours(1),
                now.plusDays(1));
        assertThat(scheduled.getState()).isEqualTo(JobState.SCHEDULED);
        assertThat(scheduled.isDue(now)).isFalse();
        assertThat(scheduled.isDue(now.plusHours(2))).isTrue();
        scheduled.release(now.plusHours(2));
        assertThat(scheduled.getState()).isEqualTo(JobState.RELEASED);
        assertThatThrownBy(() -> scheduled.release(now.plusHours(3))).isInstanceOf(IllegalStateException.class);
    }
}
