package tw.gov.sms.sending.domain.content;

import java.util.ArrayList;
import java.util.List;

/**
 * Chooses the encoding and cuts a text into segments.
 *
 * <ul>
 *   <li>GSM 7-bit when every character is in the GSM alphabet: up to 160 septets in one SMS, otherwise 153 per
 *       segment; an extension character (escape + code) is never split.
 *   <li>Otherwise UCS-2: up to 70 UTF-16 units in one SMS, otherwise 67 per segment; a surrogate pair is never split,
 *       so a segment may carry 66 units.
 * </ul>
 *
 * <p>Length limit: {@link #maxChars()} is compared with {@link SegmentPlan#units()}, i.e. characters as the carrier
 * counts and bills them (a Chinese character, a Latin letter, full- or half-width, all count one; an emoji or other
 * character outside the BMP counts two; a GSM extension character counts two). The default 333 is Taiwan's "5
 * segments of 67". Because a surrogate pair may push one unit to the next segment, the segment count is capped
 * separately at {@link #maxSegments()} = ceil(maxChars / 67). The planner itself never refuses: it plans any text,
 * and {@link ContentEngine} turns the limits into problems.
 *
 * <p>Immutable and thread-safe.
 */
public final class SegmentPlanner {

    public static final int DEFAULT_MAX_CHARS = 333;

    private final int maxChars;

    public SegmentPlanner() {
        this(DEFAULT_MAX_CHARS);
    }

    public SegmentPlanner(int maxChars) {
        if (maxChars < 1) {
            throw new IllegalArgumentException("maxChars must be positive: " + maxChars);
        }
        this.maxChars = maxChars;
    }

    public int maxChars() {
        return maxChars;
    }

    /** ceil(maxChars / 67): 5 for the default 333. */
    public int maxSegments() {
        int per = Encoding.UCS2.segmentUnits();
        return (maxChars + per - 1) / per;
    }

    /** True when the plan is within both {@link #maxChars()} and {@link #maxSegments()}. */
    public boolean withinLimits(SegmentPlan plan) {
        return plan.units() <= maxChars && plan.count() <= maxSegments();
    }

    public SegmentPlan plan(String fullText) {
        String text = fullText == null ? "" : fullText;
        return GsmAlphabet.canEncode(text) ? planGsm(text) : planUcs2(text);
    }

    private static SegmentPlan planGsm(String text) {
        int units = GsmAlphabet.septets(text);
        if (units <= Encoding.GSM7.singleUnits()) {
            return new SegmentPlan(Encoding.GSM7, text, List.of(text), units);
        }
        int budget = Encoding.GSM7.segmentUnits();
        List<String> segments = new ArrayList<>(units / budget + 1);
        int start = 0;
        int used = 0;
        for (int i = 0, n = text.length(); i < n; i++) {
            int k = GsmAlphabet.septets(text.charAt(i));
            if (used + k > budget) {
                segments.add(text.substring(start, i));
                start = i;
                used = 0;
            }
            used += k;
        }
        segments.add(text.substring(start));
        return new SegmentPlan(Encoding.GSM7, text, segments, units);
    }

    private static SegmentPlan planUcs2(String text) {
        int units = text.length();
        if (units <= Encoding.UCS2.singleUnits()) {
            return new SegmentPlan(Encoding.UCS2, text, List.of(text), units);
        }
        int budget = Encoding.UCS2.segmentUnits();
        List<String> segments = new ArrayList<>(units / budget + 1);
        int start = 0;
        int used = 0;
        for (int i = 0, n = text.length(); i < n; ) {
            int k = Character.isHighSurrogate(text.charAt(i))
                            && i + 1 < n
                            && Character.isLowSurrogate(text.charAt(i + 1))
                    ? 2
                    : 1;
            if (used + k > budget) {
                segments.add(text.substring(start, i));
                start = i;
                used = 0;
            }
            used += k;
            i += k;
        }
        segments.add(text.substring(start));
        return new SegmentPlan(Encoding.UCS2, text, segments, units);
    }
}
