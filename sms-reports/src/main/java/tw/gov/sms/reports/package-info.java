/**
 * Reports: bilingual tables written as xlsx, csv or PDF, streamed so that a million rows need no more memory than
 * ten. A pure library: no Jakarta EE, no database, no clock; the reporting context's application services read the
 * rows and hand them over, the web and REST layers pick the {@link tw.gov.sms.reports.ReportFormat} and stream the
 * bytes to the browser.
 *
 * <p><b>Requirements.</b> R7: the account roster (帳號清冊), sending statistics (簡訊發送統計表), joint-contract order
 * statistics (共契下單統計表) and sending records (簡訊發送紀錄), shown on screen and exported; R11.2 and R11.5: the
 * monthly bill and the monthly report; R9.5: the account inventory handed to group administrators.
 *
 * <ul>
 *   <li>{@link tw.gov.sms.reports.Sheet} and {@link tw.gov.sms.reports.Column}: what a table looks like, with every
 *       title and heading in 中文 and English, so one document serves agencies and auditors and a program can find
 *       columns by their English names.
 *   <li>{@link tw.gov.sms.reports.ReportWriter}, fed through a {@link tw.gov.sms.reports.RowSink}: one document of
 *       one or more tables. {@link tw.gov.sms.reports.XlsxReportWriter}, {@link tw.gov.sms.reports.CsvReportWriter}
 *       and {@link tw.gov.sms.reports.PdfReportWriter} write it.
 *   <li>{@link tw.gov.sms.reports.ReportFormat}: the format a user asked for, its media type and file extension.
 * </ul>
 *
 * <p><b>Decisions.</b>
 *
 * <ul>
 *   <li>The caller pushes rows into a sink inside {@code sheet(spec, rows -> ...)} rather than handing over a {@code
 *       List} or an {@code Iterator}: a JPA {@code Stream} or a scrolling cursor can be consumed in its own
 *       try-with-resources, nothing is materialised, and the writer knows exactly when a table starts and ends.
 *   <li>Values are plain Java values checked against the column kind ({@code BigDecimal} for money and rates,
 *       {@code double} refused; {@code LocalDateTime} refused because it names no instant). The rules and the text
 *       form live once, in {@code Cells}; the csv and the PDF show the same digits, and xlsx the same through number
 *       formats. Date-times are shown in Asia/Taipei, the zone of every user of the platform.
 *   <li>Nothing is rounded that the caller did not round: money shows its own decimals, none for whole NT$ (bills
 *       are already whole, rounded half up by the billing rule, R11.2) and at least two otherwise (a unit price of
 *       0.70); DECIMAL rounds for display only, to four places; PERCENT shows
 *       two decimals of the percentage. An integer beyond 2<sup>53</sup> or money beyond 15 digits is refused, since a
 *       spreadsheet would silently change it.
 *   <li>xlsx uses POI's SXSSF (200 rows in memory, the rest in a compressed temp file, deleted on close), inline
 *       strings rather than a shared-strings table (which would grow with the data), and no formulas, ever. Text
 *       that looks like a formula stays a string cell, marked "quote prefix" so that editing it in Excel does not turn
 *       it into one. Past Excel's 1,048,576 rows a table continues on a worksheet {@code "name (2)"}.
 *   <li>csv is for programs: UTF-8 with BOM (else Excel in Taiwan assumes Big5), CRLF, RFC 4180 quoting, one header
 *       line {@code 中文(English)}, no title or notes. Formula-like text gets a leading apostrophe (CWE-1236), the one
 *       place where a value is altered, because csv has no cell types to protect it.
 *   <li>PDF uses PDFBox with a CJK TrueType font from a file (set {@code SMS_REPORT_FONT}, or install the Debian
 *       package fonts-wqy-zenhei), embedded as a subset so a report stays small. No font is bundled: a CJK font is
 *       10–20 MB and its licence is the operator's choice (the 全字庫 TW-Sung/TW-Kai fonts, for instance). The
 *       generation time is a constructor argument, never read from a clock, so tests and re-runs give the same pages.
 *   <li>A writer does not close the caller's output stream (a servlet response, a file the caller opened). If
 *       filling a table fails, xlsx and PDF write nothing on close, so a half report cannot be mistaken for a whole
 *       one; csv, written as it goes, must be discarded by the caller.
 * </ul>
 *
 * <p><b>Rejected.</b> JasperReports and similar template engines (a designer tool, XML templates and a large
 * dependency tree for what are plain tables); OpenPDF/iText (licences, and PDFBox is the Apache sibling of POI,
 * already in the build); auto-sized xlsx columns (SXSSF would have to track every cell); writing total rows as
 * {@code SUM} formulas (a formula is exactly what the sheets must never contain, and totals computed in the database
 * agree with the bill); a header cell {@code "中文\nEnglish"} in xlsx (two rows are easier to read and let a program
 * pick either language).
 */
package tw.gov.sms.reports;
