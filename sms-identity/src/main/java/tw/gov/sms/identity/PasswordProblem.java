package tw.gov.sms.identity;

import java.util.Locale;

/** Why a new password is refused. {@link #code()} is stable; the messages carry the policy's numbers. */
public enum PasswordProblem {
    BLANK("PASSWORD_BLANK", "密碼不可空白", "The password must not be blank."),
    TOO_SHORT("PASSWORD_TOO_SHORT", "密碼至少需 %1$d 個字元", "The password must be at least %1$d characters long."),
    TOO_LONG("PASSWORD_TOO_LONG", "密碼不可超過 %2$d 個字元", "The password must be at most %2$d characters long."),
    TOO_FEW_CHARACTER_CLASSES(
            "PASSWORD_TOO_FEW_CHARACTER_CLASSES",
            "密碼需包含英文大寫字母、英文小寫字母、數字、符號四類中的至少 %4$d 類",
            "The password must contain at least %4$d of: upper-case letters, lower-case letters, digits, symbols."),
    CONTAINS_USERNAME("PASSWORD_CONTAINS_USERNAME", "密碼不可包含帳號名稱", "The password must not contain the user name."),
    REUSED("PASSWORD_REUSED", "新密碼不可與最近 %3$d 次使用過的密碼相同", "The password must differ from the last %3$d passwords used.");

    private final String code;
    private final String zh;
    private final String en;

    PasswordProblem(String code, String zh, String en) {
        this.code = code;
        this.zh = zh;
        this.en = en;
    }

    public String code() {
        return code;
    }

    /** The message in Traditional Chinese, with {@code policy}'s numbers filled in. */
    public String zh(PasswordPolicy policy) {
        return format(zh, policy);
    }

    public String en(PasswordPolicy policy) {
        return format(en, policy);
    }

    private static String format(String template, PasswordPolicy policy) {
        return String.format(
                Locale.ROOT,
                template,
                policy.minLength(),
                policy.maxLength(),
                policy.historyDepth(),
                policy.requiredClasses());
    }
}
