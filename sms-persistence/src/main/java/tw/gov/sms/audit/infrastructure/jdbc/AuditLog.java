package tw.gov.sms.audit.infrastructure.jdbc;

import java.io.IOException;
import java.io.Writer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import tw.gov.sms.audit.domain.ActorKind;
import tw.gov.sms.audit.domain.AuditChain;
import tw.gov.sms.audit.domain.AuditEvent;
import tw.gov.sms.audit.domain.AuditQuery;
import tw.gov.sms.audit.domain.Outcome;
import tw.gov.sms.audit.domain.StoredEvent;

/**
 * The audit trail in PostgreSQL ({@code audit_event}, {@code audit_chain_head}, V5) through plain JDBC.
 * Every method takes the connection to use, so the application joins its JTA transaction and the
 * command-line check ({@link AuditChainCheck}) brings its own.
 *
 * <p>Appending locks the single head row ({@code select ... for update}) until the caller's transaction
 * ends. That lock serialises appenders across all instances of a deployment group and is what makes the
 * sequence gapless and the chain linear; a rolled-back transaction releases it with nothing written.
 * Audit events are user actions, not per-message events, so one lock is not a throughput limit, but a
 * caller should append as late as possible in a transaction and never hold the lock across slow work.
 */
public class AuditLog {

    private static final int FETCH_SIZE = 1000;
    private static final ZoneId TAIPEI = ZoneId.of("Asia/Taipei");
    private static final String COLUMNS = "seq, occurred_at, actor_kind, actor_id, actor_name, role, agency_id,"
            + " group_id, action, target, source_address, outcome, detail, prev_hash, hash";
    private static final String CSV_HEADER = "seq,occurred_at,actor_kind,actor_id,actor_name,role,agency_id,"
            + "group_id,action,target,source_address,outcome,detail,hash";

    /**
     * Outcome of a verification. {@code problem} (English / Traditional Chinese) and
     * {@code firstBrokenSeq} are null when the chain is intact; {@code eventsChecked} counts the events
     * found intact before the first break.
     */
    public record Verification(boolean intact, long eventsChecked, Long firstBrokenSeq, String problem) {

        static Verification ok(long events) {
            return new Verification(true, events, null, null);
        }

        static Verification broken(long events, long seq, String problem) {
            return new Verification(false, events, seq, problem);
        }
    }

    /**
     * Appends an event at the end of the chain and returns its sequence number. Runs in the caller's
     * transaction and does not commit; on a connection in auto-commit mode it runs as a transaction of
     * its own (the lock would otherwise end after the first statement).
     */
    public long append(Connection c, AuditEvent e) throws SQLException {
        if (!c.getAutoCommit()) {
            return appendInTransaction(c, e);
        }
        c.setAutoCommit(false);
        try {
            long seq = appendInTransaction(c, e);
            c.commit();
            return seq;
        } catch (SQLException | RuntimeException ex) {
            c.rollback();
            throw ex;
        } finally {
            c.setAutoCommit(true);
        }
    }

    private long appendInTransaction(Connection c, AuditEvent e) throws SQLException {
        long lastSeq;
        byte[] lastHash;
        try (PreparedStatement ps =
                        c.prepareStatement("select last_seq, last_hash from audit_chain_head where id = 1 for update");
                ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                throw new SQLException("audit_chain_head has no row: the audit trail cannot be appended to");
            }
            lastSeq = rs.getLong(1);
            lastHash = rs.getBytes(2);
        }
        long seq = lastSeq + 1;
        byte[] hash = AuditChain.hash(lastHash, seq, e);
        try (PreparedStatement ps = c.prepareStatement("insert into audit_event (" + COLUMNS + ")"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setLong(1, seq);
            ps.setObject(2, OffsetDateTime.ofInstant(e.occurredAt(), ZoneOffset.UTC));
            ps.setString(3, e.actorKind().name());
            setLong(ps, 4, e.actorId());
            ps.setString(5, e.actorName());
            ps.setString(6, e.role());
            setLong(ps, 7, e.agencyId());
            setLong(ps, 8, e.groupId());
            ps.setString(9, e.action());
            ps.setString(10, e.target());
            ps.setString(11, e.sourceAddress());
            ps.setString(12, e.outcome().name());
            ps.setString(13, e.detail());
            ps.setBytes(14, lastHash);
            ps.setBytes(15, hash);
            ps.executeUpdate();
        }
        try (PreparedStatement ps =
                c.prepareStatement("update audit_chain_head set last_seq = ?, last_hash = ? where id = 1")) {
            ps.setLong(1, seq);
            ps.setBytes(2, hash);
            ps.executeUpdate();
        }
        return seq;
    }

