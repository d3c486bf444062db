package tw.gov.sms.sending.domain.content;

import java.util.List;
import java.util.Objects;
import tw.gov.sms.shared.domain.Msisdn;
import tw.gov.sms.shared.domain.Problem;
import tw.gov.sms.shared.domain.Severity;

/**
 * One recipient's message exactly as the citizen will see it, with its plan and every problem found. This is also
 * the preview: {@link #fullText()} includes the prefix, {@link #plan()} gives encoding, count and boundaries.
 *
 * @param recipient who it is for ({@code null} for a preview without a recipient)
 * @param fullText prefix + text with placeholders filled
 */
public record ComposedMessage(Msisdn recipient, String fullText, SegmentPlan plan, List<Problem> problems) {

    public ComposedMessage {
        Objects.requireNonNull(fullText, "fullText");
        Objects.requireNonNull(plan, "plan");
        problems = List.copyOf(problems);
    }

    /** True if anything blocks sending. Nothing with an error is sent. */
    public boolean hasErrors() {
        for (Problem p : problems) {
            if (p.severity() == Severity.ERROR) {
                return true;
            }
        }
        return false;
    }

    public List<Problem> errors() {
        return problems.stream().filter(p -> p.severity() == Severity.ERROR).toList();
    }

    public List<Problem> warnings() {
        return problems.stream().filter(p -> p.severity() == Severity.WARNING).toList();
    }
}
