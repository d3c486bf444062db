package tw.gov.sms.shared.domain;

/**
 * Stable codes for everything the content and number checks can find. The names are part of the public contract
 * (API responses, rejection reports, docs/content-rules.md): never rename one, only add.
 *
 * <p>{@link #zh()} and {@link #en()} are {@link String#format} templates; the arguments each code expects are listed
 * in docs/content-rules.md. Character positions in the messages are 1-based for people; {@link Problem#position()} is
 * the 0-based index.
 */
public enum ProblemCode {
    // --- numbers ---
    NUMBER_EMPTY(Severity.ERROR, "門號空白。", "The phone number is empty."),
    NUMBER_HAS_LETTERS(Severity.ERROR, "門號「%1$s」含有英文字母或文字。", "The phone number \"%1$s\" contains letters."),
    NUMBER_INVALID_CHARACTERS(
            Severity.ERROR,
            "門號「%1$s」含有無效的符號「%2$s」。",
            "The phone number \"%1$s\" contains the invalid character \"%2$s\"."),
    NUMBER_LANDLINE(
            Severity.ERROR, "門號「%1$s」是市內電話，無法接收簡訊。", "The phone number \"%1$s\" is a landline and cannot receive SMS."),
    NUMBER_SHORT_CODE(
            Severity.ERROR,
            "門號「%1$s」是特碼或短碼，不是手機門號。",
            "The phone number \"%1$s\" is a short code, not a mobile number."),
    NUMBER_WRONG_LENGTH(
            Severity.ERROR,
            "門號「%1$s」長度錯誤：有 %2$d 位數字，手機門號應為 09 開頭共 10 碼。",
            "The phone number \"%1$s\" has %2$d digits; a mobile number has 10 digits starting with 09."),
    NUMBER_NOT_TAIWAN(
            Severity.ERROR,
            "門號「%1$s」不是台灣門號（國碼 +886），本平台僅發送至台灣手機。",
            "The phone number \"%1$s\" is not a Taiwan number (+886); this platform sends to Taiwan mobiles only."),
    NUMBER_NOT_MOBILE(
            Severity.ERROR,
            "門號「%1$s」不是手機門號（手機門號為 090–098 開頭）。",
            "The phone number \"%1$s\" is not a mobile number (mobile numbers start with 090–098)."),
    NUMBER_DUPLICATE(
            Severity.WARNING,
            "門號「%1$s」重複（與第 %2$d 筆相同），只會發送一次。",
            "The phone number \"%1$s\" is a duplicate of entry %2$d and will be sent once."),

    // --- text ---
    TEXT_EMPTY(Severity.ERROR, "簡訊內容空白。", "The message text is empty."),
    TEXT_TOO_LONG(
            Severity.ERROR,
            "簡訊長度 %1$d 字（含機關名稱前綴），超過上限 %2$d 字。",
            "The message is %1$d characters long (agency prefix included); the limit is %2$d."),
    TEXT_TOO_MANY_SEGMENTS(
            Severity.ERROR, "簡訊需分為 %1$d 則發送，超過上限 %2$d 則。", "The message needs %1$d segments; the limit is %2$d."),
    TEXT_REPLACEMENT_CHAR(
            Severity.ERROR,
            "第 %2$d 字是替代字元 %1$s（�），表示內容曾經轉碼失敗，請修正後再送。",
            "Character %2$d is the replacement character %1$s (�): the text was garbled by an earlier bad decoding."),
    TEXT_CONTROL_CHAR(
            Severity.ERROR,
            "第 %2$d 字是控制字元 %1$s，手機無法正常顯示（僅允許換行）。",
            "Character %2$d is the control character %1$s, which phones cannot display (only line feed is allowed)."),
    TEXT_UNPAIRED_SURROGATE(
            Severity.ERROR,
            "第 %2$d 字是不成對的代理字元 %1$s，內容已損毀。",
            "Character %2$d is the unpaired surrogate %1$s: the text is corrupted."),
    TEXT_PRIVATE_USE(
            Severity.ERROR,
            "第 %2$d 字是私用區字元 %1$s（可能是 Big5 造字），手機會顯示為方框，請改用標準字或拆字說明。",
            "Character %2$d is the private-use character %1$s (probably a Big5 user-defined character); phones show it as a box."),
    TEXT_UNASSIGNED(
            Severity.ERROR,
            "第 %2$d 字 %1$s 不是已定義的 Unicode 字元。",
            "Character %2$d (%1$s) is not an assigned Unicode character."),
    TEXT_MOJIBAKE(
            Severity.ERROR,
            "第 %2$d 字起的「%1$s」疑似亂碼（%4$s），原文可能是「%3$s」。請確認檔案編碼（UTF-8 或 Big5）後重新上傳。",
            "The text \"%1$s\" at character %2$d looks garbled (%5$s); it may have been \"%3$s\". Check the file encoding (UTF-8 or Big5)."),
    TEXT_LINK_NOT_GOV_TW(
            Severity.WARNING,
            "第 %2$d 字起的連結「%1$s」不是政府網域（gov.tw），民眾可能誤認為詐騙。",
            "The link \"%1$s\" at character %2$d is not on a government domain (gov.tw); citizens are told to distrust such links."),
    TEXT_PREFIX_REPEATED(
            Severity.WARNING,
            "內容開頭已含機關名稱「%1$s」，系統會自動加上前綴，發送時將重複出現。",
            "The text already starts with the agency name \"%1$s\"; the prefix is added automatically and would appear twice."),

