package tw.gov.sms.files;

/**
 * What a file's first bytes say it is, whatever its name claims. Only the kinds an upload may be, and the kinds a
 * renamed file typically is, are told apart; everything else counts as text and meets the encoding checks.
 */
enum Magic {
    ZIP("ZIP 壓縮檔（或 .xlsx 活頁簿）", "a ZIP archive (or an .xlsx workbook)"),
    OLE2("Office 97-2003 文件（例如 .xls 活頁簿）", "an Office 97-2003 document (such as an .xls workbook)"),
    PDF("PDF 文件", "a PDF document"),
    EXECUTABLE("執行檔", "an executable program"),
    IMAGE("圖片", "an image"),
    ARCHIVE("其他格式的壓縮檔（gzip、rar、7z 等）", "another kind of archive (gzip, rar, 7z…)"),
    TEXT("文字檔（例如 CSV 或網頁 HTML）", "plain text (such as CSV or a web page)");

    /** How many leading bytes {@link #of} looks at. */
    static final int HEAD = 8;

    private final String zh;
    private final String en;

    Magic(String zh, String en) {
        this.zh = zh;
        this.en = en;
    }

    String zh() {
        return zh;
    }

    String en() {
        return en;
    }

    static Magic of(byte[] b, int n) {
        if (starts(b, n, 0x50, 0x4B, 0x03, 0x04)
                || starts(b, n, 0x50, 0x4B, 0x05, 0x06)
                || starts(b, n, 0x50, 0x4B, 0x07, 0x08)) {
            return ZIP;
        }
        if (starts(b, n, 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1)) {
            return OLE2;
        }
        if (starts(b, n, 0x25, 0x50, 0x44, 0x46)) {
            return PDF;
        }
        if (starts(b, n, 0x4D, 0x5A) || starts(b, n, 0x7F, 0x45, 0x4C, 0x46) || starts(b, n, 0xCA, 0xFE, 0xBA, 0xBE)) {
            return EXECUTABLE;
        }
        if (starts(b, n, 0x89, 0x50, 0x4E, 0x47)
                || starts(b, n, 0xFF, 0xD8, 0xFF)
                || starts(b, n, 0x47, 0x49, 0x46, 0x38)) {
            return IMAGE;
        }
        if (starts(b, n, 0x1F, 0x8B)
                || starts(b, n, 0x52, 0x61, 0x72, 0x21)
                || starts(b, n, 0x37, 0x7A, 0xBC, 0xAF)
                || starts(b, n, 0x42, 0x5A, 0x68)) {
            return ARCHIVE;
        }
        return TEXT;
    }

    private static boolean starts(byte[] b, int n, int... sig) {
        if (n < sig.length) {
            return false;
        }
        for (int i = 0; i < sig.length; i++) {
            if ((b[i] & 0xFF) != sig[i]) {
                return false;
            }
        }
        return true;
    }
}
