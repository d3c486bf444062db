package tw.gov.sms.sending.domain.content;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import tw.gov.sms.shared.domain.Msisdn;
import tw.gov.sms.shared.domain.Problem;
import tw.gov.sms.shared.domain.ProblemCode;
import tw.gov.sms.shared.domain.Severity;

/**
 * The single place where a message's content becomes what the citizen receives: agency prefix, placeholders,
 * character and garbling checks, link policy, encoding and segments (R2.1, R2.2, R2.3).
 *
 * <p>{@link #compose} always prepends the prefix; there is no other way to obtain a {@link ComposedMessage}, so no
 * channel can send text without it. Immutable and thread-safe: the prefix template is parsed once, patterns are
 * static, and the last parsed message text is kept in a volatile one-entry cache because a job composes the same
 * text for every one of its (up to 200,000) recipients.
 */
public final class ContentEngine {

    /** Shown for {@code {last3}} when composing a preview without a recipient. */
    static final String PREVIEW_LAST3 = "***";

    private static final String FIELD_TEXT = "text";
    private static final String FIELD_FULL_TEXT = "fullText";
    private static final String FIELD_AGENCY = "agencyDisplayName";
    private static final String FIELD_PREFIX = "prefixTemplate";

    private final ContentPolicy policy;
    private final SegmentPlanner planner;
    private final MessageTemplate prefix;
    private final List<Problem> prefixProblems;
    private final Severity linkSeverity;
    private volatile MessageTemplate lastText;

    public ContentEngine(ContentPolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.planner = new SegmentPlanner(policy.maxChars());
        this.prefix = MessageTemplate.parse(policy.prefixTemplate(), FIELD_PREFIX);
        this.prefixProblems = validatePrefix(policy.prefixTemplate(), prefix);
        this.linkSeverity = policy.nonGovLinkIsError() ? Severity.ERROR : Severity.WARNING;
    }

    public ContentPolicy policy() {
        return policy;
    }

    public SegmentPlanner planner() {
        return planner;
    }

    /** Problems of the configured prefix template itself (empty when it is valid). */
    public List<Problem> prefixTemplateProblems() {
        return prefixProblems;
    }

    /**
     * Checks the text as written, before any placeholder is filled: empty text, characters, garbling, links,
     * placeholder syntax, agency name and prefix template, and whether the fixed part (prefix plus the text without
     * its placeholders) is already too long. Positions refer to {@code text}.
     */
    public List<Problem> checkTemplate(String agencyDisplayName, String text) {
        List<Problem> out = new ArrayList<>();
        String body = text == null ? "" : text;
        checkAgency(agencyDisplayName, out);
        MessageTemplate template = template(body);
        if (body.isBlank()) {
            out.add(Problem.of(ProblemCode.TEXT_EMPTY, FIELD_TEXT, null));
        }
        out.addAll(template.problems());
        TextInspector.inspect(body, FIELD_TEXT, linkSeverity, out);
        if (agencyDisplayName != null && !agencyDisplayName.isBlank()) {
            TextInspector.checkCharacters(agencyDisplayName.strip(), FIELD_AGENCY, out);
        }
        checkRepeatedPrefix(agencyDisplayName, body, out);
        String fixed = renderPrefix(agencyDisplayName, null) + template.literalText();
        SegmentPlan plan = planner.plan(fixed);
        checkLimits(plan, FIELD_TEXT, null, out);
        return out;
    }

    /**
     * The message for one recipient: prefix + text with placeholders filled + every problem + the segment plan.
     * Values are stripped of surrounding white space; a missing or blank value is a {@link
     * ProblemCode#PLACEHOLDER_MISSING_VALUE} error for this recipient and the placeholder stays visible in the text.
     * Character problems refer to {@code fullText}; placeholder problems to {@code text}.
     *
     * @param recipient the recipient, or {@code null} for a preview ({@code {last3}} then shows as {@code ***})
     * @param values placeholder values for this recipient (may be {@code null} when the text has none)
     */
    public ComposedMessage compose(
            String agencyDisplayName, String text, Msisdn recipient, Map<String, String> values) {
        List<Problem> out = new ArrayList<>(4);
        String body = text == null ? "" : text;
        checkAgency(agencyDisplayName, out);
        MessageTemplate template = template(body);
        if (body.isBlank()) {
            out.add(Problem.of(ProblemCode.TEXT_EMPTY, FIELD_TEXT, null));
        }
        out.addAll(template.problems());

        String prefixText = renderPrefix(agencyDisplayName, recipient);
        StringBuilder full = new StringBuilder(prefixText.length() + body.length() + 32);
        full.append(prefixText);
        Set<String> missing = null;
        for (MessageTemplate.Part part : template.parts()) {
            if (part.literal() != null) {
                full.append(part.literal());
                continue;
            }
            String value = values == null ? null : values.get(part.name());
            if (value == null || value.isBlank()) {
                if (missing == null) {
                    missing = new HashSet<>();
                }
                if (missing.add(part.name())) {
                    out.add(Problem.of(
                            ProblemCode.PLACEHOLDER_MISSING_VALUE, FIELD_TEXT, part.position(), part.name()));
                }
                full.append('{').append(part.name()).append('}');
            } else {
                full.append(value.strip());
            }
        }
        String fullText = full.toString();
        TextInspector.inspect(fullText, FIELD_FULL_TEXT, linkSeverity, out);
        checkRepeatedPrefix(agencyDisplayName, body, out);
        SegmentPlan plan = planner.plan(fullText);
        checkLimits(plan, FIELD_FULL_TEXT, fullText, out);
        return new ComposedMessage(recipient, fullText, plan, out);
    }