    // --- placeholders ---
    PLACEHOLDER_MISSING_VALUE(
            Severity.ERROR,
            "欄位 {%1$s} 沒有提供此收件人的值。",
            "No value was given for the placeholder {%1$s} for this recipient."),
    PLACEHOLDER_MALFORMED(
            Severity.ERROR,
            "第 %2$d 字的欄位語法錯誤：%1$s。欄位請寫成 {名稱}；大括號本身請寫成 {{ 或 }}。",
            "Malformed placeholder at character %2$d: %3$s. Write placeholders as {name}; write literal braces as {{ or }}."),

    // --- agency prefix ---
    AGENCY_NAME_EMPTY(
            Severity.ERROR,
            "機關顯示名稱空白；每則簡訊都必須以機關名稱開頭。",
            "The agency display name is empty; every message must start with it."),
    PREFIX_TEMPLATE_INVALID(Severity.ERROR, "前綴樣板「%1$s」無效：%2$s。", "The prefix template \"%1$s\" is invalid: %3$s."),

    // --- the submission as a whole (used by the submission service for every channel) ---
    AGENCY_DISABLED(Severity.ERROR, "機關帳號已停用或不存在，無法發送。", "The agency is disabled or unknown; it cannot send."),
    REQUEST_NO_RECIPIENTS(Severity.ERROR, "沒有提供任何收件人。", "No recipients were given."),
    REQUEST_NO_VALID_RECIPIENTS(
            Severity.ERROR,
            "沒有任何有效的收件人，請依各筆錯誤修正後再送。",
            "None of the recipients is valid; correct them as reported and send again."),
    REQUEST_TOO_MANY_RECIPIENTS(
            Severity.ERROR,
            "收件人 %1$d 筆，超過單次上限 %2$d 筆，請分批或改用檔案上傳。",
            "%1$d recipients exceed the limit of %2$d per send; split the send or upload a file."),
    REQUEST_SCHEDULE_IN_PAST(Severity.ERROR, "預約時間 %1$s 已經過去。", "The scheduled time %1$s is in the past."),
    REQUEST_SCHEDULE_TOO_FAR(
            Severity.ERROR, "預約時間 %1$s 超過 %2$d 天後的上限。", "The scheduled time %1$s is more than %2$d days ahead."),
    REQUEST_VALIDITY_OUT_OF_RANGE(
            Severity.ERROR,
            "有效期限 %1$d 分鐘不在 1 至 %2$d 分鐘之間。",
            "The validity of %1$d minutes is not between 1 and %2$d minutes.");

    private final Severity defaultSeverity;
    private final String zh;
    private final String en;

    ProblemCode(Severity defaultSeverity, String zh, String en) {
        this.defaultSeverity = defaultSeverity;
        this.zh = zh;
        this.en = en;
    }

    public Severity defaultSeverity() {
        return defaultSeverity;
    }

    /** Traditional Chinese message template ({@link String#format} syntax). */
    public String zh() {
        return zh;
    }

    /** English message template ({@link String#format} syntax). */
    public String en() {
        return en;
    }
}
