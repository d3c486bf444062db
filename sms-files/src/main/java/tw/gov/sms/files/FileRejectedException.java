package tw.gov.sms.files;

import java.util.List;

/**
 * The upload as a whole is refused: nothing of it may be sent. Thrown by {@link RecipientFiles#open} and also by
 * {@link RecipientFileReader#next} when a later part of the file turns out hostile or broken (too many rows, a quote
 * never closed, a zip entry that expands too much); a caller that has staged earlier rows discards them.
 */
public final class FileRejectedException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient List<FileProblem> problems;

    public FileRejectedException(List<FileProblem> problems) {
        super(problems.isEmpty() ? "file rejected" : problems.get(0).problem().messageEn());
        this.problems = List.copyOf(problems);
    }

    public FileRejectedException(FileProblem problem) {
        this(List.of(problem));
    }

    /** Why, with the stable code of each reason; never empty. */
    public List<FileProblem> problems() {
        return problems == null ? List.of() : problems;
    }
}
