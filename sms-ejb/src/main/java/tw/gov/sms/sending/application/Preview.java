package tw.gov.sms.sending.application;

import java.util.List;
import tw.gov.sms.shared.domain.Problem;

/**
 * What citizens will see, computed by the same engine that accepts sends: per recipient (or once, for
 * the template, when no recipient is given) the full text with its prefix, encoding and segments.
 */
public record Preview(List<Problem> problems, List<Item> items, int recipientsGiven, boolean truncated) {

    public record Item(
            Integer index,
            String recipient,
            String fullText,
            String encoding,
            int units,
            List<Segment> segments,
            List<Problem> problems) {}

    /** One segment: where it starts in the full text (0-based char index), its text and its units. */
    public record Segment(int index, int start, String text, int units) {}
}
