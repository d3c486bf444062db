package tw.gov.sms.intake.application;

import java.util.List;
import tw.gov.sms.files.FileProblem;

/** What the validation made of one data row: a staged row, or the errors that keep it from being sent. */
public record RowOutcome(long ordinal, String entry, int line, StagedRow row, List<FileProblem> problems) {
    public RowOutcome {
        problems = List.copyOf(problems);
    }

    public boolean valid() {
        return row != null && problems.isEmpty();
    }
}
