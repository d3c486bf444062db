package tw.gov.sms.audit.infrastructure.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tw.gov.sms.audit.domain.AuditChain;
import tw.gov.sms.audit.domain.AuditEvent;
import tw.gov.sms.audit.domain.ChainedEvent;

/**
 * How far the audit trail has been copied to the external collector, and the open logging outages ({@code
 * audit_forwarding}, V14), through plain JDBC in the caller's transaction.
 *
 * <p>A forwarding round is: {@link #lock} (one instance at a time; the others get nothing and skip the round), {@link
 * #after} the mark, send, then {@link #forwarded} in the same transaction, or {@link #failed} when the collector did
 * not take the batch. Opening and closing an outage are conditional updates, so exactly one instance sees {@code true}
 * and mails.
 */
public class AuditForwardingStore {

    private static final String EVENT_COLUMNS = "seq, occurred_at, actor_kind, actor_id, actor_name, role, agency_id,"
            + " group_id, action, target, source_address, outcome, detail, prev_hash, hash";

    /**
     * The forwarding state as one reader saw it.
     *
     * @param forwardedSeq last sequence number the collector accepted
     * @param headSeq last sequence number of the chain
     * @param oldestPendingAt when the oldest event not yet forwarded happened; null when none is pending
     * @param forwardedAt when the mark last moved
     * @param watchSeq the chain head the forwarder saw at {@code watchAt}
     * @param watchAt when it saw it
     * @param failingSince first failure of the current run of failed sends; null after a success
     * @param lastError the last send failure
     * @param forwardOutageSince open forwarding outage
     * @param writeFailedAt latest failed audit write reported by any instance
     * @param writeError its reason
     * @param writeOutageSince open audit-write outage
     */
    public record Status(
            long forwardedSeq,
            long headSeq,
            Instant oldestPendingAt,
            Instant forwardedAt,
            long watchSeq,
            Instant watchAt,
            Instant failingSince,
            String lastError,
            Instant forwardOutageSince,
            Instant writeFailedAt,
            String writeError,
            Instant writeOutageSince) {

        /** Events written but not yet accepted by the collector. */
        public long pending() {
            return Math.max(0, headSeq - forwardedSeq);
        }

        /**
         * How long events the forwarder could already see have waited for the collector: since {@code watchAt}, while
         * the mark is short of {@code watchSeq}; zero when nothing it saw is pending. Counted from when the forwarder
         * saw them, not from {@code occurred_at}: an event committed late by a long transaction is not "late".
         */
        public Duration lag(Instant now) {
            if (pending() == 0 || forwardedSeq >= watchSeq || watchAt == null || watchAt.isAfter(now)) {
                return Duration.ZERO;
            }
            return Duration.between(watchAt, now);
        }

        /**
         * A forwarding outage: events the forwarder saw have waited longer than {@code alertAfter} for the collector,
         * whether the sends fail or are too slow. Nothing pending is never an outage: no event is missing from the copy.
         */
        public boolean lagging(Duration alertAfter, Instant now) {
            return lag(now).compareTo(alertAfter) > 0;
        }

        /** True when every event the forwarder watched has gone, so it should watch the current head. */
        public boolean watchDone() {
            return forwardedSeq >= watchSeq;
        }
    }

