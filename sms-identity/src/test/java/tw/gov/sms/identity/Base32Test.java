package tw.gov.sms.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class Base32Test {

    /** RFC 4648 section 10, without the padding. */
    @ParameterizedTest
    @CsvSource({"'',''", "f,MY", "fo,MZXQ", "foo,MZXW6", "foob,MZXW6YQ", "fooba,MZXW6YTB", "foobar,MZXW6YTBOI"})
    void encodesAndDecodesTheRfcVectors(String text, String base32) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);

        assertThat(Base32.encode(bytes)).isEqualTo(base32);
        assertThat(Base32.decode(base32)).isEqualTo(bytes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"MZXW6YQ=", "mzxw6yq", "mzxw 6yq", " MZXW-6YQ= ", "MzXw6Yq"})
    void decodesLowerCasePaddingSpacesAndDashes(String typed) {
        assertThat(Base32.decode(typed)).isEqualTo("foob".getBytes(StandardCharsets.US_ASCII));
    }

    @ParameterizedTest
    @ValueSource(strings = {"MZXW0YQ", "MZXW1YQ", "MZXW8YQ", "MZXW6YQ!", "M", "MZX", "MZXW6Y"})
    void refusesWhatNoEncoderProduces(String bad) {
        assertThatThrownBy(() -> Base32.decode(bad)).isInstanceOf(IllegalArgumentException.class);
    }

    @Property(tries = 500)
    void roundTrips(@ForAll @Size(max = 64) byte[] bytes) {
        String encoded = Base32.encode(bytes);

        assertThat(encoded).matches("[A-Z2-7]*");
        assertThat(Base32.decode(encoded)).isEqualTo(bytes);
        assertThat(Base32.decode(encoded.toLowerCase().replaceAll("(.{4})", "$1 ") + "=="))
                .isEqualTo(bytes);
    }
}
