package tw.gov.sms.intake.infrastructure;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import javax.sql.DataSource;
import tw.gov.sms.files.FileProblem;
import tw.gov.sms.files.SpreadsheetSafe;
import tw.gov.sms.intake.application.UploadView;
import tw.gov.sms.shared.domain.Problem;
import tw.gov.sms.shared.infrastructure.crypto.FieldCipher;
import tw.gov.sms.shared.infrastructure.crypto.FieldCipher.Purpose;

/**
 * The files the platform writes to an agency's SFTP outbox (docs/sftp.md): the receipt at once (accepted
 * or rejected, with the problems), and the status report per recipient when the job is over. UTF-8 with
 * a BOM and CRLF line ends, so Excel on Windows opens them as they are.
 */
@Stateless
public class SftpResultFiles {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.of("Asia/Taipei"));

    @Resource(lookup = "jdbc/sms")
    DataSource dataSource;

    @Inject
    FieldCipher cipher;

    /** A receipt for a submission turned away before it became an upload. */
    public static String turnedAway(String dataName, String manifestName, List<Problem> problems) {
        StringBuilder b = header(dataName, manifestName);
        line(b, "結果 Result", "退件 REJECTED：未處理，未發送任何簡訊 / nothing was processed or sent");
        b.append("\r\n問題 Problems\r\n");
        for (Problem p : problems) {
            b.append("- [")
                    .append(p.code())
                    .append("] ")
                    .append(p.messageZh())
                    .append(" / ")
                    .append(p.messageEn())
                    .append("\r\n");
        }
        return b.toString();
    }

    /** A receipt for a taken submission once its upload is decided. */
    public static String decided(String dataName, String manifestName, UploadView u, List<FileProblem> problems) {
        StringBuilder b = header(dataName, manifestName);
        line(b, "上傳編號 Upload id", Long.toString(u.id()));
        line(b, "檔案格式 Format", u.format() == null ? "-" : u.format());
        line(b, "文字編碼 Encoding", u.encoding() == null ? "-" : u.encoding());
        line(b, "SHA-256", u.sha256());
        if (u.reference() != null) {
            line(b, "參考編號 Reference", u.reference());
        }
        switch (u.state()) {
            case CONFIRMED -> {
                line(b, "結果 Result", "受理 ACCEPTED");
                line(b, "發送工作 Job id", Long.toString(u.jobId()));
                line(b, "收件人數 Recipients", Long.toString(u.recipients()));
                line(b, "重複門號（只發一次） Duplicates (sent once)", Long.toString(u.duplicates()));
                line(b, "則數（所需額度） Segments (quota needed)", Long.toString(u.segments()));
                line(
                        b,
                        "預約時間 Scheduled",
                        u.scheduleAt() == null ? "立即 now" : TIME.format(u.scheduleAt()) + " (Asia/Taipei)");
                line(b, "發送結果報表 Status report", dataName + ".status.csv（工作結束後 when the job is over）");
            }
            case CANCELLED -> line(b, "結果 Result", "已取消 CANCELLED");
            default -> {
                line(b, "結果 Result", "退件 REJECTED：整批未發送，請修正後重新上傳 / nothing was sent; correct and upload again");
                line(b, "問題數 Problems", Long.toString(u.problemCount()));
                line(b, "完整報表 Full report", dataName + ".errors.csv");
                b.append("\r\n前 ")
                        .append(problems.size())
                        .append(" 項問題 First ")
                        .append(problems.size())
                        .append(" problems\r\n");
                for (FileProblem p : problems) {
                    b.append("- ");
                    if (p.entry() != null) {
                        b.append(p.entry()).append(' ');
                    }
                    if (p.line() != null) {
                        b.append("第 ")
                                .append(p.line())
                                .append(" 列 row ")
                                .append(p.line())
                                .append(' ');
                    }
                    if (p.column() != null) {
                        b.append("欄 column ").append(p.column()).append(' ');
                    }
                    b.append("[")
                            .append(p.problem().code())
                            .append("] ")
                            .append(p.problem().messageZh())
                            .append(" / ")
                            .append(p.problem().messageEn())
                            .append("\r\n");
                }
            }
        }
        return b.toString();
    }

    /**
     * Writes the status report of an upload's job: one line per data row of the file, in file order, with
     * the fate of its message (a repeated number shows the fate of the message sent for its first row).
     */
    public void writeStatus(long uploadId, OutputStream out) throws IOException {
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        w.write('\uFEFF');
        w.write("列 row,檔案 entry,門號 number,狀態 state,電信 carrier,受理 accepted,送出 submitted,結果 final,"
                + "代碼 code,原因 reason,備註 note\r\n");
        String sql = "select fr.line, fr.entry, fr.msisdn_cipher, m.state, m.carrier, m.accepted_at, m.submitted_at,"
                + " m.final_at, m.error_code, m.error_detail, fr.duplicate_of"
                + " from file_upload u join file_row fr on fr.upload_id = u.id"
                + " left join send_job j on j.id = u.job_id"
                + " left join message m on m.job_id = j.id and m.accepted_at = j.accepted_at"
                + " and m.seq = coalesce(fr.duplicate_of, fr.ordinal)"
                + " where u.id = ? order by fr.ordinal";
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false); // a cursor, not the whole result in memory
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setFetchSize(2000);
                ps.setLong(1, uploadId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        cells(
                                w,
                                Integer.toString(rs.getInt(1)),
                                rs.getString(2),
                                cipher.decrypt(rs.getBytes(3), Purpose.MSISDN),
                                rs.getString(4),
                                rs.getString(5),
                                time(rs.getTimestamp(6)),
                                time(rs.getTimestamp(7)),
                                time(rs.getTimestamp(8)),
                                rs.getString(9),
                                rs.getString(10),
                                rs.getObject(11) == null ? "" : "重複門號，與前列同一則 duplicate, sent once");
                    }
                }
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw new IOException("reading the status of upload " + uploadId + " failed", e);
        }
        w.flush();
    }

    private static void cells(Writer w, String... values) throws IOException {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                w.write(',');
            }
            String v = SpreadsheetSafe.cell(values[i] == null ? "" : values[i]);
            if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
                v = '"' + v.replace("\"", "\"\"") + '"';
            }
            w.write(v);
        }
        w.write("\r\n");
    }

    private static String time(Timestamp t) {
        return t == null ? "" : TIME.format(t.toInstant());
    }

    private static StringBuilder header(String dataName, String manifestName) {
        StringBuilder b = new StringBuilder("\uFEFF");
        b.append("111 政府專屬短碼簡訊平台 檔案受理回執 / 111 government SMS platform: file receipt\r\n\r\n");
        line(b, "資料檔 Data file", dataName);
        line(b, "說明檔 Manifest", manifestName);
        line(b, "時間 Time", TIME.format(java.time.Instant.now()) + " (Asia/Taipei)");
        return b;
    }

    private static void line(StringBuilder b, String label, String value) {
        b.append(label).append(": ").append(value).append("\r\n");
    }
}
