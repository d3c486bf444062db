package tw.gov.sms.audit.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class AuditEventTest {

    static AuditEvent event(String actorName, String target, String sourceAddress, String detail) {
        return new AuditEvent(
                Instant.parse("2025-03-01T02:03:04.123456789Z"),
                ActorKind.ANONYMOUS,
                null,
                actorName,
                null,
                null,
                null,
                "LOGIN",
                target,
                sourceAddress,
                Outcome.FAILURE,
                detail);
    }

    @Test
    void truncatesTheTimeToMicrosecondsAsPostgresqlStoresIt() {
        assertThat(event("x", null, null, null).occurredAt()).isEqualTo(Instant.parse("2025-03-01T02:03:04.123456Z"));
    }

    @Test
    void cutsLongTextsToTheirColumnSizeInsteadOfRefusingTheEvent() {
        AuditEvent e = event("n".repeat(500), "t".repeat(301), "1".repeat(46), "d".repeat(5000));

        assertThat(e.actorName()).hasSize(100).endsWith("n…");
        assertThat(e.target()).hasSize(300).endsWith("t…");
        assertThat(e.sourceAddress()).hasSize(45);
        assertThat(e.detail()).hasSize(1000).endsWith("d…");
        assertThat(event("n".repeat(100), null, null, "d".repeat(1000)).detail())
                .isEqualTo("d".repeat(1000));
    }

    @Test
    void countsCodePointsLikePostgresqlAndNeverSplitsASurrogatePair() {
        String emoji = "😀"; // two UTF-16 chars, one character for varchar(n)
        AuditEvent fits = event(emoji.repeat(100), null, null, null);
        AuditEvent cut = event(emoji.repeat(101), null, null, null);

        assertThat(fits.actorName()).isEqualTo(emoji.repeat(100));
        assertThat(cut.actorName()).isEqualTo(emoji.repeat(99) + "…");
    }

    @Test
    void replacesCharactersPostgresqlCannotStore() {
        AuditEvent e = event("ad\0min", "x\uD800y", null, "\uDC00");

        assertThat(e.actorName()).isEqualTo("ad\uFFFDmin");
        assertThat(e.target()).isEqualTo("x\uFFFDy");
        assertThat(e.detail()).isEqualTo("\uFFFD");
    }

    @Test
    void fittingIsIdempotentSoAnEventReadBackIsTheSame() {
        AuditEvent e = event("😀".repeat(150), "a\0b", "::ffff:192.0.2.1", "長".repeat(2000));

        AuditEvent again = new AuditEvent(
                e.occurredAt(),
                e.actorKind(),
                e.actorId(),
                e.actorName(),
                e.role(),
                e.agencyId(),
                e.groupId(),
                e.action(),
                e.target(),
                e.sourceAddress(),
                e.outcome(),
                e.detail());

        assertThat(again).isEqualTo(e);
    }

    @Test
    void keepsAnEmptyNameForALoginWithoutOne() {
        assertThat(event("", null, null, null).actorName()).isEmpty();
    }

    @Test
    void refusesWrongCodesAsProgrammingErrors() {
        assertThatThrownBy(() -> new AuditEvent(
                        Instant.now(),
                        ActorKind.USER,
                        1L,
                        "a",
                        "ROOT",
                        1L,
                        1L,
                        "LOGIN",
                        null,
                        null,
                        Outcome.SUCCESS,
                        null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("role");
        assertThatThrownBy(() -> new AuditEvent(
                        Instant.now(),
                        ActorKind.USER,
                        1L,
                        "a",
                        "USER",
                        1L,
                        1L,
                        "login",
                        null,
                        null,
                        Outcome.SUCCESS,
                        null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("action");
        assertThatThrownBy(() -> new AuditEvent(
                        Instant.now(),
                        ActorKind.USER,
                        1L,
                        "a",
                        "USER",
                        1L,
                        1L,
                        "A".repeat(41),
                        null,
                        null,
                        Outcome.SUCCESS,
                        null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AuditEvent(
                        Instant.now(),
                        ActorKind.USER,
                        1L,
                        null,
                        "USER",
                        1L,
                        1L,
                        "LOGIN",
                        null,
                        null,
                        Outcome.SUCCESS,
                        null))
                .isInstanceOf(NullPointerException.class);
    }
}
