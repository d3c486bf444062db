package tw.gov.sms.sending.domain.content;

import java.util.Objects;

/**
 * Per-deployment content settings.
 *
 * @param prefixTemplate how the agency prefix looks; tokens {@code {agency}} (required) and {@code {last3}} (the
 *     recipient's last three digits, MODA's 2025 "triple check"), e.g. {@code "{last3}【{agency}】"}. An invalid
 *     template is not refused here (it comes from configuration): every message then carries a {@code
 *     PREFIX_TEMPLATE_INVALID} error, so nothing is sent without a proper prefix.
 * @param maxChars length limit in billed characters, prefix included (see {@link SegmentPlanner})
 * @param nonGovLinkIsError whether a link outside gov.tw is an error (blocks sending) instead of a warning
 */
public record ContentPolicy(String prefixTemplate, int maxChars, boolean nonGovLinkIsError) {

    public static final String DEFAULT_PREFIX_TEMPLATE = "【{agency}】";
    public static final String TRIPLE_CHECK_PREFIX_TEMPLATE = "{last3}【{agency}】";

    public ContentPolicy {
        Objects.requireNonNull(prefixTemplate, "prefixTemplate");
        if (maxChars < 1) {
            throw new IllegalArgumentException("maxChars must be positive: " + maxChars);
        }
    }

    /** {@code 【{agency}】}, 333 characters, non-gov.tw links are warnings. */
    public static ContentPolicy defaults() {
        return new ContentPolicy(DEFAULT_PREFIX_TEMPLATE, SegmentPlanner.DEFAULT_MAX_CHARS, false);
    }

    public ContentPolicy withPrefixTemplate(String template) {
        return new ContentPolicy(template, maxChars, nonGovLinkIsError);
    }

    public ContentPolicy withMaxChars(int max) {
        return new ContentPolicy(prefixTemplate, max, nonGovLinkIsError);
    }

    public ContentPolicy withNonGovLinkIsError(boolean error) {
        return new ContentPolicy(prefixTemplate, maxChars, error);
    }
}
