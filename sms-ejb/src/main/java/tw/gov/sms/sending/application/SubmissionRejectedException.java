package tw.gov.sms.sending.application;

import jakarta.ejb.ApplicationException;
import java.util.List;
import tw.gov.sms.shared.domain.Problem;

/** The submission as a whole cannot be accepted; nothing was stored. */
@ApplicationException(rollback = true)
public class SubmissionRejectedException extends RuntimeException {

    private final List<Problem> problems;
    private final List<RecipientRejection> rejections;

    public SubmissionRejectedException(List<Problem> problems, List<RecipientRejection> rejections) {
        super(problems.isEmpty() ? "submission rejected" : problems.get(0).messageEn());
        this.problems = List.copyOf(problems);
        this.rejections = List.copyOf(rejections);
    }

    public List<Problem> problems() {
        return problems;
    }

    public List<RecipientRejection> rejections() {
        return rejections;
    }
}
