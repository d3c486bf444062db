package tw.gov.sms.sending.domain.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tw.gov.sms.shared.domain.Msisdn;
import tw.gov.sms.shared.domain.Problem;
import tw.gov.sms.shared.domain.ProblemCode;

/**
 * Golden cases: for a policy, agency, text and recipient, the exact encoding, segment count, units, boundaries and
 * problem codes. Default prefix 【數位發展部】 is 7 UTF-16 units and forces UCS-2; the "ascii" policy uses
 * {@code {agency}: } with agency MODA (6 septets) so GSM cases are reachable.
 */
public class ContentGoldenTest {

    public static final ContentPolicy DEFAULT = ContentPolicy.defaults();
    static final ContentPolicy ASCII = ContentPolicy.defaults().withPrefixTemplate("{agency}: ");
    static final ContentPolicy TRIPLE = ContentPolicy.defaults().withPrefixTemplate("{last3}【{agency}】");
    static final ContentPolicy LINKS_BLOCKED = ContentPolicy.defaults().withNonGovLinkIsError(true);
    static final ContentPolicy NO_AGENCY = ContentPolicy.defaults().withPrefixTemplate("【機關】");

    public static final String MODA = "數位發展部";
    static final Msisdn TO = Msisdn.of("0912345678");

    public record Golden(
            String name,
            ContentPolicy policy,
            String agency,
            String text,
            Map<String, String> values,
            Encoding encoding,
            int count,
            int units,
            List<Integer> boundaries,
            Set<ProblemCode> codes) {
        @Override
        public String toString() {
            return name;
        }
    }

    static String rep(String s, int n) {
        return s.repeat(n);
    }

    static Golden g(
            String name,
            ContentPolicy p,
            String agency,
            String text,
            Encoding enc,
            int count,
            int units,
            List<Integer> boundaries,
            ProblemCode... codes) {
        return g(name, p, agency, text, Map.of(), enc, count, units, boundaries, codes);
    }

    static Golden g(
            String name,
            ContentPolicy p,
            String agency,
            String text,
            Map<String, String> values,
            Encoding enc,
            int count,
            int units,
            List<Integer> boundaries,
            ProblemCode... codes) {
        Set<ProblemCode> set = codes.length == 0 ? EnumSet.noneOf(ProblemCode.class) : EnumSet.of(codes[0], codes);
        return new Golden(name, p, agency, text, values, enc, count, units, boundaries, set);
    }

