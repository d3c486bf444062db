package tw.gov.sms.shared.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;

class MsisdnParserTest {

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', ignoreLeadingAndTrailingWhitespace = false, textBlock = """
            0912345678|0912345678
            0912-345-678|0912345678
            0912 345 678|0912345678
            +886912345678|0912345678
            886912345678|0912345678
            +886 912 345 678|0912345678
            009886912345678|0912345678
            00886912345678|0912345678
            002886912345678|0912345678
            0019886912345678|0912345678
            ０９１２３４５６７８|0912345678
            ＋８８６９１２３４５６７８|0912345678
            ０９１２－３４５－６７８|0912345678
            +886-0912-345-678|0912345678
            (0912)345-678|0912345678
            0912.345.678|0912345678
            0912–345–678|0912345678
            0912　345　678|0912345678
              0912345678  |0912345678
            \uFEFF0912345678|0912345678
            912345678|0912345678
            0908123456|0908123456
            0980123456|0980123456
            """)
    void acceptsEveryFormAgenciesSend(String raw, String canonical) {
        String input = raw.replace("\\uFEFF", "\uFEFF");
        NumberParseResult r = MsisdnParser.parse(input);
        assertThat(r.ok()).as(r.toString()).isTrue();
        assertThat(r.msisdn().national()).isEqualTo(canonical);
        assertThat(r.problem()).isNull();
        assertThat(r.raw()).isEqualTo(input);
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            ''|NUMBER_EMPTY
            '   '|NUMBER_EMPTY
            ---|NUMBER_EMPTY
            +|NUMBER_EMPTY
            0912abc678|NUMBER_HAS_LETTERS
            tel:0912345678|NUMBER_HAS_LETTERS
            O912345678|NUMBER_HAS_LETTERS
            0912#345678|NUMBER_INVALID_CHARACTERS
            0912345678,0922333444|NUMBER_INVALID_CHARACTERS
            09+12345678|NUMBER_INVALID_CHARACTERS
            0227208889|NUMBER_LANDLINE
            02-2720-8889|NUMBER_LANDLINE
            (04)2222-3333|NUMBER_LANDLINE
            +886 2 2720 8889|NUMBER_LANDLINE
            27208889|NUMBER_LANDLINE
            111|NUMBER_SHORT_CODE
            1922|NUMBER_SHORT_CODE
            165|NUMBER_SHORT_CODE
            091234567|NUMBER_WRONG_LENGTH
            09123456789|NUMBER_WRONG_LENGTH
            +88691234567|NUMBER_WRONG_LENGTH
            +886|NUMBER_WRONG_LENGTH
            9123456789|NUMBER_WRONG_LENGTH
            +8613812345678|NUMBER_NOT_TAIWAN
            +1 202 555 0123|NUMBER_NOT_TAIWAN
            0081312345678|NUMBER_NOT_TAIWAN
            008613812345678|NUMBER_NOT_TAIWAN
            12025550123|NUMBER_NOT_TAIWAN
            0991234567|NUMBER_NOT_MOBILE
            0800123456|NUMBER_NOT_MOBILE
            0701234567|NUMBER_NOT_MOBILE
            +886 800 123 456|NUMBER_NOT_MOBILE
            0123456789|NUMBER_NOT_MOBILE
            """)
    void rejectsWithAReasonCode(String raw, ProblemCode expected) {
        NumberParseResult r = MsisdnParser.parse(raw);
        assertThat(r.ok()).isFalse();
        assertThat(r.msisdn()).isNull();
        assertThat(r.problem().code()).isEqualTo(expected);
        assertThat(r.problem().severity()).isEqualTo(Severity.ERROR);
        assertThat(r.problem().field()).isEqualTo("number");
        assertThat(r.problem().messageZh()).isNotBlank().doesNotContain("%");
        assertThat(r.problem().messageEn()).isNotBlank().doesNotContain("%");
    }

    @ParameterizedTest
    @NullSource
    void rejectsNullAsEmpty(String raw) {
        assertThat(MsisdnParser.parse(raw).problem().code()).isEqualTo(ProblemCode.NUMBER_EMPTY);
    }

    @Test
    void rejectionMessagesQuoteTheInputAndTheDigitCount() {
        Problem p = MsisdnParser.parse("091234567").problem();
        assertThat(p.messageEn()).contains("\"091234567\"").contains("9 digits");
        assertThat(p.messageZh()).contains("「091234567」").contains("9 位數字");
    }

    @Test
    void everyRejectionCodeIsCoveredByTheTable() {
        // keeps the table above honest when a NUMBER_ code is added
        List<ProblemCode> numberCodes = Arrays.stream(ProblemCode.values())
                .filter(c -> c.name().startsWith("NUMBER_") && c != ProblemCode.NUMBER_DUPLICATE)
                .toList();
        assertThat(numberCodes)
                .containsExactlyInAnyOrder(
                        ProblemCode.NUMBER_EMPTY,
                        ProblemCode.NUMBER_HAS_LETTERS,
                        ProblemCode.NUMBER_INVALID_CHARACTERS,
                        ProblemCode.NUMBER_LANDLINE,
                        ProblemCode.NUMBER_SHORT_CODE,
                        ProblemCode.NUMBER_WRONG_LENGTH,
                        ProblemCode.NUMBER_NOT_TAIWAN,
                        ProblemCode.NUMBER_NOT_MOBILE);
    }

    @Test
    void duplicatesInAJobAreReportedAndSentOnce() {
        ParsedNumbers parsed = MsisdnParser.parseAll(
                List.of("0912345678", "+886 912 345 678", "0922333444", "02-2720-8889", "0912-345-678"));

        assertThat(parsed.unique()).extracting(Msisdn::national).containsExactly("0912345678", "0922333444");
        assertThat(parsed.results()).hasSize(5);
        assertThat(parsed.rejectedCount()).isEqualTo(1);
        assertThat(parsed.duplicateCount()).isEqualTo(2);
        assertThat(parsed.problems())
                .extracting(Problem::code, Problem::severity, Problem::field)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                ProblemCode.NUMBER_DUPLICATE, Severity.WARNING, "recipients[1]"),
                        org.assertj.core.groups.Tuple.tuple(
                                ProblemCode.NUMBER_LANDLINE, Severity.ERROR, "recipients[3]"),
                        org.assertj.core.groups.Tuple.tuple(
                                ProblemCode.NUMBER_DUPLICATE, Severity.WARNING, "recipients[4]"));
        assertThat(parsed.problems().get(0).messageEn()).contains("entry 1");
    }

    @Test
    void msisdnGivesItsForms() {
        Msisdn m = Msisdn.of("0912345678");
        assertThat(m.international()).isEqualTo("886912345678");
        assertThat(m.e164()).isEqualTo("+886912345678");
        assertThat(m.last3()).isEqualTo("678");
        assertThat(m.masked()).isEqualTo("0912***678");
        assertThat(m.toString()).doesNotContain("0912345678").contains("0912***678");
    }

    @Test
    void msisdnAcceptsOnlyTheCanonicalForm() {
        for (String bad : new String[] {"912345678", "+886912345678", "0991234567", "0227208889", "0912-345-678"}) {
            assertThatThrownBy(() -> Msisdn.of(bad)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> Msisdn.of(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
