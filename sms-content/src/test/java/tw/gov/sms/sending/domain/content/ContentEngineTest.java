package tw.gov.sms.sending.domain.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tw.gov.sms.shared.domain.Msisdn;
import tw.gov.sms.shared.domain.Problem;
import tw.gov.sms.shared.domain.ProblemCode;
import tw.gov.sms.shared.domain.Severity;

class ContentEngineTest {

    private final ContentEngine engine = new ContentEngine(ContentPolicy.defaults());
    private static final Msisdn TO = Msisdn.of("0912345678");

    @Test
    void prefixIsAlwaysAtTheFrontAndCountsTowardLength() {
        ComposedMessage m = engine.compose("數位發展部", "您的補助已核准。", TO, Map.of());
        assertThat(m.fullText()).isEqualTo("【數位發展部】您的補助已核准。");
        assertThat(m.plan().units()).isEqualTo(15);
        assertThat(m.problems()).isEmpty();
        assertThat(m.hasErrors()).isFalse();
        assertThat(m.recipient()).isEqualTo(TO);
    }

    @Test
    void tripleCheckPrefixUsesTheRecipientsLastThreeDigits() {
        ContentEngine triple = new ContentEngine(ContentPolicy.defaults().withPrefixTemplate("{last3}【{agency}】"));
        assertThat(triple.compose("衛生福利部", "疫苗接種通知", TO, null).fullText()).isEqualTo("678【衛生福利部】疫苗接種通知");
        assertThat(triple.compose("衛生福利部", "疫苗接種通知", null, null).fullText()).isEqualTo("***【衛生福利部】疫苗接種通知");
    }

    @Test
    void placeholdersAreFilledPerRecipient() {
        String text = "{姓名}您好，您的 {item} 應繳 {amount} 元。";
        assertThat(engine.placeholders(text)).containsExactly("姓名", "item", "amount");
        ComposedMessage a = engine.compose("臺北市政府", text, TO, Map.of("姓名", " 王小明 ", "item", "水費", "amount", "350"));
        ComposedMessage b = engine.compose(
                "臺北市政府", text, Msisdn.of("0922333444"), Map.of("姓名", "李大華", "item", "水費", "amount", "1,280"));
        assertThat(a.fullText()).isEqualTo("【臺北市政府】王小明您好，您的 水費 應繳 350 元。");
        assertThat(b.fullText()).isEqualTo("【臺北市政府】李大華您好，您的 水費 應繳 1,280 元。");
        assertThat(b.plan().units()).isGreaterThan(a.plan().units());
    }

    @Test
    void aMissingValueIsAnErrorNamingThePlaceholderAndItsPosition() {
        ComposedMessage m = engine.compose("臺北市政府", "您好 {name}，{name}", TO, Map.of());
        assertThat(m.problems()).hasSize(1);
        Problem p = m.problems().get(0);
        assertThat(p.code()).isEqualTo(ProblemCode.PLACEHOLDER_MISSING_VALUE);
        assertThat(p.field()).isEqualTo("text");
        assertThat(p.position()).isEqualTo(3);
        assertThat(p.messageZh()).contains("{name}");
        assertThat(p.messageEn()).contains("{name}");
        assertThat(m.hasErrors()).isTrue();
    }

    @Test
    void characterProblemsNameTheCodePointAndPositionInTheFullText() {
        ComposedMessage m = engine.compose("數位發展部", "王\uE000明", TO, Map.of());
        Problem p = m.problems().get(0);
        assertThat(p.code()).isEqualTo(ProblemCode.TEXT_PRIVATE_USE);
        assertThat(p.field()).isEqualTo("fullText");
        assertThat(p.position()).isEqualTo(8);
        assertThat(p.messageEn()).contains("U+E000").contains("Character 9");
        assertThat(p.messageZh()).contains("U+E000").contains("第 9 字");
    }

