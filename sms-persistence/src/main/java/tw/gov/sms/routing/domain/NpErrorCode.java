package tw.gov.sms.routing.domain;

/** Why a line of a number-portability file was rejected; the code is stable, the texts are for operators. */
public enum NpErrorCode {
    MISSING_HEADER("缺少檔頭", "missing header"),
    BAD_HEADER("檔頭格式錯誤", "malformed header"),
    WRONG_FILE_KIND("檔案種類不符", "wrong file kind"),
    BLANK_LINE("空白行", "blank line"),
    BAD_RECORD("資料列格式錯誤", "malformed record"),
    BAD_OPERATION("異動代碼錯誤", "unknown delta operation"),
    BAD_NUMBER("門號格式錯誤", "malformed number"),
    NOT_MOBILE("非行動電話門號", "not a mobile number"),
    UNKNOWN_CARRIER("未知的電信業者代碼", "unknown carrier code"),
    DUPLICATE_NUMBER("門號重複", "duplicate number"),
    BAD_TRAILER("檔尾格式錯誤", "malformed trailer"),
    AFTER_TRAILER("檔尾之後仍有資料", "content after trailer"),
    COUNT_MISMATCH("筆數不符", "record count mismatch"),
    CHECKSUM_MISMATCH("檢查碼不符", "checksum mismatch"),
    TOO_MANY_RECORDS("資料筆數超過上限", "too many records"),
    BAD_ENCODING("非 UTF-8 編碼", "not valid UTF-8"),
    IO_ERROR("檔案讀取失敗", "file could not be read");

    private final String titleZh;
    private final String titleEn;

    NpErrorCode(String titleZh, String titleEn) {
        this.titleZh = titleZh;
        this.titleEn = titleEn;
    }

    public String titleZh() {
        return titleZh;
    }

    public String titleEn() {
        return titleEn;
    }
}
