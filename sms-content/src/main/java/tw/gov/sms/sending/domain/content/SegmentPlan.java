package tw.gov.sms.sending.domain.content;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How one message will travel: its encoding and the segments it is cut into. Concatenating {@link #segments()} gives
 * back {@link #text()} exactly; the concatenation header (UDH) is added later by the carrier adapter.
 *
 * @param text the full text as the citizen will see it, prefix included
 * @param segments the pieces, in order; one piece for a single SMS (also for an empty text)
 * @param units septets for {@link Encoding#GSM7} (extension characters count two), UTF-16 code units for {@link
 *     Encoding#UCS2} (characters outside the BMP count two)
 */
public record SegmentPlan(Encoding encoding, String text, List<String> segments, int units) {

    public SegmentPlan {
        Objects.requireNonNull(encoding, "encoding");
        Objects.requireNonNull(text, "text");
        segments = List.copyOf(segments);
        if (segments.isEmpty()) {
            throw new IllegalArgumentException("a plan has at least one segment");
        }
        int at = 0;
        for (String s : segments) {
            if (!text.startsWith(s, at)) {
                throw new IllegalArgumentException("segments do not reassemble the text");
            }
            at += s.length();
        }
        if (at != text.length()) {
            throw new IllegalArgumentException("segments do not cover the text");
        }
        if (units < 0) {
            throw new IllegalArgumentException("units must be >= 0");
        }
    }

    /** Number of SMS the carrier will bill. */
    public int count() {
        return segments.size();
    }

    public boolean isConcatenated() {
        return segments.size() > 1;
    }

    /** Start index (UTF-16, in {@link #text()}) of each segment; the first is always 0. */
    public List<Integer> boundaries() {
        List<Integer> out = new ArrayList<>(segments.size());
        int at = 0;
        for (String s : segments) {
            out.add(at);
            at += s.length();
        }
        return List.copyOf(out);
    }

    /** Units (septets or UTF-16 units) of each segment. */
    public List<Integer> segmentUnits() {
        List<Integer> out = new ArrayList<>(segments.size());
        for (String s : segments) {
            out.add(encoding == Encoding.GSM7 ? GsmAlphabet.septets(s) : s.length());
        }
        return List.copyOf(out);
    }

    /** Per segment: unpacked GSM septets (one per byte, escapes included) or UTF-16BE octets. */
    public List<byte[]> encodedSegments() {
        List<byte[]> out = new ArrayList<>(segments.size());
        for (String s : segments) {
            out.add(encoding == Encoding.GSM7 ? GsmAlphabet.encodeUnpacked(s) : s.getBytes(StandardCharsets.UTF_16BE));
        }
        return out;
    }
}
