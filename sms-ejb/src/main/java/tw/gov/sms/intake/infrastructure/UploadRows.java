package tw.gov.sms.intake.infrastructure;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import tw.gov.sms.files.FileProblem;
import tw.gov.sms.intake.application.RowOutcome;
import tw.gov.sms.shared.domain.Problem;
import tw.gov.sms.shared.domain.ProblemCode;
import tw.gov.sms.shared.domain.Severity;

/**
 * The staging tables {@code file_row} and {@code file_problem} through JDBC batches. Calls join the
 * caller's transaction (the batch chunk's, or the service's).
 */
@ApplicationScoped
public class UploadRows {

    private static final int BATCH = 1000;

    /** Counts of a validated upload. */
    public record Summary(long recipients, long duplicates, long segments) {}

    @Resource(lookup = "jdbc/sms")
    DataSource dataSource;

    /**
     * Stores one chunk's outcomes and moves the upload's restart point to {@code lastOrdinal}, all in the
     * caller's transaction. Problems beyond {@code maxStoredProblems} are counted but not stored.
     */
    public void writeChunk(long uploadId, List<RowOutcome> outcomes, long lastOrdinal, int maxStoredProblems) {
        try (Connection c = dataSource.getConnection()) {
            long stored = problemCount(c, uploadId);
            long newProblems = 0;
            try (PreparedStatement rows = c.prepareStatement("insert into file_row (upload_id, ordinal, entry, line,"
                            + " msisdn_hash, msisdn_cipher, text_cipher, key_version, encoding, segments)"
                            + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing");
                    PreparedStatement problems = c.prepareStatement(INSERT_PROBLEM)) {
                for (RowOutcome o : outcomes) {
                    if (o.valid()) {
                        rows.setLong(1, uploadId);
                        rows.setLong(2, o.ordinal());
                        rows.setString(3, o.entry());
                        rows.setInt(4, o.line());
                        rows.setBytes(5, o.row().msisdnHash());
                        rows.setBytes(6, o.row().msisdnCipher());
                        rows.setBytes(7, o.row().textCipher());
                        rows.setShort(8, o.row().keyVersion());
                        rows.setString(9, o.row().encoding());
                        rows.setInt(10, o.row().segments());
                        rows.addBatch();
                        continue;
                    }
                    int seq = 0;
                    for (FileProblem p : o.problems()) {
                        newProblems++;
                        if (stored + newProblems <= maxStoredProblems) {
                            bindProblem(problems, uploadId, o.ordinal(), seq++, p);
                            problems.addBatch();
                        }
                    }
                }
                rows.executeBatch();
                problems.executeBatch();
            }
            try (PreparedStatement ps = c.prepareStatement("update file_upload set rows_read = greatest(rows_read, ?),"
                    + " problem_count = problem_count + ? where id = ?")) {
                ps.setLong(1, lastOrdinal);
                ps.setLong(2, newProblems);
                ps.setLong(3, uploadId);
                ps.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("storing rows of upload " + uploadId + " failed", e);
        }
    }

    /**
     * Stores findings about the file as a whole (ordinal 0): errors, which reject it, and warnings.
     * Repeated calls do not repeat them.
     */
    public void writeFileProblems(long uploadId, List<FileProblem> fileProblems) {
        try (Connection c = dataSource.getConnection()) {
            int already;
            try (PreparedStatement ps =
                    c.prepareStatement("select count(*) from file_problem where upload_id = ? and ordinal = 0")) {
                ps.setLong(1, uploadId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    already = rs.getInt(1);
                }
            }
            if (already > 0) {
                return;
            }
            try (PreparedStatement ps = c.prepareStatement(INSERT_PROBLEM)) {
                int seq = 0;
                for (FileProblem p : fileProblems) {
                    bindProblem(ps, uploadId, 0, seq++, p);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            try (PreparedStatement ps =
                    c.prepareStatement("update file_upload set problem_count = problem_count + ? where id = ?")) {
                // Warnings (e.g. other sheets not read) are shown with the file but do not reject it.
                ps.setLong(
                        1,
                        fileProblems.stream().filter(p -> p.problem().isError()).count());
                ps.setLong(2, uploadId);
                ps.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("storing problems of upload " + uploadId + " failed", e);
        }
    }

    /** Marks every repeated number with the first row that has it; returns the counts. */
    public Summary markDuplicates(long uploadId) {
        try (Connection c = dataSource.getConnection()) {
            // One ordered pass over the (upload, number, ordinal) index, in Java: the first row of each
            // number stays, the later ones point at it. Set-based joins were quadratic on a just-filled
            // upload, which the planner's statistics do not know yet.
            try (PreparedStatement read = c.prepareStatement("select ordinal, msisdn_hash from file_row"
                            + " where upload_id = ? order by msisdn_hash, ordinal");
                    PreparedStatement mark = c.prepareStatement(
                            "update file_row set duplicate_of = ? where upload_id = ? and ordinal = ?")) {
                read.setFetchSize(5000);
                read.setLong(1, uploadId);
                byte[] previous = null;
                long first = 0;
                int pending = 0;
                try (ResultSet rs = read.executeQuery()) {
                    while (rs.next()) {
                        long ordinal = rs.getLong(1);
                        byte[] hash = rs.getBytes(2);
                        if (previous != null && java.util.Arrays.equals(previous, hash)) {
                            mark.setLong(1, first);
                            mark.setLong(2, uploadId);
                            mark.setLong(3, ordinal);
                            mark.addBatch();
                            if (++pending % BATCH == 0) {
                                mark.executeBatch();
                            }
                        } else {
                            previous = hash;
                            first = ordinal;
                        }
                    }
                }
                mark.executeBatch();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "select count(*) filter (where duplicate_of is null), count(*) filter (where duplicate_of is not null),"
                            + " coalesce(sum(segments) filter (where duplicate_of is null), 0)"
                            + " from file_row where upload_id = ?")) {
                ps.setLong(1, uploadId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return new Summary(rs.getLong(1), rs.getLong(2), rs.getLong(3));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("counting rows of upload " + uploadId + " failed", e);
        }
    }

    public void deleteRows(long uploadId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("delete from file_row where upload_id = ?")) {
            ps.setLong(1, uploadId);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("deleting rows of upload " + uploadId + " failed", e);
        }
    }

    /**
     * Copies the upload's rows (duplicates excluded) into the message table as the job's messages, in one
     * statement; {@code seq} is the row's ordinal in the file. Returns the number of messages.
     */
    public int copyToMessages(
            long uploadId, long jobId, OffsetDateTime acceptedAt, OffsetDateTime validityUntil, String state) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("insert into message (id, accepted_at, job_id, seq,"
                        + " msisdn_hash, msisdn_cipher, text_cipher, key_version, encoding, segments, state,"
                        + " validity_until)"
                        + " select nextval('message_id_seq'), ?, ?, ordinal::int, msisdn_hash, msisdn_cipher, text_cipher,"
                        + " key_version, encoding, segments, ?, ? from file_row"
                        + " where upload_id = ? and duplicate_of is null order by ordinal")) {
            ps.setTimestamp(1, Timestamp.from(acceptedAt.toInstant()));
            ps.setLong(2, jobId);
            ps.setString(3, state);
            ps.setTimestamp(4, Timestamp.from(validityUntil.toInstant()));
            ps.setLong(5, uploadId);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("copying upload " + uploadId + " into job " + jobId + " failed", e);
        }
    }

    /** The stored problems, file-level first, then by row. */
    public List<FileProblem> problems(long uploadId, int limit) {
        List<FileProblem> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select entry, line, column_name, code, severity, message_zh,"
                        + " message_en from file_problem where upload_id = ? order by ordinal, seq limit ?")) {
            ps.setLong(1, uploadId);
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int line = rs.getInt(2);
                    Integer lineOrNull = rs.wasNull() ? null : line;
                    Problem problem = new Problem(
                            ProblemCode.valueOf(rs.getString(4)),
                            Severity.valueOf(rs.getString(5)),
                            rs.getString(3),
                            null,
                            rs.getString(6),
                            rs.getString(7));
                    out.add(new FileProblem(rs.getString(1), lineOrNull, rs.getString(3), problem));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading problems of upload " + uploadId + " failed", e);
        }
        return out;
    }

    private static long problemCount(Connection c, long uploadId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select problem_count from file_upload where id = ?")) {
            ps.setLong(1, uploadId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    private static final String INSERT_PROBLEM = "insert into file_problem (upload_id, ordinal, seq, entry, line,"
            + " column_name, code, severity, message_zh, message_en) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            + " on conflict do nothing";

    private static void bindProblem(PreparedStatement ps, long uploadId, long ordinal, int seq, FileProblem p)
            throws SQLException {
        ps.setLong(1, uploadId);
        ps.setLong(2, ordinal);
        ps.setShort(3, (short) Math.min(seq, Short.MAX_VALUE));
        ps.setString(4, clip(p.entry(), 255));
        if (p.line() == null) {
            ps.setNull(5, java.sql.Types.INTEGER);
        } else {
            ps.setInt(5, p.line());
        }
        ps.setString(6, clip(p.column(), 200));
        ps.setString(7, p.problem().code().name());
        ps.setString(8, p.problem().severity().name());
        ps.setString(9, clip(p.problem().messageZh(), 1000));
        ps.setString(10, clip(p.problem().messageEn(), 1000));
    }

    private static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