    /**
     * Recomputes the whole chain from the genesis hash, streaming the events in order: every sequence
     * number present, every event linked to the one before, every hash matching its event's contents,
     * and the head matching the last event. Stops at the first break.
     *
     * <p>On a connection in auto-commit mode it reads one repeatable-read snapshot (and restores the
     * connection afterwards), so events appended meanwhile are not seen at all. Inside a caller's
     * transaction each statement sees its own snapshot, so events committed while the chain is read are
     * accepted when the head, read again, covers them.
     */
    public Verification verify(Connection c) throws SQLException {
        boolean own = c.getAutoCommit();
        int isolation = c.getTransactionIsolation();
        if (own) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        }
        try {
            return verifyInTransaction(c);
        } finally {
            if (own) {
                c.rollback();
                c.setTransactionIsolation(isolation);
                c.setAutoCommit(true);
            }
        }
    }

    private Verification verifyInTransaction(Connection c) throws SQLException {
        Head head = head(c);
        if (head == null) {
            return Verification.broken(0, 1, "the chain head row is missing (deleted?) / 鏈頭資料列遺失（可能遭刪除）");
        }
        long checked = 0;
        long expected = 1;
        byte[] prev = AuditChain.genesis();
        try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS + " from audit_event order by seq")) {
            ps.setFetchSize(FETCH_SIZE);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long seq = rs.getLong("seq");
                    if (seq != expected) {
                        return Verification.broken(checked, expected, missing(expected));
                    }
                    byte[] prevHash = rs.getBytes("prev_hash");
                    if (!Arrays.equals(prevHash, prev)) {
                        return Verification.broken(checked, seq, unlinked(seq));
                    }
                    AuditEvent event;
                    try {
                        event = event(rs);
                    } catch (RuntimeException e) {
                        return Verification.broken(checked, seq, unreadable(seq, e));
                    }
                    byte[] hash = rs.getBytes("hash");
                    if (!Arrays.equals(AuditChain.hash(prevHash, seq, event), hash)) {
                        return Verification.broken(checked, seq, edited(seq));
                    }
                    if (seq == head.lastSeq() && !Arrays.equals(hash, head.lastHash())) {
                        return Verification.broken(checked, seq, headMismatch(seq));
                    }
                    checked++;
                    expected++;
                    prev = hash;
                }
            }
        }
        long last = expected - 1;
        if (last < head.lastSeq()) {
            return Verification.broken(checked, last + 1, truncated(head.lastSeq(), last));
        }
        if (last == 0 && !Arrays.equals(head.lastHash(), AuditChain.genesis())) {
            return Verification.broken(checked, 0, headMismatch(0));
        }
        if (last > head.lastSeq()) {
            // Only possible inside a caller's read-committed transaction (events committed after the head
            // was read) or when rows were inserted behind the application's back: read the head again.
            Head now = head(c);
            if (now == null || now.lastSeq() < last) {
                long after = now == null ? head.lastSeq() : now.lastSeq();
                return Verification.broken(checked, after + 1, beyondHead(after + 1, after));
            }
            if (now.lastSeq() == last && !Arrays.equals(now.lastHash(), prev)) {
                return Verification.broken(checked, last, headMismatch(last));
            }
        }
        return Verification.ok(checked);
    }

    /** The end of the chain as recorded in {@code audit_chain_head}; null if the row is missing. */
    record Head(long lastSeq, byte[] lastHash) {}

    static Head head(Connection c) throws SQLException {
        try (PreparedStatement ps =
                        c.prepareStatement("select last_seq, last_hash from audit_chain_head where id = 1");
                ResultSet rs = ps.executeQuery()) {
            return rs.next() ? new Head(rs.getLong(1), rs.getBytes(2)) : null;
        }
    }

    /** One page of matching events, newest first; see {@link AuditQuery}. */
    public List<StoredEvent> search(Connection c, AuditQuery q) throws SQLException {
        List<Object> params = new ArrayList<>();
        String sql = "select " + COLUMNS + " from audit_event" + where(q, params, true) + " order by seq desc limit ?";
        params.add(q.limit());
        List<StoredEvent> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(stored(rs));
                }
            }
        }
        return out;
    }

    /**
     * Writes every event matching {@code q} (its limit ignored) as CSV, oldest first, streaming from a
     * cursor. A header row in English, every field quoted, CRLF line ends, times in ISO-8601 with the
     * Taipei offset. A text starting with {@code = + - @}, tab or CR gets a leading {@code '} so that a
     * spreadsheet shows it instead of evaluating it. The caller writes a UTF-8 BOM first if Excel should
     * detect the encoding, and closes the writer.
     */
    public void export(Connection c, AuditQuery q, Writer out) throws SQLException, IOException {
        boolean own = c.getAutoCommit();
        if (own) {
            c.setAutoCommit(false); // PostgreSQL streams with a cursor only inside a transaction
        }
        List<Object> params = new ArrayList<>();
        String sql = "select " + COLUMNS + " from audit_event" + where(q, params, false) + " order by seq";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setFetchSize(FETCH_SIZE);
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                out.write(CSV_HEADER);
                out.write("\r\n");
                while (rs.next()) {
                    StoredEvent s = stored(rs);
                    AuditEvent e = s.event();
                    csvRow(
                            out,
                            Long.toString(s.seq()),
                            e.occurredAt()
                                    .atZone(TAIPEI)
                                    .toOffsetDateTime()
                                    .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME),
                            e.actorKind().name(),
                            str(e.actorId()),
                            e.actorName(),
                            e.role(),
                            str(e.agencyId()),
                            str(e.groupId()),
                            e.action(),
                            e.target(),
                            e.sourceAddress(),
                            e.outcome().name(),
                            e.detail(),
                            s.hash());
                }
            }
            out.flush();
        } finally {
            if (own) {
                c.rollback();
                c.setAutoCommit(true);
            }
        }
    }

    private static void csvRow(Writer out, String... cells) throws IOException {
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(csvCell(cells[i]));
        }
        out.write("\r\n");
    }

    /** One quoted CSV cell, neutralised against formula injection. Null becomes an empty cell. */
    static String csvCell(String value) {
        if (value == null || value.isEmpty()) {
            return "\"\"";
        }
        char first = value.charAt(0);
        String safe = first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + value
                : value;
        return '"' + safe.replace("\"", "\"\"") + '"';
    }

    private static String where(AuditQuery q, List<Object> params, boolean keyset) {
        StringBuilder w = new StringBuilder();
        if (q.from() != null) {
            and(w, "occurred_at >= ?", params, OffsetDateTime.ofInstant(q.from(), ZoneOffset.UTC));
        }
        if (q.to() != null) {
            and(w, "occurred_at < ?", params, OffsetDateTime.ofInstant(q.to(), ZoneOffset.UTC));
        }
        if (q.action() != null) {
            and(w, "action = ?", params, q.action());
        }
        if (q.agencyId() != null) {
            and(w, "agency_id = ?", params, q.agencyId());
        }
        if (q.groupId() != null) {
            and(w, "group_id = ?", params, q.groupId());
        }
        if (q.actorId() != null) {
            and(w, "actor_id = ?", params, q.actorId());
        }
        if (q.actorName() != null) {
            and(w, "actor_name = ?", params, q.actorName());
        }
        if (q.outcome() != null) {
            and(w, "outcome = ?", params, q.outcome().name());
        }
        if (q.targetContains() != null) {
            // position(), not LIKE: the text is searched for as typed, with no wildcard to escape.
            and(w, "position(lower(?) in lower(target)) > 0", params, q.targetContains());
        }
        if (q.beforeSeq() != null) {
            and(w, "seq < ?", params, q.beforeSeq());
        }
        return w.toString();
    }

    private static void and(StringBuilder where, String condition, List<Object> params, Object value) {
        where.append(where.isEmpty() ? " where " : " and ").append(condition);
        params.add(value);
    }

    private static void bind(PreparedStatement ps, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            ps.setObject(i + 1, params.get(i));
        }
    }

    private static StoredEvent stored(ResultSet rs) throws SQLException {
        return new StoredEvent(rs.getLong("seq"), event(rs), AuditChain.hex(rs.getBytes("hash")));
    }

    /** An audit_event row as the event it records (also read by {@link AuditForwardingStore}). */
    static AuditEvent event(ResultSet rs) throws SQLException {
        return new AuditEvent(
                rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                ActorKind.valueOf(rs.getString("actor_kind")),
                rs.getObject("actor_id", Long.class),
                rs.getString("actor_name"),
                rs.getString("role"),
                rs.getObject("agency_id", Long.class),
                rs.getObject("group_id", Long.class),
                rs.getString("action"),
                rs.getString("target"),
                rs.getString("source_address"),
                Outcome.valueOf(rs.getString("outcome")),
                rs.getString("detail"));
    }

    private static void setLong(PreparedStatement ps, int i, Long v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.BIGINT);
        } else {
            ps.setLong(i, v);
        }
    }

    private static String str(Long v) {
        return v == null ? null : v.toString();
    }

    private static String missing(long seq) {
        return "event " + seq + " is missing (deleted?) / 第 " + seq + " 筆事件遺失（可能遭刪除）";
    }

    private static String unlinked(long seq) {
        return "event " + seq + ": does not link to the event before it (an earlier event changed or removed?)"
                + " / 第 " + seq + " 筆事件與前一筆事件的鏈結不符（前一筆可能遭竄改或刪除）";
    }

    private static String edited(long seq) {
        return "event " + seq + ": hash does not match its contents (edited?) / 第 " + seq + " 筆事件的雜湊與內容不符（可能遭竄改）";
    }

    private static String unreadable(long seq, RuntimeException e) {
        return "event " + seq + ": stored values are invalid (" + e.getMessage() + ") / 第 " + seq + " 筆事件的內容無效（可能遭竄改）";
    }

    private static String headMismatch(long seq) {
        return "the chain head does not match event " + seq + " (head or end of the chain altered?) / 鏈頭與第 " + seq
                + " 筆事件不符（鏈頭或鏈尾可能遭竄改）";
    }

    private static String truncated(long headSeq, long last) {
        return "the chain head records " + headSeq + " events but the last event is " + last
                + " (events removed from the end?) / 鏈頭記錄共 " + headSeq + " 筆事件，但最後一筆為第 " + last
                + " 筆（尾端事件可能遭刪除）";
    }

    private static String beyondHead(long seq, long headSeq) {
        return "event " + seq + " lies beyond the chain head (" + headSeq + ") (inserted outside the application?)"
                + " / 第 " + seq + " 筆事件位於鏈頭（第 " + headSeq + " 筆）之後（可能於系統外插入）";
    }
}
