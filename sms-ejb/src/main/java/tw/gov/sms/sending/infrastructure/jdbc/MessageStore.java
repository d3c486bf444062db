package tw.gov.sms.sending.infrastructure.jdbc;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import tw.gov.sms.routing.domain.Carrier;
import tw.gov.sms.routing.domain.Route;
import tw.gov.sms.sending.domain.MessageState;

/**
 * The message table through plain JDBC. It holds hundreds of millions of rows, so this adapter writes
 * in batches and always names the partition key ({@code accepted_at}, the job's acceptance time, shared
 * by all its messages) so PostgreSQL prunes to one monthly partition. Every state change names the
 * states it may come from (see {@link MessageState#predecessorsOf}), so a late or repeated event can
 * never move a message backwards. Connections come from the JTA data source: calls join the caller's
 * transaction.
 */
@ApplicationScoped
public class MessageStore {

    private static final int BATCH = 1000;
    private static final java.util.logging.Logger LOG =
            java.util.logging.Logger.getLogger(MessageStore.class.getName());

    @Resource(lookup = "jdbc/sms")
    DataSource dataSource;

    public record NewMessage(
            int seq,
            byte[] msisdnHash,
            byte[] msisdnCipher,
            byte[] textCipher,
            short keyVersion,
            String encoding,
            int segments) {}

    public record RoutingRow(long id, byte[] msisdnCipher) {}

    public record QueuedRow(long id, Route route) {}

    public record DispatchRow(
            long id,
            long jobId,
            MessageState state,
            byte[] msisdnCipher,
            byte[] textCipher,
            int segments,
            short attempts,
            OffsetDateTime validityUntil) {}

    public record MessageView(
            long id,
            int seq,
            byte[] msisdnCipher,
            MessageState state,
            String carrier,
            String routeReason,
            int segments,
            int deliveredSegments,
            OffsetDateTime queuedAt,
            OffsetDateTime submittedAt,
            OffsetDateTime finalAt,
            String errorCode,
            String errorDetail,
            int attempts) {}

    /** Receipt outcome: which message it settled, if any. */
    public record ReceiptMatch(long messageId, OffsetDateTime acceptedAt, MessageState newState) {}

    public void insertAll(
            long jobId,
            OffsetDateTime acceptedAt,
            OffsetDateTime validityUntil,
            MessageState initial,
            List<NewMessage> messages) {
        String sql = "insert into message (id, accepted_at, job_id, seq, msisdn_hash, msisdn_cipher, text_cipher,"
                + " key_version, encoding, segments, state, validity_until)"
                + " values (nextval('message_id_seq'), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            Timestamp accepted = ts(acceptedAt);
            Timestamp validity = ts(validityUntil);
            int n = 0;
            for (NewMessage m : messages) {
                ps.setTimestamp(1, accepted);
                ps.setLong(2, jobId);
                ps.setInt(3, m.seq());
                ps.setBytes(4, m.msisdnHash());
                ps.setBytes(5, m.msisdnCipher());
                ps.setBytes(6, m.textCipher());
                ps.setShort(7, m.keyVersion());
                ps.setString(8, m.encoding());
                ps.setInt(9, m.segments());
                ps.setString(10, initial.name());
                ps.setTimestamp(11, validity);
                ps.addBatch();
                if (++n % BATCH == 0) {
                    ps.executeBatch();
                }
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("storing the messages of job " + jobId + " failed", e);
        }
    }

