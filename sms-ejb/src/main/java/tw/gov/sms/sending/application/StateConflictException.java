package tw.gov.sms.sending.application;

import jakarta.ejb.ApplicationException;
import tw.gov.sms.shared.domain.Problem;

/** The action does not fit the current state of the job or upload (e.g. cancelling a job that has started). */
@ApplicationException(rollback = true)
public class StateConflictException extends RuntimeException {

    private final transient Problem problem;

    public StateConflictException(Problem problem) {
        super(problem.messageEn());
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
