package tw.gov.sms.sftp;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import tw.gov.sms.shared.domain.Problem;

/** A manifest could not be accepted; {@link #problems()} says every reason, each with its line and how to fix it. */
public final class ManifestException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String manifestName;
    private final transient List<Problem> problems;

    public ManifestException(String manifestName, List<Problem> problems) {
        super(manifestName + ": " + problems.stream().map(Problem::messageEn).collect(Collectors.joining(" | ")));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a ManifestException needs at least one problem");
        }
        this.manifestName = Objects.requireNonNull(manifestName, "manifestName");
        this.problems = List.copyOf(problems);
    }

    public String manifestName() {
        return manifestName;
    }

    public List<Problem> problems() {
        return problems;
    }
}
