package tw.gov.sms.shared.domain;

import java.util.List;

/**
 * A job's recipient list after parsing.
 *
 * @param results one per input row, in order (duplicates are {@code ok()}; they are only reported)
 * @param unique the numbers to send to, each once, in first-occurrence order
 * @param problems rejections (errors) and duplicates (warnings), each naming {@code recipients[i]}
 */
public record ParsedNumbers(List<NumberParseResult> results, List<Msisdn> unique, List<Problem> problems) {

    public ParsedNumbers {
        results = List.copyOf(results);
        unique = List.copyOf(unique);
        problems = List.copyOf(problems);
    }

    public long rejectedCount() {
        return results.stream().filter(r -> !r.ok()).count();
    }

    public long duplicateCount() {
        return problems.stream()
                .filter(p -> p.code() == ProblemCode.NUMBER_DUPLICATE)
                .count();
    }
}
