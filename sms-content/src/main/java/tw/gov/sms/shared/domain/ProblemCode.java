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
    QUOTA_NO_CONTRACT(
            Severity.ERROR,
            "今天（%1$s）沒有有效的共契期間，無法發送正式簡訊；請洽數位發展部。",
            "No contract period is in force today (%1$s), so messages cannot be sent; contact the Ministry of Digital Affairs."),
    QUOTA_AGENCY_INSUFFICIENT(
            Severity.ERROR,
            "機關額度不足：本次需要 %1$d 則（段），機關剩餘 %2$d 則；請先下單增加額度或減少收件人。",
            "The agency's quota is short: %1$d segments needed, %2$d left; order more quota or send to fewer recipients."),
    QUOTA_ACCOUNT_INSUFFICIENT(
            Severity.ERROR,
            "帳號配額不足：本次需要 %1$d 則（段），您的配額剩餘 %2$d 則（機關剩餘 %3$d 則）；請洽群組管理者調整配額。",
            "Your account's allocation is short: %1$d segments needed, %2$d left (the agency has %3$d); ask your group"
                    + " administrator to allocate more."),
    QUOTA_TEST_EXHAUSTED(
            Severity.ERROR,
            "免費測試簡訊不足：本次需要 %1$d 則，剩餘 %2$d 則（每個帳號共 %3$d 則）。",
            "Not enough free test messages: %1$d needed, %2$d left (each account has %3$d)."),
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
            "The validity of %1$d minutes is not between 1 and %2$d minutes."),

    // --- uploads and jobs (the intake of recipient files) ---
    UPLOAD_FILE_MISSING(
            Severity.ERROR,
            "沒有收到檔案：請上傳收件人檔案（txt、csv、xls、xlsx 或 zip），並附檔名。",
            "No file was received: upload a recipients file (txt, csv, xls, xlsx or zip) with its file name."),
    UPLOAD_FILE_EMPTY(
            Severity.ERROR,
            "檔案「%1$s」是空的（0 位元組），請確認匯出或上傳是否完成。",
            "The file \"%1$s\" is empty (0 bytes); check that the export or the upload finished."),
    UPLOAD_PLACEHOLDER_COLUMN_MISSING(
            Severity.ERROR,
            "簡訊內容使用了 {%1$s}，但檔案沒有名為「%1$s」的欄位（檔案的欄位：%2$s）。請在第 1 列加上該欄位，或修改簡訊內容。",
            "The text uses {%1$s}, but the file has no column named \"%1$s\" (its columns: %2$s). Add the column to row 1 or change the text."),
    UPLOAD_STATE_CONFLICT(
            Severity.ERROR,
            "上傳檔案 %1$d 目前狀態為 %2$s，無法執行「%3$s」。",
            "Upload %1$d is %2$s, so it cannot be given the action \"%3$s\"."),
    JOB_NOT_CANCELLABLE(
            Severity.ERROR,
            "發送工作 %1$d 目前狀態為 %2$s：只有尚未開始的預約工作可以取消。",
            "Send job %1$d is %2$s: only a scheduled job that has not started can be cancelled."),

    // --- SFTP drop: the manifest and the inbox (sms-sftp; arguments listed in docs/sftp.md) ---
    MANIFEST_NOT_UTF8(
            Severity.ERROR,
            "傳送說明檔第 %1$d 行不是有效的 UTF-8 文字（可能以 Big5／ANSI 儲存）。請以 UTF-8 編碼另存後重新上傳。",
            "Line %1$d of the manifest is not valid UTF-8 (probably saved as Big5/ANSI). Save it as UTF-8 and upload it again."),
    MANIFEST_TOO_LARGE(
            Severity.ERROR,
            "傳送說明檔有 %1$d 位元組，超過上限 %2$d 位元組。說明檔只放傳送設定與簡訊內容，收件人請放在資料檔中。",
            "The manifest is %1$d bytes; the limit is %2$d. It holds the send settings and text only; recipients belong in the data file."),
    MANIFEST_SYNTAX(
            Severity.ERROR,
            "傳送說明檔第 %1$d 行「%2$s」不是「欄位 = 值」的格式。等號請用半形「=」，註解行請以 # 開頭。",
            "Line %1$d of the manifest (\"%2$s\") is not of the form \"key = value\". Use a half-width \"=\"; start comment lines with #."),
    MANIFEST_UNKNOWN_KEY(
            Severity.ERROR,
            "傳送說明檔第 %1$d 行的欄位「%2$s」無法辨識%3$s。可用欄位：file、sha256、size、text、schedule、validity-minutes、test、callback、reference。",
            "Line %1$d of the manifest has the unknown key \"%2$s\"%4$s. Known keys: file, sha256, size, text, schedule, validity-minutes, test, callback, reference."),
    MANIFEST_DUPLICATE_KEY(
            Severity.ERROR,
            "傳送說明檔第 %1$d 行的欄位「%2$s」已在第 %3$d 行寫過；每個欄位只能寫一次（只有 text 可以連續寫多行）。請刪除其中一行。",
            "Line %1$d of the manifest repeats the key \"%2$s\" already given on line %3$d; each key may appear once (only text may span several lines). Delete one of them."),
    MANIFEST_TEXT_NOT_CONTIGUOUS(
            Severity.ERROR,
            "傳送說明檔第 %1$d 行的 text 與第 %2$d 行的 text 之間夾有其他欄位；多行簡訊內容的 text 行必須連續寫在一起。",
            "Line %1$d of the manifest continues the text begun on line %2$d after other keys; the text lines of a multi-line message must be consecutive."),
    MANIFEST_MISSING_KEY(
            Severity.ERROR,
            "傳送說明檔缺少必要欄位「%1$s」。請加上一行「%1$s = …」（必要欄位：file、sha256、size、text）。",
            "The manifest lacks the required key \"%1$s\". Add a line \"%1$s = …\" (required: file, sha256, size, text)."),
    MANIFEST_EMPTY_VALUE(
            Severity.ERROR,
            "傳送說明檔第 %1$d 行的必要欄位「%2$s」沒有填值。",
            "The required key \"%2$s\" on line %1$d of the manifest has no value."),
    MANIFEST_FILE_MISMATCH(
            Severity.ERROR,
            "傳送說明檔第 %1$d 行 file = %2$s 與資料檔名「%3$s」不符。說明檔須命名為「資料檔名.manifest」，file 欄位填資料檔名（不含路徑）。",
            "Line %1$d of the manifest says file = %2$s, but the data file is \"%3$s\". Name the manifest \"<data file name>.manifest\" and give the data file name (no path) in file."),
    MANIFEST_BAD_SHA256(
            Severity.ERROR,
            "傳送說明檔第 %1$d 行 sha256 的值「%2$s」不是 64 位十六進位的 SHA-256 雜湊值（Windows 可用 PowerShell：Get-FileHash 檔名 -Algorithm SHA256）。",
            "Line %1$d of the manifest: sha256 \"%2$s\" is not a SHA-256 hash of 64 hex digits (on Windows: Get-FileHash FILE -Algorithm SHA256)."),
    MANIFEST_BAD_SIZE(
            Severity.ERROR,
            "傳送說明檔第 %1$d 行 size 的值「%2$s」不是資料檔的位元組數（0 以上的整數，不加逗號或單位）。",
            "Line %1$d of the manifest: size \"%2$s\" is not the data file's length in bytes (a whole number, no commas or units)."),
    MANIFEST_BAD_SCHEDULE(
            Severity.ERROR,
            "傳送說明檔第 %1$d 行 schedule 的值「%2$s」不是可辨識的時間。請寫成「2026-12-01 09:00」（台灣時間）或「2026-12-01T09:00+08:00」；立即發送請刪除此行。",
            "Line %1$d of the manifest: schedule \"%2$s\" is not a time we can read. Write \"2026-12-01 09:00\" (Taiwan time) or \"2026-12-01T09:00+08:00\"; delete the line to send at once."),
    MANIFEST_BAD_VALIDITY(
            Severity.ERROR,
            "傳送說明檔第 %1$d 行 validity-minutes 的值「%2$s」不是正整數分鐘數。",
            "Line %1$d of the manifest: validity-minutes \"%2$s\" is not a whole number of minutes greater than 0."),
    MANIFEST_BAD_TEST_FLAG(
            Severity.ERROR,
            "傳送說明檔第 %1$d 行 test 的值「%2$s」只能是 true（測試發送）或 false（正式發送）。",
            "Line %1$d of the manifest: test \"%2$s\" must be true (test send) or false (real send)."),
    MANIFEST_CALLBACK_NOT_HTTPS(
            Severity.ERROR,
            "傳送說明檔第 %1$d 行 callback「%2$s」不是 https:// 網址；狀態回呼只會送到 https 網址。",
            "Line %1$d of the manifest: callback \"%2$s\" is not an https:// URL; status callbacks go to https URLs only."),
    MANIFEST_BAD_CALLBACK(
            Severity.ERROR,
            "傳送說明檔第 %1$d 行 callback「%2$s」不是有效的網址（例：https://example.gov.tw/sms/status）。",
            "Line %1$d of the manifest: callback \"%2$s\" is not a valid URL (e.g. https://example.gov.tw/sms/status)."),
    MANIFEST_REFERENCE_TOO_LONG(
            Severity.ERROR,
            "傳送說明檔第 %1$d 行 reference 有 %2$d 字，超過上限 %3$d 字。",
            "Line %1$d of the manifest: reference is %2$d characters long; the limit is %3$d."),
    SFTP_DATA_FILE_MISSING(
            Severity.ERROR,
            "收到傳送說明檔「%1$s」，但 inbox 中沒有資料檔「%2$s」。請先上傳資料檔，最後才上傳說明檔。",
            "The manifest \"%1$s\" arrived but there is no data file \"%2$s\" in inbox. Upload the data file first and the manifest last."),
    SFTP_UNSUPPORTED_FILE_TYPE(
            Severity.ERROR,
            "檔案「%1$s」的類型不受支援。資料檔須為 .txt、.csv、.xls、.xlsx 或 .zip，說明檔須命名為「資料檔名.manifest」。",
            "The file \"%1$s\" is of an unsupported type. Data files are .txt, .csv, .xls, .xlsx or .zip; a manifest is named \"<data file name>.manifest\"."),
    SFTP_NOT_A_REGULAR_FILE(
            Severity.ERROR,
            "inbox 中的「%1$s」不是一般檔案（資料夾或連結），平台不會處理。請將檔案直接放在 inbox 中。",
            "\"%1$s\" in inbox is not a regular file (a folder or a link); it is not processed. Put files directly into inbox."),
    SFTP_FILE_UNREADABLE(
            Severity.ERROR,
            "平台無法讀取 inbox 中的「%1$s」（%2$s）。請確認檔案權限後重新上傳。",
            "The platform cannot read \"%1$s\" in inbox (%2$s). Check the file's permissions and upload it again."),
    SFTP_SIZE_MISMATCH(
            Severity.ERROR,
            "資料檔「%1$s」的說明檔宣告 %2$d 位元組，實際為 %3$d 位元組，檔案可能未上傳完整。請重新上傳資料檔，最後才上傳說明檔。",
            "The manifest of \"%1$s\" declares %2$d bytes but the file has %3$d: the upload is probably incomplete. Upload the data file again, then the manifest last."),
    SFTP_SHA256_MISMATCH(
            Severity.ERROR,
            "資料檔「%1$s」的 SHA-256 為 %3$s，與說明檔宣告的 %2$s 不符，檔案可能損毀或已被替換。請重新上傳資料檔與說明檔。",
            "The SHA-256 of \"%1$s\" is %3$s, not %2$s as the manifest declares: the file is damaged or was replaced. Upload the data file and its manifest again."),
    SFTP_MANIFEST_MISSING(
            Severity.ERROR,
            "資料檔「%1$s」自 %2$s 起已在 inbox 超過 %3$d 小時，但沒有對應的說明檔「%1$s.manifest」，平台不會處理。若要發送，請重新上傳資料檔後再上傳說明檔。",
            "The data file \"%1$s\" has been in inbox since %2$s, more than %3$d hours, without its manifest \"%1$s.manifest\"; it is not processed. To send it, upload it again followed by the manifest."),
    SFTP_ALREADY_PROCESSED(
            Severity.ERROR,
            "「%1$s」與其說明檔的內容與先前已處理的上傳 %2$s 完全相同，不再重複發送。若確實要再發送一次，請修改說明檔（例如 reference 欄位）後重新上傳。",
            "\"%1$s\" and its manifest are identical to those already processed as upload %2$s, so nothing is sent again. To send it once more on purpose, change the manifest (e.g. reference) and upload again."),

    // --- files: recipient files read by sms-files (arguments listed in docs/file-formats.md) ---
    FILE_EXTENSION_NOT_ALLOWED(
            Severity.ERROR,
            "檔案「%1$s」的類型（%2$s）不受支援。請上傳 .txt、.csv、.xls、.xlsx 或 .zip 檔；Excel 請另存為「CSV UTF-8（逗號分隔）」或「Excel 活頁簿 (*.xlsx)」。",
            "The file \"%1$s\" has an unsupported type (%2$s). Upload a .txt, .csv, .xls, .xlsx or .zip file; from Excel, save as \"CSV UTF-8 (Comma delimited)\" or \"Excel Workbook (*.xlsx)\"."),
    FILE_CONTENT_MISMATCH(
            Severity.ERROR,
            "檔案「%1$s」的副檔名是 %2$s，但內容其實是%3$s；副檔名與內容不符，為安全起見不予處理。請確認上傳的是正確的檔案，或用 Excel 開啟後另存為「CSV UTF-8（逗號分隔）」或「Excel 活頁簿 (*.xlsx)」再上傳。",
            "The file \"%1$s\" is named %2$s but its content is %4$s; name and content must agree, so it is not processed. Check that this is the right file, or open it in Excel and save it as \"CSV UTF-8 (Comma delimited)\" or \"Excel Workbook (*.xlsx)\"."),
    FILE_TOO_LARGE(
            Severity.ERROR,
            "檔案「%1$s」大小 %2$s，超過上限 %3$s。請將名單分成數個檔案分批上傳。",
            "The file \"%1$s\" is %2$s, over the limit of %3$s. Split the list into several files."),
    FILE_EMPTY(
            Severity.ERROR,
            "檔案「%1$s」是空的（0 位元組）。請確認匯出或上傳的是正確的檔案。",
            "The file \"%1$s\" is empty (0 bytes). Check that the right file was exported and uploaded."),
    FILE_NO_ROWS(
            Severity.ERROR,
            "檔案「%1$s」沒有任何收件人資料列（只有標題列或空白列）。請填入收件人後再上傳。",
            "The file \"%1$s\" has no recipient rows (only a header or blank lines). Add the recipients and upload it again."),
    FILE_ENCODING_UNDECIDED(
            Severity.ERROR,
            "無法判斷檔案「%1$s」的文字編碼：以 UTF-8 解讀時第 %2$d 行（檔案位移 %3$d 位元組處）無效，以 Big5（CP950）解讀時第 %4$d 行（檔案位移 %5$d 位元組處）無效。檔案可能已損毀或使用其他編碼。請用 Excel 開啟後另存為「CSV UTF-8（逗號分隔）」再上傳。",
            "The text encoding of \"%1$s\" cannot be determined: as UTF-8 it is invalid on line %2$d (byte offset %3$d), as Big5 (CP950) on line %4$d (byte offset %5$d). The file may be damaged or in another encoding. Open it in Excel and save it as \"CSV UTF-8 (Comma delimited)\"."),
    FILE_ENCODING_INVALID(
            Severity.ERROR,
            "檔案「%1$s」開頭標示為 %2$s 編碼，但第 %3$d 行（檔案位移 %4$d 位元組處）不是有效的 %2$s 內容，檔案可能已損毀或被截斷。請重新匯出後再上傳。",
            "The file \"%1$s\" starts with a %2$s byte-order mark, but line %3$d (byte offset %4$d) is not valid %2$s; the file may be damaged or truncated. Export it again."),
    FILE_NUL_BYTES(
            Severity.ERROR,
            "檔案「%1$s」第 %2$d 行（檔案位移 %3$d 位元組處）含有 NUL（0x00）位元組，不是一般文字檔。這通常是沒有 BOM 的 UTF-16（「Unicode 文字」）檔或二進位檔。請用 Excel 另存為「CSV UTF-8（逗號分隔）」再上傳。",
            "The file \"%1$s\" contains a NUL (0x00) byte on line %2$d (byte offset %3$d), so it is not plain text: usually UTF-16 (\"Unicode Text\") without a byte-order mark, or a binary file. Save it from Excel as \"CSV UTF-8 (Comma delimited)\"."),
    FILE_HEADER_EMPTY_NAME(
            Severity.ERROR,
            "標題列（第 %1$d 行）第 %2$d 欄（%3$s 欄）沒有欄位名稱。每一欄都需要名稱：手機號碼欄請用「手機號碼」等名稱，其他欄的名稱就是簡訊中的欄位（例如 {姓名}）；不用的欄請整欄刪除。",
            "Column %2$d (%3$s) of the header row (line %1$d) has no name. Every column needs one: name the phone column e.g. \"手機號碼\" or \"mobile\"; other names are the placeholders of the text (e.g. {姓名}); delete unused columns."),
    FILE_HEADER_DUPLICATE(
            Severity.ERROR,
            "標題列（第 %4$d 行）的欄位名稱「%1$s」同時出現在第 %2$d 欄與第 %3$d 欄，無法判斷簡訊欄位 {%1$s} 要用哪一欄。請將其中一欄改名或刪除。",
            "The column name \"%1$s\" appears twice in the header row (line %4$d), in columns %2$d and %3$d, so the placeholder {%1$s} is ambiguous. Rename or delete one of them."),
    FILE_NO_PHONE_COLUMN(
            Severity.ERROR,
            "找不到手機號碼欄：標題列（第 %3$d 行）的欄位是 %1$s。請將手機號碼那一欄的標題改為下列名稱之一：%2$s。標題必須在最上面一列（表格上方不要放標題文字）。",
            "No phone column: the header row (line %3$d) has the columns %1$s. Name the phone column with one of: %2$s. The header must be the first row (no title text above the table)."),
    FILE_PHONE_COLUMN_AMBIGUOUS(
            Severity.ERROR,
            "有多個欄位都可能是手機號碼欄：%1$s（標題列第 %2$d 行）。請只保留一欄使用這類名稱，其他欄改名。",
            "Several columns could be the phone column: %1$s (header row, line %2$d). Keep such a name on one column only and rename the others."),
    FILE_HEADER_MISSING(
            Severity.ERROR,
            "第 %2$d 行看起來是資料（「%1$s」）而不是標題列。有多個欄位時第一列必須是標題，例如「手機號碼,姓名」。請在最上方加入標題列後再上傳。",
            "Line %2$d looks like data (\"%1$s\"), not a header. With several columns the first row must be a header such as \"手機號碼,姓名\" (or \"mobile,name\"). Add a header row."),
    FILE_TOO_MANY_COLUMNS(
            Severity.ERROR,
            "標題列（第 %3$d 行）有 %1$d 欄，超過上限 %2$d 欄。請只保留手機號碼欄與簡訊會用到的欄位。",
            "The header row (line %3$d) has %1$d columns, over the limit of %2$d. Keep only the phone column and the columns the text uses."),
    FILE_TOO_MANY_ROWS(
            Severity.ERROR,
            "收件人資料超過上限 %1$d 筆（整個上傳檔合計），整個檔案不予處理。請分成數個檔案分批發送。",
            "The upload has more than %1$d recipient rows in total, so none is processed. Split it into several uploads."),
    FILE_CSV_UNCLOSED_QUOTE(
            Severity.ERROR,
            "第 %1$d 行的某個欄位以雙引號「\"」開頭，但直到檔案結尾都沒有結束的雙引號，之後的內容都無法判讀。請檢查該行：內容本身含有雙引號時要寫成兩個（\"\"）。",
            "A field on line %1$d opens a double quote (\") that is never closed, so the rest of the file cannot be read. Check that line: a double quote inside a field is written twice (\"\")."),
    FILE_CORRUPT(
            Severity.ERROR,
            "無法讀取檔案「%1$s」，檔案可能已損毀或不是標準格式（%2$s）。請用 Excel 開啟確認後重新另存，再上傳。",
            "The file \"%1$s\" cannot be read; it may be damaged or not in the standard format (%2$s). Open it in Excel, save it again and upload the new file."),
    FILE_EXCEL_TOO_OLD(
            Severity.ERROR,
            "檔案「%1$s」是 Excel 5.0/95 或更舊的格式，不受支援。請用 Excel 另存為「Excel 活頁簿 (*.xlsx)」再上傳。",
            "The file \"%1$s\" is an Excel 5.0/95 (or older) workbook, which is not supported. Save it from Excel as \"Excel Workbook (*.xlsx)\"."),
    FILE_ENCRYPTED(
            Severity.ERROR,
            "檔案「%1$s」有密碼保護（加密），系統無法讀取。請移除密碼後再上傳（Excel：檔案 → 資訊 → 保護活頁簿 → 以密碼加密，清空密碼）；壓縮檔請不要設定密碼。",
            "The file \"%1$s\" is password-protected (encrypted) and cannot be read. Remove the password (Excel: File → Info → Protect Workbook → Encrypt with Password, clear it) and upload again; do not put a password on zip files."),
    FILE_MACRO_ENABLED(
            Severity.ERROR,
            "檔案「%1$s」含有巨集或可執行的內容（%2$s）。為了安全，不接受含巨集的檔案。請在 Excel 另存為「Excel 活頁簿 (*.xlsx)」或「CSV UTF-8（逗號分隔）」再上傳。",
            "The file \"%1$s\" contains macros or executable content (%3$s). For safety, files with macros are not accepted. Save it from Excel as \"Excel Workbook (*.xlsx)\" or \"CSV UTF-8 (Comma delimited)\"."),
    FILE_ZIP_UNCOMPRESSED_TOO_LARGE(
            Severity.ERROR,
            "壓縮檔「%1$s」解壓縮後的內容超過上限 %2$s（依檔頭宣告或實際解壓縮量），可能是「壓縮炸彈」，不予處理。請分成數個較小的檔案上傳。",
            "The compressed file \"%1$s\" expands to more than %2$s (as declared or as actually read); it may be a zip bomb and is not processed. Upload smaller files."),
    FILE_ZIP_RATIO_TOO_HIGH(
            Severity.ERROR,
            "「%1$s」的壓縮比達 %2$d 倍，超過上限 %3$d 倍，可能是「壓縮炸彈」，不予處理。一般名單檔的壓縮比遠低於此；請確認內容，或直接上傳未壓縮的檔案。",
            "\"%1$s\" is compressed %2$d to 1, over the limit of %3$d to 1; it may be a zip bomb and is not processed. Real recipient lists compress far less; check the content or upload the file uncompressed."),
    FILE_ZIP_UNSAFE_PATH(
            Severity.ERROR,
            "壓縮檔中的項目名稱「%1$s」含有絕對路徑、上層目錄（..）、磁碟代號或反斜線，並不安全，不予處理。請把名單檔直接放進壓縮檔後重新壓縮。",
            "The zip entry name \"%1$s\" holds an absolute path, a parent directory (..), a drive letter or a backslash, which is unsafe, so it is not processed. Put the list files directly into a new zip."),
    FILE_ZIP_NESTED(
            Severity.ERROR,
            "壓縮檔中的「%1$s」本身又是壓縮檔（巢狀壓縮），不予處理。請把裡面的名單檔解壓縮後直接放進同一個 .zip（.xlsx 活頁簿不在此限）。",
            "The zip entry \"%1$s\" is itself an archive (nested compression), which is not accepted. Extract its files and put them directly into one .zip (.xlsx workbooks are fine)."),
    FILE_ZIP_TOO_MANY_ENTRIES(
            Severity.ERROR,
            "壓縮檔「%1$s」含有 %2$d 個檔案，超過上限 %3$d 個。一個壓縮檔就是一次發送；請減少檔案數或分次上傳。",
            "The zip \"%1$s\" holds %2$d files, over the limit of %3$d. One zip is one send; use fewer files or several uploads."),
    FILE_ZIP_EMPTY(
            Severity.ERROR,
            "壓縮檔「%1$s」中沒有可處理的名單檔（.txt、.csv、.xls、.xlsx）。",
            "The zip \"%1$s\" holds no list file (.txt, .csv, .xls, .xlsx)."),
    FILE_ZIP_ENTRY_UNSUPPORTED(
            Severity.ERROR,
            "壓縮檔中的「%1$s」類型（%2$s）不是名單檔，不予處理。壓縮檔內只能放 .txt、.csv、.xls、.xlsx 檔；請移除其他檔案後重新壓縮。",
            "The zip entry \"%1$s\" (%2$s) is not a list file. A zip may only hold .txt, .csv, .xls and .xlsx files; remove the others and zip again."),
    FILE_ZIP_DUPLICATE_ENTRY(
            Severity.ERROR,
            "壓縮檔中有兩個同名的項目「%1$s」（不分大小寫），無法判斷要用哪一個。請重新壓縮。",
            "The zip holds two entries named \"%1$s\" (ignoring case); it is not clear which one to use. Zip the files again."),
    FILE_ZIP_METHOD_UNSUPPORTED(
            Severity.ERROR,
            "壓縮檔中的「%1$s」使用不支援的壓縮方式（%2$s）。請用 Windows「傳送到 → 壓縮的 (zipped) 資料夾」或一般 ZIP（Deflate）格式重新壓縮。",
            "The zip entry \"%1$s\" uses an unsupported compression method (%2$s). Zip it again with Windows \"Send to → Compressed (zipped) folder\" or any tool's standard ZIP (Deflate)."),
    FILE_OTHER_SHEETS_IGNORED(
            Severity.WARNING,
            "只讀取第一個工作表「%1$s」；其他有資料的工作表（%2$s）不會處理。若名單在其他工作表，請移到第一個工作表或分開上傳。",
            "Only the first worksheet \"%1$s\" is read; the other worksheets with data (%2$s) are ignored. If recipients are on them, move them to the first sheet or upload them separately."),
    FILE_FORMULA_CELL(
            Severity.ERROR,
            "儲存格 %2$s（欄位「%1$s」）是公式。系統不計算公式，也不採用檔案中暫存的計算結果，以免發送錯誤的內容，此列不予發送。請複製該欄，以「選擇性貼上 → 值」貼回後再上傳。",
            "Cell %2$s (column \"%1$s\") holds a formula. Formulas are never evaluated and their cached results are not used, so this row is not sent. Copy the column and paste it back with \"Paste Special → Values\"."),
    FILE_ROW_FIELD_COUNT(
            Severity.ERROR,
            "第 %3$d 行有 %1$d 個欄位，但標題列有 %2$d 個，欄位可能錯位（例如內容含逗號卻沒有用雙引號括起來），此列不予發送。請修正該行：含逗號的內容要用雙引號括起來。",
            "Line %3$d has %1$d fields but the header has %2$d, so the values may be shifted (e.g. a comma inside an unquoted value); this row is not sent. Fix the line: put values containing commas in double quotes."),
    FILE_CELL_TOO_LONG(
            Severity.ERROR,
            "欄位「%1$s」的內容有 %2$d 字，超過上限 %3$d 字，此列不予發送。",
            "The value of column \"%1$s\" is %2$d characters long, over the limit of %3$d; this row is not sent."),
    FILE_CELL_WITHOUT_HEADER(
            Severity.WARNING,
            "儲存格 %1$s 有內容，但所在的欄沒有標題，內容不會被使用。若需要這一欄，請在標題列加上欄位名稱。",
            "Cell %1$s has a value but its column has no header, so it is not used. Give the column a name in the header row if it is needed.");

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