    /**
     * Locks the state row for this transaction; empty when another instance holds it (it is forwarding right now),
     * in which case the caller skips its round.
     */
    public Optional<Long> lock(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                        "select forwarded_seq from audit_forwarding where id = 1 for update skip locked");
                ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
        }
    }

    /** Up to {@code limit} events after {@code seq}, oldest first. */
    public List<ChainedEvent> after(Connection c, long seq, int limit) throws SQLException {
        List<ChainedEvent> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "select " + EVENT_COLUMNS + " from audit_event where seq > ? order by seq limit ?")) {
            ps.setLong(1, seq);
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(chained(rs));
                }
            }
        }
        return out;
    }

    /** The collector accepted everything up to {@code seq}: move the mark and end a run of failures. */
    public void forwarded(Connection c, long seq, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update audit_forwarding set forwarded_seq = ?,"
                + " forwarded_at = ?, failing_since = null, last_error = null where id = 1")) {
            ps.setLong(1, seq);
            ps.setObject(2, utc(now));
            ps.executeUpdate();
        }
    }

    /** The collector did not take the batch: the mark stays, the failure is noted. */
    public void failed(Connection c, Instant now, String error) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update audit_forwarding set"
                + " failing_since = coalesce(failing_since, ?), last_error = ? where id = 1")) {
            ps.setObject(1, utc(now));
            ps.setString(2, AuditEvent.fit(error, 1000));
            ps.executeUpdate();
        }
    }

    /** The state and the chain's head, without any lock. */
    public Status status(Connection c) throws SQLException {
        String sql = "select f.forwarded_seq, h.last_seq, (select e.occurred_at from audit_event e"
                + " where e.seq = f.forwarded_seq + 1), f.forwarded_at, f.watch_seq, f.watch_at, f.failing_since,"
                + " f.last_error, f.forward_outage_since, f.write_failed_at, f.write_error, f.write_outage_since"
                + " from audit_forwarding f cross join audit_chain_head h where f.id = 1 and h.id = 1";
        try (PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                throw new SQLException("audit_forwarding or audit_chain_head has no row");
            }
            return new Status(
                    rs.getLong(1),
                    rs.getLong(2),
                    instant(rs, 3),
                    instant(rs, 4),
                    rs.getLong(5),
                    instant(rs, 6),
                    instant(rs, 7),
                    rs.getString(8),
                    instant(rs, 9),
                    instant(rs, 10),
                    rs.getString(11),
                    instant(rs, 12));
        }
    }

    /** Starts watching the chain head {@code headSeq} as seen at {@code now} (the caller holds the lock). */
    public void watch(Connection c, long headSeq, Instant now) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("update audit_forwarding set watch_seq = ?, watch_at = ? where id = 1")) {
            ps.setLong(1, headSeq);
            ps.setObject(2, utc(now));
            ps.executeUpdate();
        }
    }

    /** Opens the forwarding outage; true only for the one caller that opened it. */
    public boolean openForwardOutage(Connection c, Instant now) throws SQLException {
        return update(
                c,
                "update audit_forwarding set forward_outage_since = ? where id = 1 and forward_outage_since is null",
                now);
    }

    /** Closes the forwarding outage; true only for the one caller that closed it. */
    public boolean closeForwardOutage(Connection c) throws SQLException {
        return update(
                c,
                "update audit_forwarding set forward_outage_since = null where id = 1"
                        + " and forward_outage_since is not null",
                null);
    }

    /** Notes a failed audit write (the latest one wins) and opens the write outage; true if this call opened it. */
    public boolean writeFailed(Connection c, Instant at, String error) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update audit_forwarding set"
                + " write_failed_at = greatest(coalesce(write_failed_at, ?), ?), write_error = ? where id = 1")) {
            ps.setObject(1, utc(at));
            ps.setObject(2, utc(at));
            ps.setString(3, AuditEvent.fit(error, 1000));
            ps.executeUpdate();
        }
        return update(
                c,
                "update audit_forwarding set write_outage_since = ? where id = 1 and write_outage_since is null",
                at);
    }

    /**
     * Closes the write outage once no instance has reported a failed write since {@code quietSince}; true only for the
     * one caller that closed it.
     */
    public boolean closeWriteOutage(Connection c, Instant quietSince) throws SQLException {
        return update(
                c,
                "update audit_forwarding set write_outage_since = null where id = 1 and write_outage_since is not null"
                        + " and (write_failed_at is null or write_failed_at < ?)",
                quietSince);
    }

    private static boolean update(Connection c, String sql, Instant param) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (param != null) {
                ps.setObject(1, utc(param));
            }
            return ps.executeUpdate() == 1;
        }
    }

    private static ChainedEvent chained(ResultSet rs) throws SQLException {
        AuditEvent e = AuditLog.event(rs);
        return new ChainedEvent(
                rs.getLong("seq"), e, AuditChain.hex(rs.getBytes("prev_hash")), AuditChain.hex(rs.getBytes("hash")));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static OffsetDateTime utc(Instant t) {
        return OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
    }
}
