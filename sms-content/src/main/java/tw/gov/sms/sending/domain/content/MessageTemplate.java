package tw.gov.sms.sending.domain.content;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import tw.gov.sms.shared.domain.Problem;
import tw.gov.sms.shared.domain.ProblemCode;

/**
 * A text with {@code {name}} placeholders, parsed once. Syntax: {@code {name}} where the name is 1–40 letters
 * (any script, so {@code {姓名}} works), digits, {@code _ - .}; {@code {{} and {@code }}} stand for literal braces.
 * Anything else with a brace is {@link ProblemCode#PLACEHOLDER_MALFORMED} and is kept literally in the output so the
 * preview shows it. Immutable.
 */
final class MessageTemplate {

    static final int MAX_NAME_LENGTH = 40;

    /** A literal piece ({@code name == null}) or a placeholder at {@code position} in the source. */
    record Part(String literal, String name, int position) {}

    private final String source;
    private final List<Part> parts;
    private final Set<String> names;
    private final List<Problem> problems;
    private final int literalLength;

    private MessageTemplate(String source, List<Part> parts, Set<String> names, List<Problem> problems) {
        this.source = source;
        this.parts = parts;
        this.names = names;
        this.problems = problems;
        int len = 0;
        for (Part p : parts) {
            len += p.literal() == null ? 0 : p.literal().length();
        }
        this.literalLength = len;
    }

    static MessageTemplate parse(String source, String field) {
        List<Part> parts = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        List<Problem> problems = new ArrayList<>(0);
        StringBuilder literal = new StringBuilder(source.length());
        int n = source.length();
        int i = 0;
        while (i < n) {
            char c = source.charAt(i);
            if (c == '{') {
                if (i + 1 < n && source.charAt(i + 1) == '{') {
                    literal.append('{');
                    i += 2;
                    continue;
                }
                int close = nameEnd(source, i + 1);
                if (close < n && source.charAt(close) == '}' && close > i + 1 && close - i - 1 <= MAX_NAME_LENGTH) {
                    if (literal.length() > 0) {
                        parts.add(new Part(literal.toString(), null, -1));
                        literal.setLength(0);
                    }
                    String name = source.substring(i + 1, close);
                    parts.add(new Part(null, name, i));
                    names.add(name);
                    i = close + 1;
                    continue;
                }
                problems.add(malformed(field, i, describe(source, i, close)));
                // Keep the whole bad span literally, so its closing brace is not reported again.
                int end = source.indexOf('}', i);
                int nextOpen = source.indexOf('{', i + 1);
                int skipTo = end >= 0 && (nextOpen < 0 || end < nextOpen) ? end + 1 : i + 1;
                literal.append(source, i, skipTo);
                i = skipTo;
            } else if (c == '}') {
                if (i + 1 < n && source.charAt(i + 1) == '}') {
                    literal.append('}');
                    i += 2;
                    continue;
                }
                problems.add(malformed(field, i, new String[] {"多出的「}」", "stray \"}\""}));
                literal.append(c);
                i++;
            } else {
                literal.append(c);
                i++;
            }
        }
        if (literal.length() > 0) {
            parts.add(new Part(literal.toString(), null, -1));
        }
        return new MessageTemplate(
                source, List.copyOf(parts), Collections.unmodifiableSet(names), List.copyOf(problems));
    }

    private static int nameEnd(String s, int from) {
        int i = from;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            if (!(Character.isLetterOrDigit(cp) || cp == '_' || cp == '-' || cp == '.')) {
                break;
            }
            i += Character.charCount(cp);
        }
        return i;
    }

    private static String[] describe(String s, int open, int stop) {
        if (stop < s.length() && s.charAt(stop) == '}' && stop == open + 1) {
            return new String[] {"「{}」沒有名稱", "\"{}\" has no name"};
        }
        if (stop < s.length() && s.charAt(stop) == '}') {
            return new String[] {"名稱超過 " + MAX_NAME_LENGTH + " 字", "the name is longer than " + MAX_NAME_LENGTH};
        }
        int close = s.indexOf('}', open);
        if (close < 0) {
            return new String[] {"「{」沒有對應的「}」", "\"{\" is never closed"};
        }
        String name = s.substring(open + 1, Math.min(close, open + 1 + MAX_NAME_LENGTH));
        return new String[] {
            "名稱「" + name + "」只能使用文字、數字、_ - .", "the name \"" + name + "\" may only use letters, digits, _ - ."
        };
    }

    private static Problem malformed(String field, int position, String[] reason) {
        return Problem.of(ProblemCode.PLACEHOLDER_MALFORMED, field, position, reason[0], position + 1, reason[1]);
    }

    String source() {
        return source;
    }

    List<Part> parts() {
        return parts;
    }

    /** Placeholder names in order of first use. */
    Set<String> names() {
        return names;
    }

    List<Problem> problems() {
        return problems;
    }

    /** Length of the literal text, placeholders left out: the least the filled text can be. */
    int literalLength() {
        return literalLength;
    }

    /** The text with every placeholder removed (for a lower bound on length). */
    String literalText() {
        StringBuilder sb = new StringBuilder(literalLength);
        for (Part p : parts) {
            if (p.literal() != null) {
                sb.append(p.literal());
            }
        }
        return sb.toString();
    }
}
