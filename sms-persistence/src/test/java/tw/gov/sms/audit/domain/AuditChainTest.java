package tw.gov.sms.audit.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class AuditChainTest {

    private static final Instant T = Instant.parse("2025-03-01T02:03:04.123456Z");

    private static AuditEvent event(String target, String detail) {
        return new AuditEvent(
                T,
                ActorKind.USER,
                7L,
                "alice",
                "USER",
                3L,
                5L,
                "RECORD_READ",
                target,
                "192.0.2.1",
                Outcome.SUCCESS,
                detail);
    }

    @Test
    void adjacentTextsCannotTradeCharacters() {
        assertThat(AuditChain.canonical(1, event("ab", "c"))).isNotEqualTo(AuditChain.canonical(1, event("a", "bc")));
        assertThat(AuditChain.canonical(1, event("ab", null))).isNotEqualTo(AuditChain.canonical(1, event("a", "b")));
    }

    @Test
    void nullIsNotTheEmptyText() {
        assertThat(AuditChain.canonical(1, event(null, "x"))).isNotEqualTo(AuditChain.canonical(1, event("", "x")));
        assertThat(AuditChain.canonical(1, event("", null))).isNotEqualTo(AuditChain.canonical(1, event(null, "")));
    }

    @Test
    void nullIdIsNotZero() {
        AuditEvent none = new AuditEvent(
                T,
                ActorKind.SYSTEM,
                null,
                "system",
                "SYSTEM",
                null,
                null,
                "NP_IMPORT",
                null,
                null,
                Outcome.SUCCESS,
                null);
        AuditEvent zero = new AuditEvent(
                T,
                ActorKind.SYSTEM,
                0L,
                "system",
                "SYSTEM",
                null,
                null,
                "NP_IMPORT",
                null,
                null,
                Outcome.SUCCESS,
                null);

        assertThat(AuditChain.canonical(1, none)).isNotEqualTo(AuditChain.canonical(1, zero));
    }

    @Test
    void encodesTheTimeInMicroseconds() {
        AuditEvent nanos = new AuditEvent(
                T.plusNanos(999),
                ActorKind.USER,
                7L,
                "alice",
                "USER",
                3L,
                5L,
                "RECORD_READ",
                "x",
                "192.0.2.1",
                Outcome.SUCCESS,
                "y");

        assertThat(AuditChain.canonical(1, nanos)).isEqualTo(AuditChain.canonical(1, event("x", "y")));
        assertThat(AuditChain.epochMicros(T)).isEqualTo(1_740_794_584_123_456L);
    }

    @Test
    void theHashCoversThePreviousHashTheSequenceNumberAndEveryField() {
        byte[] genesis = AuditChain.genesis();
        byte[] h = AuditChain.hash(genesis, 1, event("x", "y"));
        byte[] otherPrev = genesis.clone();
        otherPrev[31] = 1;

        assertThat(h).hasSize(32).isEqualTo(AuditChain.hash(AuditChain.genesis(), 1, event("x", "y")));
        assertThat(AuditChain.hash(otherPrev, 1, event("x", "y"))).isNotEqualTo(h);
        assertThat(AuditChain.hash(genesis, 2, event("x", "y"))).isNotEqualTo(h);
        assertThat(AuditChain.hash(genesis, 1, event("x", "z"))).isNotEqualTo(h);
        assertThat(AuditChain.genesis()).containsOnly(0).hasSize(32);
    }

    @Test
    void theEncodingIsPinned() {
        // Computed independently (Python struct + hashlib). A change here breaks every stored chain and
        // needs a new version byte.
        assertThat(AuditChain.hex(AuditChain.canonical(1, event("ab", null))))
                .isEqualTo("01" + "0000000000000001" + "00062f3e52d04840" + "010000000455534552" + "010000000000000007"
                        + "0100000005616c696365" + "010000000455534552" + "010000000000000003" + "010000000000000005"
                        + "010000000b5245434f52445f52454144" + "01000000026162" + "01000000093139322e302e322e31"
                        + "010000000753554343455353" + "00");
        assertThat(AuditChain.hex(AuditChain.hash(AuditChain.genesis(), 1, event("send_job:42", "詳細"))))
                .isEqualTo("81f13786b18149f3793eece0f04e673555411c1c64ff61c5ecba50b84d15d04a");
    }

    /** Equal encodings only for equal events, over small alphabets where near-collisions are frequent. */
    @Property(tries = 2000)
    void encodingIsInjective(@ForAll("events") AuditEvent a, @ForAll("events") AuditEvent b) {
        boolean sameBytes = Arrays.equals(AuditChain.canonical(1, a), AuditChain.canonical(1, b));
        assertThat(sameBytes).isEqualTo(a.equals(b));
    }

    @Provide
    Arbitrary<AuditEvent> events() {
        Arbitrary<String> text =
                Arbitraries.strings().withChars("ab").ofMaxLength(2).injectNull(0.3);
        Arbitrary<Long> id = Arbitraries.longs().between(0, 1).injectNull(0.3);
        return Combinators.combine(text, text, text, text, id, id, Arbitraries.of(ActorKind.class))
                .as((name, target, address, detail, actorId, agencyId, kind) -> new AuditEvent(
                        T,
                        kind,
                        actorId,
                        name == null ? "" : name,
                        null,
                        agencyId,
                        null,
                        "X",
                        target,
                        address,
                        Outcome.SUCCESS,
                        detail));
    }
}