    public List<RoutingRow> awaitingRelease(long jobId, OffsetDateTime acceptedAt) {
        String sql = "select id, msisdn_cipher from message where job_id = ? and accepted_at = ?"
                + " and state in ('ACCEPTED', 'SCHEDULED') order by seq";
        List<RoutingRow> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, jobId);
            ps.setTimestamp(2, ts(acceptedAt));
            ps.setFetchSize(5000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new RoutingRow(rs.getLong(1), rs.getBytes(2)));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("reading job " + jobId + " for release failed", e);
        }
    }

    /**
     * Marks a job's routed messages QUEUED in one set-based statement. The lease counts from the moment
     * of the statement ({@code clock_timestamp()}), not from the start of the (long) release transaction.
     */
    public void markQueued(OffsetDateTime acceptedAt, List<QueuedRow> rows, Duration lease) {
        String sql = "update message m set state = 'QUEUED', carrier = u.carrier, route_reason = u.reason,"
                + " queued_at = clock_timestamp(), lease_until = clock_timestamp() + ? * interval '1 second'"
                + " from unnest(?::bigint[], ?::varchar[], ?::varchar[]) as u(id, carrier, reason)"
                + " where m.id = u.id and m.accepted_at = ? and m.state in ('ACCEPTED', 'SCHEDULED', 'QUEUED')";
        Long[] ids = new Long[rows.size()];
        String[] carriers = new String[rows.size()];
        String[] reasons = new String[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            ids[i] = rows.get(i).id();
            carriers[i] = rows.get(i).route().carrier().name();
            reasons[i] = rows.get(i).route().reason().name();
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, lease.toSeconds());
            ps.setArray(2, c.createArrayOf("bigint", ids));
            ps.setArray(3, c.createArrayOf("varchar", carriers));
            ps.setArray(4, c.createArrayOf("varchar", reasons));
            ps.setTimestamp(5, ts(acceptedAt));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("queueing messages failed", e);
        }
    }

    public List<DispatchRow> forDispatch(OffsetDateTime acceptedAt, long[] ids) {
        String sql = "select id, job_id, state, msisdn_cipher, text_cipher, segments, attempts, validity_until"
                + " from message where accepted_at = ? and id = any(?) order by id";
        List<DispatchRow> rows = new ArrayList<>(ids.length);
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setTimestamp(1, ts(acceptedAt));
            ps.setArray(2, longArray(c, ids));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new DispatchRow(
                            rs.getLong(1),
                            rs.getLong(2),
                            MessageState.valueOf(rs.getString(3)),
                            rs.getBytes(4),
                            rs.getBytes(5),
                            rs.getInt(6),
                            rs.getShort(7),
                            odt(rs.getTimestamp(8))));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("reading messages for dispatch failed", e);
        }
    }

    /**
     * Claims queued messages for one submission attempt each, in one statement: a compare-and-set on
     * each message's attempt count, so when the same message sits in two work units (a unit re-queued
     * after its lease ran out while the first was still waiting) only one dispatcher gets it. The claim
     * counts as the attempt and leases the message for {@code lease}. Returns the ids claimed.
     */
    public java.util.Set<Long> claimForSubmission(OffsetDateTime acceptedAt, List<DispatchRow> rows, Duration lease) {
        Long[] ids = new Long[rows.size()];
        Short[] attempts = new Short[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            ids[i] = rows.get(i).id();
            attempts[i] = rows.get(i).attempts();
        }
        java.util.Set<Long> claimed = new java.util.HashSet<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("update message m set attempts = m.attempts + 1,"
                        + " lease_until = clock_timestamp() + ? * interval '1 second'"
                        + " from unnest(?::bigint[], ?::smallint[]) as u(id, attempts)"
                        + " where m.id = u.id and m.accepted_at = ? and m.state = 'QUEUED' and m.attempts = u.attempts"
                        + " returning m.id")) {
            ps.setLong(1, lease.toSeconds());
            ps.setArray(2, c.createArrayOf("bigint", ids));
            ps.setArray(3, c.createArrayOf("smallint", attempts));
            ps.setTimestamp(4, ts(acceptedAt));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    claimed.add(rs.getLong(1));
                }
            }
            return claimed;
        } catch (SQLException e) {
            throw new IllegalStateException("claiming messages for submission failed", e);
        }
    }

    /**
     * Records many accepted submissions at once: the messages move to SUBMITTED and every segment's
     * carrier id is stored (one update and one batched insert).
     */
    public void markSubmitted(OffsetDateTime acceptedAt, Carrier carrier, Map<Long, List<String>> carrierIds) {
        if (carrierIds.isEmpty()) {
            return;
        }
        Long[] ids = carrierIds.keySet().toArray(Long[]::new);
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement(
                    "update message m set state = 'SUBMITTED',"
                            + " submitted_at = clock_timestamp(), lease_until = m.validity_until"
                            + " from unnest(?::bigint[]) as u(id) where m.id = u.id and m.accepted_at = ? and m.state = 'QUEUED'")) {
                ps.setArray(1, c.createArrayOf("bigint", ids));
                ps.setTimestamp(2, ts(acceptedAt));
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("insert into message_part (message_id, accepted_at, part_no,"
                    + " carrier, carrier_message_id, submitted_at) values (?, ?, ?, ?, ?, clock_timestamp())")) {
                Timestamp accepted = ts(acceptedAt);
                for (Map.Entry<Long, List<String>> e : carrierIds.entrySet()) {
                    for (int i = 0; i < e.getValue().size(); i++) {
                        ps.setLong(1, e.getKey());
                        ps.setTimestamp(2, accepted);
                        ps.setShort(3, (short) (i + 1));
                        ps.setString(4, carrier.name());
                        ps.setString(5, e.getValue().get(i));
                        ps.addBatch();
                    }
                }
                ps.executeBatch();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("recording " + ids.length + " submissions failed", e);
        }
    }

    /** Leaves a message queued for another attempt after its lease, or fails it when attempts run out. */
    public void markAttemptFailed(long id, OffsetDateTime acceptedAt, Duration retryAfter, String code, String detail) {
        String sql = "update message set lease_until = clock_timestamp() + ? * interval '1 second',"
                + " error_code = ?, error_detail = ? where id = ? and accepted_at = ? and state = 'QUEUED'";
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, Math.max(1, retryAfter.toSeconds()));
            ps.setString(2, code);
            ps.setString(3, truncate(detail));
            ps.setLong(4, id);
            ps.setTimestamp(5, ts(acceptedAt));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public boolean markFinal(long id, OffsetDateTime acceptedAt, MessageState target, String code, String detail) {
        String from = String.join(
                "','",
                MessageState.predecessorsOf(target).stream().map(Enum::name).toList());
        String sql = "update message set state = ?, final_at = now(), lease_until = null, error_code = ?,"
                + " error_detail = ? where id = ? and accepted_at = ? and state in ('" + from + "')";
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, target.name());
            ps.setString(2, code);
            ps.setString(3, truncate(detail));
            ps.setLong(4, id);
            ps.setTimestamp(5, ts(acceptedAt));
            return ps.executeUpdate() > 0;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Applies one segment's receipt. Returns the message it settled, if this was the last receipt
     * outstanding; a receipt for an id not (yet) recorded waits in {@code pending_receipt}.
     */
    public Optional<ReceiptMatch> applyReceipt(
            Carrier carrier, String carrierMessageId, String stat, String err, OffsetDateTime doneAt) {
        try (Connection c = dataSource.getConnection()) {
            Object[] part = markPart(c, carrier, carrierMessageId, stat, err, doneAt);
            if (part == null) {
                Boolean hasReceipt = receiptRecorded(c, carrier, carrierMessageId);
                if (hasReceipt == null) {
                    LOG.info(() -> "receipt for " + carrier + " id " + carrierMessageId + " (" + stat
                            + ") matches no recorded submission yet; kept in pending_receipt");
                    try (PreparedStatement ps = c.prepareStatement(
                            "insert into pending_receipt (carrier,"
                                    + " carrier_message_id, stat, err, done_at) values (?, ?, ?, ?, ?) on conflict do nothing")) {
                        ps.setString(1, carrier.name());
                        ps.setString(2, carrierMessageId);
                        ps.setString(3, stat);
                        ps.setString(4, err);
                        ps.setTimestamp(5, doneAt == null ? null : ts(doneAt));
                        ps.executeUpdate();
                    }
                    return Optional.empty();
                }
                if (hasReceipt) {
                    return Optional.empty(); // a repeated receipt: the first one counted
                }
                // The part's row was committed between the update and the check (the receipt overtook the
                // recording of its submit_sm_resp by a moment): now it is visible, mark it.
                part = markPart(c, carrier, carrierMessageId, stat, err, doneAt);
                if (part == null) {
                    return Optional.empty();
                }
            }
            return settleIfComplete(c, (Long) part[0], (Timestamp) part[1]);
        } catch (SQLException e) {
            throw new IllegalStateException("applying a receipt of " + carrier + " failed", e);
        }
    }

    /** Sets the receipt of a recorded part that has none yet; returns its message id and acceptance time. */
    private Object[] markPart(
            Connection c, Carrier carrier, String carrierMessageId, String stat, String err, OffsetDateTime doneAt)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update message_part set receipt_stat = ?, receipt_err = ?,"
                + " receipt_at = coalesce(?, now()) where carrier = ? and carrier_message_id = ?"
                + " and receipt_stat is null returning message_id, accepted_at")) {
            ps.setString(1, stat);
            ps.setString(2, err);
            ps.setTimestamp(3, doneAt == null ? null : ts(doneAt));
            ps.setString(4, carrier.name());
            ps.setString(5, carrierMessageId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new Object[] {rs.getLong(1), rs.getTimestamp(2)} : null;
            }
        }
    }

    /** {@code null}: no part recorded with this id; else whether it already has its receipt. */
    private Boolean receiptRecorded(Connection c, Carrier carrier, String carrierMessageId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select receipt_stat is not null from message_part"
                + " where carrier = ? and carrier_message_id = ?")) {
            ps.setString(1, carrier.name());
            ps.setString(2, carrierMessageId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getBoolean(1) : null;
            }
        }
    }

    private Optional<ReceiptMatch> settleIfComplete(Connection c, long messageId, Timestamp acceptedAt)
            throws SQLException {
        // Receipts of a message's segments arrive concurrently. Locking the message row serialises them:
        // the last one to take the lock counts every other segment's receipt as committed, and settles.
        try (PreparedStatement lock =
                c.prepareStatement("select 1 from message where id = ? and accepted_at = ? for update")) {
            lock.setLong(1, messageId);
            lock.setTimestamp(2, acceptedAt);
            lock.executeQuery().close();
        }
        String sql = "select m.segments, count(p.receipt_stat),"
                + " count(*) filter (where p.receipt_stat = 'DELIVRD'),"
                + " count(*) filter (where p.receipt_stat = 'EXPIRED'),"
                + " max(p.receipt_stat) filter (where p.receipt_stat <> 'DELIVRD'),"
                + " max(p.receipt_err) filter (where p.receipt_stat <> 'DELIVRD')"
                + " from message m join message_part p on p.message_id = m.id and p.accepted_at = m.accepted_at"
                + " where m.id = ? and m.accepted_at = ? group by m.segments";
        int segments, received, delivered, expired;
        String badStat, badErr;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, messageId);
            ps.setTimestamp(2, acceptedAt);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                segments = rs.getInt(1);
                received = rs.getInt(2);
                delivered = rs.getInt(3);
                expired = rs.getInt(4);
                badStat = rs.getString(5);
                badErr = rs.getString(6);
            }
        }
        if (received < segments) {
            return Optional.empty();
        }
        MessageState target = delivered == segments
                ? MessageState.DELIVERED
                : expired > 0 && delivered == 0 ? MessageState.EXPIRED : MessageState.UNDELIVERED;
        String code = target == MessageState.DELIVERED ? null : "CARRIER_" + badStat;
        String detail = target == MessageState.DELIVERED
                ? null
                : "carrier receipt stat " + badStat + " err " + badErr + " (" + delivered + "/" + segments
                        + " segments delivered)";
        try (PreparedStatement ps = c.prepareStatement("update message set state = ?, final_at = now(),"
                + " delivered_segments = ?, lease_until = null, error_code = ?, error_detail = ?"
                + " where id = ? and accepted_at = ? and state in ('QUEUED', 'SUBMITTED')")) {
            ps.setString(1, target.name());
            ps.setInt(2, delivered);
            ps.setString(3, code);
            ps.setString(4, detail);
            ps.setLong(5, messageId);
            ps.setTimestamp(6, acceptedAt);
            if (ps.executeUpdate() == 0) {
                return Optional.empty();
            }
        }
        return Optional.of(new ReceiptMatch(messageId, odt(acceptedAt), target));
    }

    /** Receipts that overtook their submit response and whose parts are now recorded. */
    public List<PendingReceipt> matchablePendingReceipts(int limit) {
        String sql = "select r.carrier, r.carrier_message_id, r.stat, r.err, r.done_at from pending_receipt r"
                + " where exists (select 1 from message_part p where p.carrier = r.carrier"
                + " and p.carrier_message_id = r.carrier_message_id) limit ?";
        List<PendingReceipt> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new PendingReceipt(
                            Carrier.valueOf(rs.getString(1)),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getString(4),
                            odt(rs.getTimestamp(5))));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public void deletePendingReceipt(Carrier carrier, String carrierMessageId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "delete from pending_receipt where carrier = ? and carrier_message_id = ?")) {
            ps.setString(1, carrier.name());
            ps.setString(2, carrierMessageId);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Receipts that never matched a recorded submission (e.g. of an unrecorded first copy) are dropped after 3 days. */
    public int forgetStalePendingReceipts() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "delete from pending_receipt where received_at < now() - interval '3 days'")) {
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public record PendingReceipt(
            Carrier carrier, String carrierMessageId, String stat, String err, OffsetDateTime doneAt) {}

    public record LeasedMessage(long id, OffsetDateTime acceptedAt, Carrier carrier, short attempts) {}

    /** Queued messages whose lease ran out: their work unit was lost or their attempt failed. */
    public List<LeasedMessage> expiredLeases(int limit) {
        String sql = "select id, accepted_at, carrier, attempts from message where state = 'QUEUED'"
                + " and lease_until < now() and accepted_at > now() - interval '62 days'"
                + " order by lease_until limit ? for update skip locked";
        List<LeasedMessage> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new LeasedMessage(
                            rs.getLong(1), odt(rs.getTimestamp(2)), Carrier.valueOf(rs.getString(3)), rs.getShort(4)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Renews the lease of queued messages about to be put back on the queue, in one statement. */
    public void extendLeases(OffsetDateTime acceptedAt, long[] ids, Duration lease) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("update message set lease_until = clock_timestamp()"
                        + " + ? * interval '1 second' where accepted_at = ? and id = any(?)")) {
            ps.setLong(1, lease.toSeconds());
            ps.setTimestamp(2, ts(acceptedAt));
            ps.setArray(3, longArray(c, ids));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Messages still waiting for a receipt (or for a carrier) when their validity ended become EXPIRED. */
    public int expireOverdue() {
        String sql = "update message set state = 'EXPIRED', final_at = now(), lease_until = null,"
                + " error_code = coalesce(error_code, 'VALIDITY_ENDED'),"
                + " error_detail = coalesce(error_detail, 'no delivery receipt before the validity period ended')"
                + " where state in ('ACCEPTED', 'QUEUED', 'SUBMITTED') and validity_until < now()"
                + " and accepted_at > now() - interval '62 days'";
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Marks released jobs whose messages are all final as completed, with their hand-off time (R12.3). */
    public int completeFinishedJobs() {
        String sql = "update send_job j set state = 'COMPLETED', completed_at = now(),"
                + " handed_over_at = (select max(m.submitted_at) from message m where m.job_id = j.id"
                + " and m.accepted_at = j.accepted_at)"
                + " where j.state = 'RELEASED' and not exists (select 1 from message m where m.job_id = j.id"
                + " and m.accepted_at = j.accepted_at and m.state in ('ACCEPTED', 'SCHEDULED', 'QUEUED', 'SUBMITTED'))";
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public List<MessageView> messagesOfJob(
            long jobId, OffsetDateTime acceptedAt, MessageState state, int offset, int limit) {
        String sql = "select id, seq, msisdn_cipher, state, carrier, route_reason, segments, delivered_segments,"
                + " queued_at, submitted_at, final_at, error_code, error_detail, attempts from message"
                + " where job_id = ? and accepted_at = ?" + (state == null ? "" : " and state = ?")
                + " order by seq offset ? limit ?";
        List<MessageView> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            ps.setLong(i++, jobId);
            ps.setTimestamp(i++, ts(acceptedAt));
            if (state != null) {
                ps.setString(i++, state.name());
            }
            ps.setInt(i++, offset);
            ps.setInt(i, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new MessageView(
                            rs.getLong(1),
                            rs.getInt(2),
                            rs.getBytes(3),
                            MessageState.valueOf(rs.getString(4)),
                            rs.getString(5),
                            rs.getString(6),
                            rs.getInt(7),
                            rs.getInt(8),
                            odt(rs.getTimestamp(9)),
                            odt(rs.getTimestamp(10)),
                            odt(rs.getTimestamp(11)),
                            rs.getString(12),
                            rs.getString(13),
                            rs.getInt(14)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The carrier's id of every segment of these messages (one look-up for a page of them), in part order. */
    public Map<Long, List<String>> carrierIdsOf(List<Long> messageIds, OffsetDateTime acceptedAt) {
        Map<Long, List<String>> ids = new HashMap<>();
        if (messageIds.isEmpty()) {
            return ids;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select message_id, carrier_message_id from message_part"
                        + " where message_id = any(?) and accepted_at = ? order by message_id, part_no")) {
            Array array = c.createArrayOf("bigint", messageIds.toArray());
            ps.setArray(1, array);
            ps.setTimestamp(2, ts(acceptedAt));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2));
                }
            }
            array.free();
            return ids;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Ensures the monthly partitions exist ahead of time; cheap when they already do. */
    public int ensurePartitions(int monthsAhead) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select ensure_message_partitions(?)")) {
            ps.setInt(1, monthsAhead);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Array longArray(Connection c, long[] ids) throws SQLException {
        Long[] boxed = new Long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            boxed[i] = ids[i];
        }
        return c.createArrayOf("bigint", boxed);
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 300 ? s : s.substring(0, 300);
    }

    static Timestamp ts(OffsetDateTime t) {
        return Timestamp.from(t.toInstant());
    }

    static OffsetDateTime odt(Timestamp t) {
        return t == null ? null : t.toInstant().atZone(ZoneId.systemDefault()).toOffsetDateTime();
    }
}
