package tw.gov.sms.routing.application;

import java.util.regex.Pattern;
import tw.gov.sms.account.application.AccountException;

/**
 * The name a number-portability file uploaded in the portal gets in the inbox folder. Only the last path
 * segment of what the browser sends counts (some send a whole Windows path); the name must be plain
 * (letters, digits, {@code . _ -}), not hidden, and end in {@code .np}, the inbox's completion convention
 * (docs/number-portability.md section 6). Anything else is refused with a reason, never repaired: the name
 * is how an import is recognised later, so it must be the one the operator chose.
 */
public final class NpUploadName {

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,196}\\.np");

    private NpUploadName() {}

    /** The safe file name for {@code submitted}, or an {@code NP_FILE_NAME_INVALID} refusal. */
    public static String of(String submitted) {
        String name = submitted == null ? "" : submitted.strip();
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        name = name.substring(slash + 1);
        if (!PLAIN.matcher(name).matches() || name.contains("..")) {
            throw AccountException.invalid(
                    "NP_FILE_NAME_INVALID",
                    "檔名須以英數字開頭、僅含英數字及 . _ -，並以 .np 結尾（至多 200 字元）：" + name,
                    "A file name starts with a letter or digit, holds only letters, digits and . _ -, and ends"
                            + " in .np (at most 200 characters): " + name);
        }
        return name;
    }
}
