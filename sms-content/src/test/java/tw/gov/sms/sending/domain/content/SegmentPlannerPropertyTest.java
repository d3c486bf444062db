package tw.gov.sms.sending.domain.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

class SegmentPlannerPropertyTest {

    private final SegmentPlanner planner = new SegmentPlanner();

    /** Texts mixing GSM basic and extension characters, Chinese, full-width, emoji and Extension B ideographs. */
    @Provide
    Arbitrary<String> texts() {
        Arbitrary<String> gsmBasic = Arbitraries.of("a", "Z", "0", " ", "@", "£", "é", "Δ", "\n", ".", "ß", "¿");
        Arbitrary<String> gsmExt = Arbitraries.of("^", "{", "}", "\\", "[", "~", "]", "|", "€");
        Arbitrary<String> cjk = Arbitraries.of("中", "文", "數", "位", "發", "展", "部", "，", "。", "【", "】", "Ａ");
        Arbitrary<String> astral = Arbitraries.of("😀", "👍", "𠀋", "𩸽", "🇹🇼");
        Arbitrary<String> token = Arbitraries.frequencyOf(
                Tuple.of(12, gsmBasic), Tuple.of(3, gsmExt), Tuple.of(4, cjk), Tuple.of(2, astral));
        Arbitrary<String> mixed = token.list().ofMinSize(0).ofMaxSize(400).map(l -> String.join("", l));
        Arbitrary<String> gsmOnly = Arbitraries.frequencyOf(Tuple.of(5, gsmBasic), Tuple.of(2, gsmExt))
                .list()
                .ofMinSize(0)
                .ofMaxSize(500)
                .map(l -> String.join("", l));
        return Arbitraries.oneOf(mixed, gsmOnly);
    }

    @Property
    void splittingThenReassemblingGivesTheTextBack(@ForAll("texts") String text) {
        SegmentPlan plan = planner.plan(text);
        assertThat(String.join("", plan.segments())).isEqualTo(text);
        List<Integer> starts = plan.boundaries();
        assertThat(starts.get(0)).isZero();
        for (int i = 0; i < plan.count(); i++) {
            assertThat(text.startsWith(plan.segments().get(i), starts.get(i))).isTrue();
        }
        if (plan.encoding() == Encoding.GSM7) {
            StringBuilder back = new StringBuilder();
            for (byte[] septets : plan.encodedSegments()) {
                back.append(GsmAlphabet.decodeUnpacked(septets));
            }
            assertThat(back.toString()).isEqualTo(text);
        }
    }

    @Property
    void noSegmentExceedsItsOctetBudget(@ForAll("texts") String text) {
        SegmentPlan plan = planner.plan(text);
        int octetBudget = plan.isConcatenated() ? 140 - 6 : 140; // 6-octet concatenation header
        for (byte[] encoded : plan.encodedSegments()) {
            int octets = plan.encoding() == Encoding.GSM7 ? (encoded.length * 7 + 7) / 8 : encoded.length;
            assertThat(octets).isLessThanOrEqualTo(octetBudget);
            if (plan.encoding() == Encoding.GSM7) {
                assertThat(encoded.length)
                        .isLessThanOrEqualTo(plan.isConcatenated() ? 153 : 160)
                        .isGreaterThan(text.isEmpty() ? -1 : 0);
                if (encoded.length > 0) {
                    assertThat(encoded[encoded.length - 1])
                            .as("escape never ends a segment")
                            .isNotEqualTo((byte) 0x1B);
                }
            }
        }
    }

    @Property
    void noSurrogatePairIsSplit(@ForAll("texts") String text) {
        SegmentPlan plan = planner.plan(text);
        for (String segment : plan.segments()) {
            if (!segment.isEmpty()) {
                assertThat(Character.isLowSurrogate(segment.charAt(0))).isFalse();
                assertThat(Character.isHighSurrogate(segment.charAt(segment.length() - 1)))
                        .isFalse();
            }
        }
    }

    @Property
    void theEncodingChoiceIsMinimal(@ForAll("texts") String text) {
        SegmentPlan plan = planner.plan(text);
        assertThat(plan.encoding() == Encoding.GSM7).isEqualTo(GsmAlphabet.canEncode(text));
        int ucs2Count = text.length() <= 70 ? 1 : ucs2LowerBound(text);
        if (plan.encoding() == Encoding.GSM7) {
            assertThat(plan.count()).isLessThanOrEqualTo(Math.max(1, ucs2Count));
        }
    }

    @Property
    void segmentsAreFilledGreedilySoTheCountIsMinimal(@ForAll("texts") String text) {
        SegmentPlan plan = planner.plan(text);
        int budget = plan.encoding().segmentUnits();
        if (!plan.isConcatenated()) {
            assertThat(plan.units()).isLessThanOrEqualTo(plan.encoding().singleUnits());
            return;
        }
        assertThat(plan.units()).isGreaterThan(plan.encoding().singleUnits());
        List<Integer> units = plan.segmentUnits();
        for (int i = 0; i < plan.count() - 1; i++) {
            String next = plan.segments().get(i + 1);
            int nextUnits = plan.encoding() == Encoding.GSM7
                    ? GsmAlphabet.septets(next.charAt(0))
                    : Character.charCount(next.codePointAt(0));
            assertThat(units.get(i) + nextUnits)
                    .as("segment %d could take one more character", i)
                    .isGreaterThan(budget);
        }
        assertThat(units.stream().mapToInt(Integer::intValue).sum()).isEqualTo(plan.units());
    }

    @Property
    void gsmEncodingRoundTrips(@ForAll("texts") String text) {
        if (GsmAlphabet.canEncode(text)) {
            byte[] septets = GsmAlphabet.encodeUnpacked(text);
            assertThat(septets).hasSize(GsmAlphabet.septets(text));
            assertThat(GsmAlphabet.decodeUnpacked(septets)).isEqualTo(text);
        }
    }

    @Property
    void thePrefixCannotBeBypassed(@ForAll("texts") String text) {
        ContentEngine engine = new ContentEngine(ContentPolicy.defaults());
        ComposedMessage m = engine.compose("數位發展部", text, null, java.util.Map.of());
        assertThat(m.fullText()).startsWith("【數位發展部】");
        assertThat(m.plan().text()).isEqualTo(m.fullText());
    }

    private static int ucs2LowerBound(String text) {
        return (text.length() + 66) / 67;
    }
}