    /** Also run end to end against the platform by sms-it (ContentEndToEndIT). */
    public static Stream<Golden> cases() {
        Encoding U = Encoding.UCS2;
        Encoding G = Encoding.GSM7;
        return Stream.of(
                // --- UCS-2 boundaries, prefix (7) included ---
                g("70 units is one SMS", DEFAULT, MODA, rep("中", 63), U, 1, 70, List.of(0)),
                g("71 units is two segments", DEFAULT, MODA, rep("中", 64), U, 2, 71, List.of(0, 67)),
                g("134 units is two segments", DEFAULT, MODA, rep("中", 127), U, 2, 134, List.of(0, 67)),
                g("135 units is three segments", DEFAULT, MODA, rep("中", 128), U, 3, 135, List.of(0, 67, 134)),
                g("333 units is five segments", DEFAULT, MODA, rep("中", 326), U, 5, 333, List.of(0, 67, 134, 201, 268)),
                g(
                        "334 units is too long",
                        DEFAULT,
                        MODA,
                        rep("中", 327),
                        U,
                        5,
                        334,
                        List.of(0, 67, 134, 201, 268),
                        ProblemCode.TEXT_TOO_LONG),
                g(
                        "mixed Chinese and English at 70",
                        DEFAULT,
                        MODA,
                        "您的驗證碼為 ABC123,請於 10 分鐘內輸入。Your code is ABC123, valid 10 min.",
                        U,
                        1,
                        67,
                        List.of(0)),
                g(
                        "mixed Chinese and English at 71",
                        DEFAULT,
                        MODA,
                        "Hello 中文 " + rep("x", 55),
                        U,
                        2,
                        71,
                        List.of(0, 67)),
                g("full-width letters count one", DEFAULT, MODA, rep("Ａ", 63), U, 1, 70, List.of(0)),
                // --- emoji / outside the BMP ---
                g("emoji counts two units", DEFAULT, MODA, rep("中", 61) + "😀", U, 1, 70, List.of(0)),
                g(
                        "emoji pushed whole to the next segment",
                        DEFAULT,
                        MODA,
                        rep("中", 59) + "😀" + rep("中", 10),
                        U,
                        2,
                        78,
                        List.of(0, 66)),
                g(
                        "Extension B ideograph takes two units",
                        DEFAULT,
                        MODA,
                        "𠀋" + rep("中", 62),
                        U,
                        2,
                        71,
                        List.of(0, 67)),
                g(
                        "333 units of emoji needs a sixth segment",
                        DEFAULT,
                        MODA,
                        rep("中", 59) + rep("😀", 133) + "中",
                        U,
                        6,
                        333,
                        List.of(0, 66, 132, 198, 264, 330),
                        ProblemCode.TEXT_TOO_MANY_SEGMENTS),
                // --- GSM 7-bit ---
                g("160 septets is one GSM SMS", ASCII, "MODA", rep("a", 154), G, 1, 160, List.of(0)),
                g("161 septets is two GSM segments", ASCII, "MODA", rep("a", 155), G, 2, 161, List.of(0, 153)),
                g("extension characters count two", ASCII, "MODA", rep("€", 77), G, 1, 160, List.of(0)),
                g("an escape pair is never split", ASCII, "MODA", "ab" + rep("€", 80), G, 2, 168, List.of(0, 80)),
                g("GSM 333 septets is allowed", ASCII, "MODA", rep("a", 327), G, 3, 333, List.of(0, 153, 306)),
                g(
                        "GSM 334 septets is too long",
                        ASCII,
                        "MODA",
                        rep("a", 328),
                        G,
                        3,
                        334,
                        List.of(0, 153, 306),
                        ProblemCode.TEXT_TOO_LONG),
                g("one Chinese character forces UCS-2", ASCII, "MODA", "Hello 中", U, 1, 13, List.of(0)),
                g("GSM basic accents stay GSM", ASCII, "MODA", "Café à ñ £5 ¿Δ?", G, 1, 21, List.of(0)),
                g("literal braces are escaped", ASCII, "MODA", "{{x}}", G, 1, 6 + 5, List.of(0)),
                // --- prefix ---
                g("triple check prefix carries the last three digits", TRIPLE, MODA, "您好", U, 1, 12, List.of(0)),
                g(
                        "blank agency name is an error",
                        DEFAULT,
                        "  ",
                        "您好",
                        U,
                        1,
                        4,
                        List.of(0),
                        ProblemCode.AGENCY_NAME_EMPTY),
                g(
                        "a template without {agency} is invalid",
                        NO_AGENCY,
                        MODA,
                        "您好",
                        U,
                        1,
                        6,
                        List.of(0),
                        ProblemCode.PREFIX_TEMPLATE_INVALID),
                g(
                        "typing the prefix again is a warning",
                        DEFAULT,
                        MODA,
                        "【數位發展部】您好",
                        U,
                        1,
                        16,
                        List.of(0),
                        ProblemCode.TEXT_PREFIX_REPEATED),
                // --- placeholders ---
                g(
                        "placeholders are filled per recipient",
                        DEFAULT,
                        MODA,
                        "{姓名}您好,應繳 {amount} 元",
                        Map.of("姓名", "王小明", "amount", "1,234"),
                        U,
                        1,
                        23,
                        List.of(0)),
                g(
                        "a missing value is an error",
                        DEFAULT,
                        MODA,
                        "{name}您好",
                        Map.of(),
                        U,
                        1,
                        15,
                        List.of(0),
                        ProblemCode.PLACEHOLDER_MISSING_VALUE),
                g(
                        "a blank value is missing",
                        DEFAULT,
                        MODA,
                        "{name}您好",
                        Map.of("name", " "),
                        U,
                        1,
                        15,
                        List.of(0),
                        ProblemCode.PLACEHOLDER_MISSING_VALUE),
                g(
                        "an unclosed brace is malformed",
                        DEFAULT,
                        MODA,
                        "您好 {name",
                        U,
                        1,
                        15,
                        List.of(0),
                        ProblemCode.PLACEHOLDER_MALFORMED),
                g(
                        "an empty placeholder is malformed",
                        DEFAULT,
                        MODA,
                        "您好 {}",
                        U,
                        1,
                        12,
                        List.of(0),
                        ProblemCode.PLACEHOLDER_MALFORMED),
                g(
                        "a stray closing brace is malformed",
                        DEFAULT,
                        MODA,
                        "您好 }",
                        U,
                        1,
                        11,
                        List.of(0),
                        ProblemCode.PLACEHOLDER_MALFORMED),
                // --- content checks ---
                g("empty text", DEFAULT, MODA, "", U, 1, 7, List.of(0), ProblemCode.TEXT_EMPTY),
                g("white space only", DEFAULT, MODA, " \n ", U, 1, 10, List.of(0), ProblemCode.TEXT_EMPTY),
                g(
                        "replacement character",
                        DEFAULT,
                        MODA,
                        "王\uFFFD明",
                        U,
                        1,
                        10,
                        List.of(0),
                        ProblemCode.TEXT_REPLACEMENT_CHAR),
                g(
                        "bell control character",
                        DEFAULT,
                        MODA,
                        "您好\u0007",
                        U,
                        1,
                        10,
                        List.of(0),
                        ProblemCode.TEXT_CONTROL_CHAR),
                g(
                        "carriage return is a control character",
                        DEFAULT,
                        MODA,
                        "您好\r\n再見",
                        U,
                        1,
                        13,
                        List.of(0),
                        ProblemCode.TEXT_CONTROL_CHAR),
                g(
                        "C1 control character",
                        DEFAULT,
                        MODA,
                        "您好\u0085",
                        U,
                        1,
                        10,
                        List.of(0),
                        ProblemCode.TEXT_CONTROL_CHAR),
                g("line feed is allowed", DEFAULT, MODA, "您好\n再見", U, 1, 12, List.of(0)),
                g(
                        "unpaired surrogate",
                        DEFAULT,
                        MODA,
                        "您好\uD83D",
                        U,
                        1,
                        10,
                        List.of(0),
                        ProblemCode.TEXT_UNPAIRED_SURROGATE),
                g(
                        "private use area (Big5 造字)",
                        DEFAULT,
                        MODA,
                        "王\uE000明",
                        U,
                        1,
                        10,
                        List.of(0),
                        ProblemCode.TEXT_PRIVATE_USE),
                g(
                        "unassigned code point",
                        DEFAULT,
                        MODA,
                        "您好\u0378",
                        U,
                        1,
                        10,
                        List.of(0),
                        ProblemCode.TEXT_UNASSIGNED),
                g("UTF-8 read as Big5: 蝪∟", DEFAULT, MODA, "蝪∟", U, 1, 9, List.of(0), ProblemCode.TEXT_MOJIBAKE),
                g("UTF-8 read as Big5: 嚙踝蕭", DEFAULT, MODA, "王嚙踝蕭明", U, 1, 12, List.of(0), ProblemCode.TEXT_MOJIBAKE),
                g("UTF-8 read as Big5: 銝剜?", DEFAULT, MODA, "銝剜?", U, 1, 10, List.of(0), ProblemCode.TEXT_MOJIBAKE),
                g(
                        "UTF-8 read as Big5: a whole sentence",
                        DEFAULT,
                        MODA,
                        "蝪∟��� 蝜唾祥",
                        U,
                        1,
                        16,
                        List.of(0),
                        ProblemCode.TEXT_MOJIBAKE,
                        ProblemCode.TEXT_REPLACEMENT_CHAR),
                g("UTF-8 read as Latin-1: Ã©", DEFAULT, MODA, "CafÃ©", U, 1, 12, List.of(0), ProblemCode.TEXT_MOJIBAKE),
                g(
                        "UTF-8 BOM read as Latin-1: ï»¿",
                        DEFAULT,
                        MODA,
                        "ï»¿您好",
                        U,
                        1,
                        12,
                        List.of(0),
                        ProblemCode.TEXT_MOJIBAKE),
                g("Big5 read as Latin-1: ¤¤¤å", DEFAULT, MODA, "¤¤¤å", U, 1, 11, List.of(0), ProblemCode.TEXT_MOJIBAKE),
                g("嚙齒動物 is real Chinese", DEFAULT, MODA, "請防範嚙齒動物傳播漢他病毒", U, 1, 20, List.of(0)),
                g("gov.tw link is fine", DEFAULT, MODA, "詳見 https://www.gov.tw/abc", U, 1, 32, List.of(0)),
                g("MODA short link is fine", DEFAULT, MODA, "詳見gov.tw/x1Y2", U, 1, 20, List.of(0)),
                g(
                        "non gov.tw link warns",
                        DEFAULT,
                        MODA,
                        "詳見 https://bit.ly/abc",
                        U,
                        1,
                        28,
                        List.of(0),
                        ProblemCode.TEXT_LINK_NOT_GOV_TW),
                g(
                        "bare non gov.tw host warns",
                        DEFAULT,
                        MODA,
                        "請至reurl.cc/abc登記",
                        U,
                        1,
                        23,
                        List.of(0),
                        ProblemCode.TEXT_LINK_NOT_GOV_TW),
                g(
                        "user-info trick is caught",
                        DEFAULT,
                        MODA,
                        "https://gov.tw@evil.com/x",
                        U,
                        1,
                        32,
                        List.of(0),
                        ProblemCode.TEXT_LINK_NOT_GOV_TW),
                g(
                        "look-alike suffix is caught",
                        DEFAULT,
                        MODA,
                        "http://gov.tw.example.com",
                        U,
                        1,
                        32,
                        List.of(0),
                        ProblemCode.TEXT_LINK_NOT_GOV_TW),
                g(
                        "policy can block non gov.tw links",
                        LINKS_BLOCKED,
                        MODA,
                        "www.example.com",
                        U,
                        1,
                        22,
                        List.of(0),
                        ProblemCode.TEXT_LINK_NOT_GOV_TW));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("cases")
    void composesAsExpected(Golden c) {
        ComposedMessage m = new ContentEngine(c.policy()).compose(c.agency(), c.text(), TO, c.values());

        assertThat(m.plan().encoding()).as("encoding").isEqualTo(c.encoding());
        assertThat(m.plan().units()).as("units").isEqualTo(c.units());
        assertThat(m.plan().count()).as("count").isEqualTo(c.count());
        assertThat(m.plan().boundaries()).as("boundaries").isEqualTo(c.boundaries());
        assertThat(m.problems().stream().map(Problem::code).collect(Collectors.toSet()))
                .as("codes in %s", m.problems())
                .isEqualTo(c.codes());
        assertThat(m.hasErrors())
                .isEqualTo(
                        m.problems().stream().anyMatch(p -> p.severity() == tw.gov.sms.shared.domain.Severity.ERROR));
        for (Problem p : m.problems()) {
            assertThat(p.messageZh()).as("zh").doesNotContain("%").isNotBlank();
            assertThat(p.messageEn()).as("en").doesNotContain("%").isNotBlank();
        }
    }
}
