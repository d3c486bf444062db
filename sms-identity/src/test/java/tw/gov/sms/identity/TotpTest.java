package tw.gov.sms.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.OptionalLong;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class TotpTest {

    private static final byte[] SEED20 = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
    private static final Instant NOW = Instant.parse("2025-03-01T08:00:10Z");

    private static byte[] seed(Totp.Algorithm algorithm) {
        String seed = switch (algorithm) {
            case SHA1 -> "12345678901234567890";
            case SHA256 -> "12345678901234567890123456789012";
            case SHA512 -> "1234567890123456789012345678901234567890123456789012345678901234";
        };
        return seed.getBytes(StandardCharsets.US_ASCII);
    }

    /** RFC 6238 appendix B. */
    @ParameterizedTest
    @CsvSource({
        "59, 94287082, SHA1",
        "59, 46119246, SHA256",
        "59, 90693936, SHA512",
        "1111111109, 07081804, SHA1",
        "1111111109, 68084774, SHA256",
        "1111111109, 25091201, SHA512",
        "1111111111, 14050471, SHA1",
        "1111111111, 67062674, SHA256",
        "1111111111, 99943326, SHA512",
        "1234567890, 89005924, SHA1",
        "1234567890, 91819424, SHA256",
        "1234567890, 93441116, SHA512",
        "2000000000, 69279037, SHA1",
        "2000000000, 90698825, SHA256",
        "2000000000, 38618901, SHA512",
        "20000000000, 65353130, SHA1",
        "20000000000, 77737706, SHA256",
        "20000000000, 47863826, SHA512"
    })
    void computesTheRfc6238Vectors(long epochSeconds, String expected, Totp.Algorithm algorithm) {
        Totp totp = new Totp(algorithm, 8, 30);
        Instant at = Instant.ofEpochSecond(epochSeconds);

        assertThat(totp.code(seed(algorithm), totp.timeStep(at))).isEqualTo(expected);
        assertThat(totp.verify(seed(algorithm), expected, at, Totp.NEVER_USED)).hasValue(totp.timeStep(at));
    }

    @Test
    void sixDigitCodesAreTheLastSixOfTheEightDigitOnes() {
        assertThat(Totp.DEFAULT.code(SEED20, 1)).isEqualTo("287082");
        assertThat(Totp.DEFAULT.code(SEED20, Totp.DEFAULT.timeStep(Instant.ofEpochSecond(1111111109))))
                .isEqualTo("081804");
    }

    @Test
    void acceptsOneStepOfDriftEitherWayAndReturnsTheStep() {
        Totp totp = Totp.DEFAULT;
        long now = totp.timeStep(NOW);

        assertThat(totp.verify(SEED20, totp.code(SEED20, now - 1), NOW, Totp.NEVER_USED))
                .hasValue(now - 1);
        assertThat(totp.verify(SEED20, totp.code(SEED20, now), NOW, Totp.NEVER_USED))
                .hasValue(now);
        assertThat(totp.verify(SEED20, totp.code(SEED20, now + 1), NOW, Totp.NEVER_USED))
                .hasValue(now + 1);
        assertThat(totp.verify(SEED20, totp.code(SEED20, now - 2), NOW, Totp.NEVER_USED))
                .isEmpty();
        assertThat(totp.verify(SEED20, totp.code(SEED20, now + 2), NOW, Totp.NEVER_USED))
                .isEmpty();
    }

    @Test
    void neverAcceptsACodeTwiceNorAnOlderOne() {
        Totp totp = Totp.DEFAULT;
        long now = totp.timeStep(NOW);
        String code = totp.code(SEED20, now);

        OptionalLong used = totp.verify(SEED20, code, NOW, Totp.NEVER_USED);
        assertThat(used).hasValue(now);
        assertThat(totp.verify(SEED20, code, NOW, used.getAsLong())).isEmpty();
        assertThat(totp.verify(SEED20, code, NOW.plusSeconds(20), used.getAsLong()))
                .isEmpty();
        assertThat(totp.verify(SEED20, totp.code(SEED20, now - 1), NOW, used.getAsLong()))
                .isEmpty();
        assertThat(totp.verify(SEED20, totp.code(SEED20, now + 1), NOW, used.getAsLong()))
                .hasValue(now + 1);
    }

    @Test
    void ignoresSpacesAsAppsDisplayCodes() {
        String code = Totp.DEFAULT.code(SEED20, Totp.DEFAULT.timeStep(NOW));

        assertThat(Totp.DEFAULT.verify(SEED20, code.substring(0, 3) + " " + code.substring(3), NOW, Totp.NEVER_USED))
                .isPresent();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"12345", "1234567", "12345a", "１２３４５６", "-12345"})
    void refusesWhatIsNotSixDigits(String code) {
        assertThat(Totp.DEFAULT.verify(SEED20, code, NOW, Totp.NEVER_USED)).isEmpty();
    }

    @Test
    void newSecretsAre160RandomBits() {
        byte[] a = Totp.newSecret();
        byte[] b = Totp.newSecret();

        assertThat(a).hasSize(20);
        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void refusesParametersAppsDoNotSupport() {
        assertThatThrownBy(() -> new Totp(Totp.Algorithm.SHA1, 5, 30)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Totp(Totp.Algorithm.SHA1, 9, 30)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Totp(Totp.Algorithm.SHA1, 6, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Totp(null, 6, 30)).isInstanceOf(IllegalArgumentException.class);
    }

    @Property(tries = 200)
    void aFreshCodeIsAcceptedOnceAnywhereInItsStep(
            @ForAll @Size(min = 10, max = 64) byte[] secret,
            @ForAll @LongRange(min = 30, max = 4_000_000_000L) long epochSecond) {
        Totp totp = Totp.DEFAULT;
        Instant now = Instant.ofEpochSecond(epochSecond);
        long step = totp.timeStep(now);
        String code = totp.code(secret, step);

        assertThat(code).matches("[0-9]{6}");
        OptionalLong used = totp.verify(secret, code, now, Totp.NEVER_USED);
        assertThat(used).isPresent();
        assertThat(used.getAsLong()).isBetween(step - 1, step);
        assertThat(totp.verify(secret, code, now, used.getAsLong())).isEmpty();
    }
}