    /** Placeholder names used in the text, in order of first use ({@code {{}/{@code }}} escapes excluded). */
    public Set<String> placeholders(String text) {
        return template(text == null ? "" : text).names();
    }

    /** The prefix as it will appear for this recipient ({@code null}: preview, {@code {last3}} shown as ***). */
    public String renderPrefix(String agencyDisplayName, Msisdn recipient) {
        String agency = agencyDisplayName == null ? "" : agencyDisplayName.strip();
        StringBuilder sb = new StringBuilder(agency.length() + 8);
        for (MessageTemplate.Part part : prefix.parts()) {
            if (part.literal() != null) {
                sb.append(part.literal());
            } else if ("agency".equals(part.name())) {
                sb.append(agency);
            } else if ("last3".equals(part.name())) {
                sb.append(recipient == null ? PREVIEW_LAST3 : recipient.last3());
            } else {
                sb.append('{').append(part.name()).append('}');
            }
        }
        return sb.toString();
    }

    // ------------------------------------------------------------------------------------------------

    private MessageTemplate template(String text) {
        MessageTemplate cached = lastText;
        if (cached != null && cached.source().equals(text)) {
            return cached;
        }
        MessageTemplate parsed = MessageTemplate.parse(text, FIELD_TEXT);
        lastText = parsed;
        return parsed;
    }

    private void checkAgency(String agencyDisplayName, List<Problem> out) {
        if (agencyDisplayName == null || agencyDisplayName.isBlank()) {
            out.add(Problem.of(ProblemCode.AGENCY_NAME_EMPTY, FIELD_AGENCY, null));
        }
        out.addAll(prefixProblems);
    }

    private void checkRepeatedPrefix(String agencyDisplayName, String body, List<Problem> out) {
        if (agencyDisplayName == null || agencyDisplayName.isBlank()) {
            return;
        }
        String agency = agencyDisplayName.strip();
        String lead = body.stripLeading();
        if (lead.startsWith("【" + agency + "】") || lead.startsWith(renderPrefix(agency, null))) {
            out.add(Problem.of(ProblemCode.TEXT_PREFIX_REPEATED, FIELD_TEXT, body.length() - lead.length(), agency));
        }
    }

    /** Length and segment limits; {@code located} (if given) is used to point at the first character over. */
    private void checkLimits(SegmentPlan plan, String field, String located, List<Problem> out) {
        if (plan.units() > planner.maxChars()) {
            Integer at = located == null ? null : firstIndexOver(plan, planner.maxChars());
            out.add(Problem.of(ProblemCode.TEXT_TOO_LONG, field, at, plan.units(), planner.maxChars()));
        } else if (plan.count() > planner.maxSegments()) {
            out.add(Problem.of(ProblemCode.TEXT_TOO_MANY_SEGMENTS, field, null, plan.count(), planner.maxSegments()));
        }
    }

    private static int firstIndexOver(SegmentPlan plan, int max) {
        String t = plan.text();
        int used = 0;
        for (int i = 0; i < t.length(); i++) {
            used += plan.encoding() == Encoding.GSM7 ? GsmAlphabet.septets(t.charAt(i)) : 1;
            if (used > max) {
                return i;
            }
        }
        return t.length();
    }

    private static List<Problem> validatePrefix(String source, MessageTemplate parsed) {
        List<String[]> reasons = new ArrayList<>();
        if (!parsed.problems().isEmpty()) {
            reasons.add(new String[] {"大括號語法錯誤", "malformed braces"});
        }
        for (String name : parsed.names()) {
            if (!name.equals("agency") && !name.equals("last3")) {
                reasons.add(new String[] {
                    "不支援的欄位 {" + name + "}（只能用 {agency} 與 {last3}）",
                    "unknown token {" + name + "} (only {agency} and {last3})"
                });
            }
        }
        if (!parsed.names().contains("agency")) {
            reasons.add(new String[] {"必須包含 {agency}", "it must contain {agency}"});
        }
        List<Problem> out = new ArrayList<>();
        for (String[] r : reasons) {
            out.add(Problem.of(ProblemCode.PREFIX_TEMPLATE_INVALID, FIELD_PREFIX, null, source, r[0], r[1]));
        }
        return List.copyOf(out);
    }
}
