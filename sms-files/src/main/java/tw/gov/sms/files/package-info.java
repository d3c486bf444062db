/**
 * Recipient files: turns an uploaded txt, csv, xls, xlsx or zip into a stream of rows (phone number plus placeholder
 * values), safely. The spreadsheet adapter of the platform: the only place where {@code org.apache.poi} is used.
 *
 * <p><b>Purpose.</b> {@link tw.gov.sms.files.RecipientFiles#open} checks an upload and returns a {@link
 * tw.gov.sms.files.RecipientFileReader} whose {@link tw.gov.sms.files.RecipientFileReader#next} yields {@link
 * tw.gov.sms.files.FileRow}s with bounded memory, whatever the file's size. Whatever is wrong with the file as a whole
 * is a {@link tw.gov.sms.files.FileRejectedException} with stable {@code FILE_*} codes; what is wrong with one cell is a
 * {@link tw.gov.sms.files.FileProblem} of its row. Numbers and text are judged later, by {@code MsisdnParser} and
 * {@code ContentEngine}, the same for every channel. {@link tw.gov.sms.files.ValidationReport} writes the findings as
 * a CSV that Excel opens; {@link tw.gov.sms.files.SpreadsheetSafe} keeps formula injection out of it.
 *
 * <p><b>Requirements.</b> R1.1 (batch upload and SFTP in txt, csv, xls, xlsx, zip; formats specified in {@code
 * docs/file-formats.md}), R2.3 (file format checked before anything is sent, rejected with the reason; no 亂碼:
 * encodings are detected, never guessed silently), R3.1 (send to a list of numbers), R9.2 (input validation of a
 * "high" system: uploads are hostile until proven otherwise), R10 (published file specification).
 *
 * <p><b>Decisions.</b>
 *
 * <ul>
 *   <li>Name and content must agree: the extension picks the format and the magic bytes must confirm it. A zip
 *       renamed .csv, an exe renamed .xlsx, an xlsx renamed .xls are refused with what the content really is.
 *   <li>Encoding (txt, csv, text entries of zips): a BOM decides; else the bytes are streamed once through strict
 *       UTF-8 and strict CP950 decoders side by side, UTF-8 winning; else the file is refused with the line and byte
 *       offset where each failed. A second pass parses. CP950 ({@code x-windows-950}), not {@code Big5}, because that
 *       is what Excel writes on Traditional Chinese Windows (碁 銹 裏 are CP950-only). NUL bytes are refused: that is
 *       UTF-16 without a BOM, which decoders would otherwise wave through.
 *   <li>Excel's "Unicode text" export is UTF-16LE with BOM and tab-separated: a csv whose first line has tabs and no
 *       comma, and a txt whose first line has a tab, are read as tab-separated tables with a header.
 *   <li>Header: the first non-blank row. The phone column is found by name (mobile-specific names beat generic ones;
 *       same-tier ties are refused); a single column is the phone column whatever its name; a single column whose
 *       first cell is a number has no header. Columns are placeholder names exactly as written (stripped), which is
 *       how {@code ContentEngine} looks up {@code {姓名}}.
 *   <li>xlsx is streamed with StAX over the sheet XML ({@code XSSFReader} finds it, {@code
 *       ReadOnlySharedStringsTable} resolves strings); xls with {@code RecordFactoryInputStream}. Never {@code
 *       XSSFWorkbook}/{@code HSSFWorkbook}. Only the first worksheet is read; other worksheets holding values give a
 *       {@code FILE_OTHER_SHEETS_IGNORED} warning in {@link tw.gov.sms.files.FileDescription#warnings()}.
 *   <li>Formulas are never evaluated and their cached results never used: a formula cell is a row error. Text that
 *       merely starts with {@code =} is data; anything echoed into a report goes through {@link
 *       tw.gov.sms.files.SpreadsheetSafe}.
 *   <li>Numeric cells give digits ({@code 912345678}, never {@code 9.12345678E8}); a {@code 0000000000} format gives
 *       back the leading zero. Dates give their formatted text.
 *   <li>Zip: one upload = one zip = one job. Entries are read in name order, each with its own header and phone
 *       column; row ordinals run across entries, so a restarted job resumes by ordinal. Limits are checked on declared
 *       sizes and again on the bytes actually produced and consumed while streaming (a lying header gains nothing).
 *       Workbooks inside a zip are copied to a private temporary directory that {@link
 *       tw.gov.sms.files.RecipientFileReader#close} deletes; nothing else is written.
 *   <li>Macros are refused in every form: .xlsm/.xltm/.xlam, a macro-enabled content type or {@code vbaProject.bin}
 *       in an xlsx, Excel 4.0 macro sheets, ActiveX, and VBA storages or {@code Auto_Open} in an xls. So are encrypted
 *       workbooks and zip entries.
 *   <li>Everything checkable without reading every row is checked by {@code open}; what only the rows reveal (too
 *       many rows, a quote never closed, a later zip entry that turns out broken) is thrown by {@code next}, and the
 *       caller discards what it staged: the upload is refused as a whole.
 * </ul>
 *
 * <p><b>Rejected.</b> Apache Commons CSV and similar (a 200-line tokenizer with line tracking and length caps is
 * simpler than adapting one); juniversalchardet-style statistical detection (it guesses; strict decoding either
 * proves an encoding or names the byte that disproves it); evaluating formulas or trusting cached values (a
 * spreadsheet could compute phone numbers from anything); reading the sheet named like a hint (one rule, the first
 * sheet, is easier to explain); letting POI's {@code ZipSecureFile} alone guard xlsx (its limits are JVM-wide
 * statics, and the upload's budget must span zip and workbook together).
 */
package tw.gov.sms.files;