    @Test
    void checkTemplateReportsPositionsInTheRawText() {
        List<Problem> problems = engine.checkTemplate("數位發展部", "a\u0001{b c}");
        assertThat(problems)
                .extracting(Problem::code, Problem::position)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(ProblemCode.PLACEHOLDER_MALFORMED, 2),
                        org.assertj.core.groups.Tuple.tuple(ProblemCode.TEXT_CONTROL_CHAR, 1));
        assertThat(problems).allMatch(p -> p.field().equals("text"));
    }

    @Test
    void checkTemplateFindsTextTooLongEvenBeforeFilling() {
        List<Problem> problems = engine.checkTemplate("數位發展部", "{name}" + "中".repeat(330));
        assertThat(problems).extracting(Problem::code).containsExactly(ProblemCode.TEXT_TOO_LONG);
        assertThat(problems.get(0).messageEn()).contains("337").contains("333");
    }

    @Test
    void checkTemplateOnCleanTextFindsNothing() {
        assertThat(engine.checkTemplate("數位發展部", "{姓名}您好，詳見 https://moda.gov.tw/x"))
                .isEmpty();
    }

    @Test
    void tooLongPointsAtTheFirstCharacterOverTheLimit() {
        ComposedMessage m = engine.compose("數位發展部", "中".repeat(330), TO, Map.of());
        Problem p = m.problems().get(0);
        assertThat(p.code()).isEqualTo(ProblemCode.TEXT_TOO_LONG);
        assertThat(p.position()).isEqualTo(333);
        assertThat(p.messageZh()).contains("337").contains("333");
    }

    @Test
    void maxCharsIsConfigurable() {
        ContentEngine shortOnly = new ContentEngine(ContentPolicy.defaults().withMaxChars(70));
        assertThat(shortOnly.compose("數位發展部", "中".repeat(63), TO, Map.of()).hasErrors())
                .isFalse();
        assertThat(shortOnly.compose("數位發展部", "中".repeat(64), TO, Map.of()).problems())
                .extracting(Problem::code)
                .containsExactly(ProblemCode.TEXT_TOO_LONG);
    }

    @Test
    void nonGovLinksWarnByDefaultAndBlockWhenConfigured() {
        String text = "請至 https://bit.ly/3abc 登記";
        Problem warn = engine.compose("數位發展部", text, TO, Map.of()).problems().get(0);
        assertThat(warn.severity()).isEqualTo(Severity.WARNING);
        assertThat(warn.messageEn()).contains("https://bit.ly/3abc");
        ContentEngine strict = new ContentEngine(ContentPolicy.defaults().withNonGovLinkIsError(true));
        ComposedMessage blocked = strict.compose("數位發展部", text, TO, Map.of());
        assertThat(blocked.hasErrors()).isTrue();
        assertThat(blocked.errors()).extracting(Problem::code).containsExactly(ProblemCode.TEXT_LINK_NOT_GOV_TW);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://www.gov.tw/News",
                "HTTPS://MODA.GOV.TW/",
                "gov.tw/a1B2",
                "www.cdc.gov.tw",
                "https://www.etax.nat.gov.tw:443/x?y=1.",
                "service@moda.gov.tw",
                "版本 1.5 版",
                "e.g. Mr.Chen",
            })
    void governmentLinksAndOrdinaryTextAreNotFlagged(String text) {
        assertThat(engine.compose("數位發展部", text, TO, Map.of()).problems()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "【數位發展部】您的數位憑證將於 115 年 1 月 31 日到期，請至 gov.tw/abc 線上展延。",
                "臺北市政府通知：本期水費 350 元，繳費期限 11/30，逾期將加收滯納金。",
                "請防範嚙齒動物，避免漢他病毒感染。",
                "疾管署提醒：登革熱流行期間，請清除積水容器，「巡、倒、清、刷」。",
                "您的健保卡已補發完成，請攜帶身分證至鄰近郵局領取。",
                "親愛的鄭翊瑄、蕭淯鑫、龔韡、聶璿、顏甯、鍾昀蓁：您好。",
                "氣象署：颱風警報，臺東縣、花蓮縣、宜蘭縣請嚴加戒備～",
                "財政部：115年度綜所稅申報期間為5月1日至5月31日…",
                "Café, naïve, Zoë, São Paulo, Ñandú, Straße.",
            })
    void genuineTextIsNotMistakenForMojibake(String text) {
        assertThat(engine.compose("數位發展部", text, TO, Map.of()).problems())
                .extracting(Problem::code)
                .doesNotContain(ProblemCode.TEXT_MOJIBAKE);
    }

    @Test
    void mojibakeProblemSuggestsTheOriginal() {
        Problem p = engine.compose("數位發展部", "嚙踝蕭", TO, Map.of()).problems().get(0);
        assertThat(p.code()).isEqualTo(ProblemCode.TEXT_MOJIBAKE);
        Problem q = engine.compose("數位發展部", "蝪∟", TO, Map.of()).problems().get(0);
        assertThat(q.messageZh()).contains("簡");
        assertThat(q.messageEn()).contains("UTF-8 read as Big5");
        assertThat(q.position()).isEqualTo(7);
    }

    @Test
    void mojibakeInAPlaceholderValueIsCaught() {
        java.nio.charset.Charset cp950 = java.nio.charset.Charset.forName("x-windows-950");
        // "繳費" saved as UTF-8 and read as Big5 gives clean-looking Chinese: 蝜唾祥
        String clean = new String("繳費".getBytes(java.nio.charset.StandardCharsets.UTF_8), cp950);
        ComposedMessage m = engine.compose("數位發展部", "{item}已完成", TO, Map.of("item", clean));
        assertThat(m.problems()).extracting(Problem::code).containsExactly(ProblemCode.TEXT_MOJIBAKE);
        assertThat(m.problems().get(0).messageZh()).contains("繳費");
        // "王小明" the same way leaves replacement and private-use characters: still refused
        String broken = new String("王小明".getBytes(java.nio.charset.StandardCharsets.UTF_8), cp950);
        assertThat(engine.compose("數位發展部", "{name}您好", TO, Map.of("name", broken))
                        .hasErrors())
                .isTrue();
    }

    @Test
    void preparedCharacterChecksAreCapped() {
        ComposedMessage m = engine.compose("數位發展部", "\uE000".repeat(50), TO, Map.of());
        assertThat(m.problems()).hasSize(TextInspector.MAX_PER_CODE);
    }

    @Test
    void anInvalidPrefixTemplateBlocksEveryMessage() {
        ContentEngine broken = new ContentEngine(ContentPolicy.defaults().withPrefixTemplate("{last3}"));
        assertThat(broken.prefixTemplateProblems())
                .extracting(Problem::code)
                .containsExactly(ProblemCode.PREFIX_TEMPLATE_INVALID);
        assertThat(broken.compose("數位發展部", "您好", TO, Map.of()).hasErrors()).isTrue();
        assertThat(broken.checkTemplate("數位發展部", "您好"))
                .extracting(Problem::code)
                .contains(ProblemCode.PREFIX_TEMPLATE_INVALID);
        ContentEngine unknown = new ContentEngine(ContentPolicy.defaults().withPrefixTemplate("【{agency}】{foo}"));
        assertThat(unknown.prefixTemplateProblems().get(0).messageEn()).contains("{foo}");
    }

    @Test
    void theTextCannotInjectAnotherPrefixToken() {
        ComposedMessage m = engine.compose("數位發展部", "{agency}", TO, Map.of("agency", "假冒機關"));
        assertThat(m.fullText()).isEqualTo("【數位發展部】假冒機關");
    }

    @Test
    void isThreadSafeAndFastForALargeJob() throws Exception {
        String text = "{姓名}您好，您的 {item} 應繳 {amount} 元，詳見 gov.tw/abc。";
        int recipients = 200_000;
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            long start = System.nanoTime();
            List<Future<Integer>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int from = t * recipients / 4;
                futures.add(pool.submit(() -> {
                    int ok = 0;
                    for (int i = from; i < from + recipients / 4; i++) {
                        Msisdn to = Msisdn.of("09" + (10_000_000 + i));
                        ComposedMessage m = engine.compose(
                                "臺北市政府", text, to, Map.of("姓名", "王" + i, "item", "水費", "amount", "" + i));
                        if (!m.hasErrors() && m.fullText().startsWith("【臺北市政府】王" + i + "您好")) {
                            ok++;
                        }
                    }
                    return ok;
                }));
            }
            int total = 0;
            for (Future<Integer> f : futures) {
                total += f.get();
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertThat(total).isEqualTo(recipients);
            assertThat(millis).as("200,000 compositions took %d ms", millis).isLessThan(60_000);
        } finally {
            pool.shutdownNow();
        }
    }
}
