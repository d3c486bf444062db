package tw.gov.sms.quota.infrastructure.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import tw.gov.sms.quota.domain.InsufficientQuotaException;
import tw.gov.sms.quota.domain.LedgerKind;
import tw.gov.sms.quota.domain.QuotaBalance;

/**
 * The quota ledger and its running balances through plain JDBC, on the caller's connection (and so in
 * the caller's transaction). Every operation appends its entries and moves the balance rows by the same
 * amounts in one transaction; a reservation is decided under the lock of the agency's balance row, so the
 * row lock serialises concurrent reservations across instances and none can overspend. Locks are always
 * taken agency row first, then account row, so two operations never wait on each other in a cycle.
 *
 * <p>{@code accountId} 0 or null means the agency's own row.
 */
public class QuotaLedger {

    /** Who an entry is attributed to, for the ledger's {@code actor} column (e.g. {@code account:12}). */
    public record Entry(
            long id,
            long contractId,
            long agencyId,
            Long accountId,
            LedgerKind kind,
            long segments,
            Long jobId,
            Long orderId,
            java.time.OffsetDateTime createdAt,
            String actor,
            String note) {}

    /** A difference between the balance rows and the sums of the entries (should never exist). */
    public record Mismatch(long contractId, long agencyId, long accountId, String column, long balance, long entries) {}

    public void order(Connection c, long contractId, long agencyId, long orderId, long segments, String actor)
            throws SQLException {
        requirePositive(segments);
        append(c, contractId, agencyId, null, LedgerKind.ORDER, segments, null, orderId, actor, null);
        move(c, contractId, agencyId, 0, "ordered = ordered + ?", segments);
    }

    /**
     * Sets an account's allocation to {@code target}, appending the difference. An allocation cannot go
     * below what the account already holds reserved or has been charged.
     */
    public long allocate(Connection c, long contractId, long agencyId, long accountId, long target, String actor)
            throws SQLException {
        if (target < 0) {
            throw new IllegalArgumentException("allocation must not be negative: " + target);
        }
        ensureRow(c, contractId, agencyId, 0);
        lock(c, contractId, agencyId, 0);
        ensureRow(c, contractId, agencyId, accountId);
        QuotaBalance account = lock(c, contractId, agencyId, accountId);
        if (target < account.used()) {
            throw new InsufficientQuotaException(account.used() - account.allocated(), 0, account.allocationLeft());
        }
        long delta = target - account.allocated();
        if (delta != 0) {
            append(c, contractId, agencyId, accountId, LedgerKind.ALLOCATE, delta, null, null, actor, null);
            move(c, contractId, agencyId, accountId, "allocated = allocated + ?", delta);
        }
        return delta;
    }

    /**
     * Reserves {@code segments} for a job. The agency's quota must cover it; when {@code accountLimited}
     * (allocated mode) the account's allocation must too. Throws with the numbers when either is short.
     */
    public void reserve(
            Connection c,
            long contractId,
            long agencyId,
            Long accountId,
            boolean accountLimited,
            long jobId,
            long segments,
            String actor)
            throws SQLException {
        requirePositive(segments);
        // Agency row first, then account row, whether the reservation is granted or refused: an UPDATE whose
        // condition fails locks nothing, so a refusal decided that way would hold the account row without the
        // agency row, and a caller carrying on in its transaction could deadlock with another reservation.
        // Both rows locked also makes the numbers of a refusal consistent.
        ensureRow(c, contractId, agencyId, 0);
        long agencyLeft = lock(c, contractId, agencyId, 0).available();
        Long accountLeft = null;
        if (accountId != null && accountId != 0) {
            ensureRow(c, contractId, agencyId, accountId);
            QuotaBalance account = lock(c, contractId, agencyId, accountId);
            if (accountLimited) {
                accountLeft = account.allocationLeft();
            }
        }
        if (agencyLeft < segments || (accountLeft != null && accountLeft < segments)) {
            throw new InsufficientQuotaException(segments, agencyLeft, accountLeft);
        }
        move(c, contractId, agencyId, 0, "reserved = reserved + ?", segments);
        append(c, contractId, agencyId, null, LedgerKind.RESERVE, segments, jobId, null, actor, null);
        if (accountId != null && accountId != 0) {
            append(c, contractId, agencyId, accountId, LedgerKind.RESERVE, segments, jobId, null, actor, null);
            move(c, contractId, agencyId, accountId, "reserved = reserved + ?", segments);
        }
    }

    /**
     * Settles part of a job's reservation: {@code charged} delivered segments are billed and
     * {@code released} returned. After the contract has lapsed, what is released lapses at once.
     */
    public void settle(
            Connection c,
            long contractId,
            long agencyId,
            Long accountId,
            long jobId,
            long charged,
            long released,
            boolean contractLapsed)
            throws SQLException {
        if (charged < 0 || released < 0) {
            throw new IllegalArgumentException("settlement amounts must not be negative");
        }
        if (charged + released == 0) {
            return;
        }
        boolean withAccount = accountId != null && accountId != 0;
        lock(c, contractId, agencyId, 0);
        if (withAccount) {
            lock(c, contractId, agencyId, accountId);
        }
        for (Long holder : withAccount ? List.of(0L, accountId) : List.of(0L)) {
            Long entryAccount = holder == 0 ? null : holder;
            if (charged > 0) {
                append(c, contractId, agencyId, entryAccount, LedgerKind.CHARGE, charged, jobId, null, "system", null);
            }
            if (released > 0) {
                append(
                        c,
                        contractId,
                        agencyId,
                        entryAccount,
                        LedgerKind.RELEASE,
                        released,
                        jobId,
                        null,
                        "system",
                        null);
            }
            moveSettlement(c, contractId, agencyId, holder, charged, released);
        }
        if (contractLapsed && released > 0) {
            append(
                    c,
                    contractId,
                    agencyId,
                    null,
                    LedgerKind.LAPSE,
                    released,
                    jobId,
                    null,
                    "system",
                    "released after the contract's end");
            move(c, contractId, agencyId, 0, "lapsed = lapsed + ?", released);
        }
    }

    /** Lapses what the agency has not used nor reserved under the contract; returns the segments lapsed. */
    public long lapse(Connection c, long contractId, long agencyId, String actor) throws SQLException {
        ensureRow(c, contractId, agencyId, 0);
        QuotaBalance agency = lock(c, contractId, agencyId, 0);
        long rest = agency.available();
        if (rest > 0) {
            append(c, contractId, agencyId, null, LedgerKind.LAPSE, rest, null, null, actor, "contract ended");
            move(c, contractId, agencyId, 0, "lapsed = lapsed + ?", rest);
        }
        return rest;
    }

    public QuotaBalance balance(Connection c, long contractId, long agencyId, Long accountId) throws SQLException {
        return read(c, contractId, agencyId, accountId == null ? 0 : accountId);
    }

    public List<Entry> entries(Connection c, long agencyId, int limit) throws SQLException {
        List<Entry> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "select id, contract_id, agency_id, account_id, kind, segments, job_id, order_id, created_at, actor,"
                        + " note from quota_ledger where agency_id = ? order by id desc limit ?")) {
            ps.setLong(1, agencyId);
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Entry(
                            rs.getLong(1),
                            rs.getLong(2),
                            rs.getLong(3),
                            rs.getObject(4, Long.class),
                            LedgerKind.valueOf(rs.getString(5)),
                            rs.getLong(6),
                            rs.getObject(7, Long.class),
                            rs.getObject(8, Long.class),
                            rs.getObject(9, java.time.OffsetDateTime.class),
                            rs.getString(10),
                            rs.getString(11)));
                }
            }
        }
        return out;
    }

    /**
     * Recomputes every balance from the entries and returns the differences: empty when the running
     * sums are exactly the ledger's. Also reports any negative balance or overdrawn agency.
     */
    public List<Mismatch> verify(Connection c) throws SQLException {
        String sums = "select contract_id, agency_id, coalesce(account_id, 0) as account_id,"
                + " sum(segments) filter (where kind = 'ORDER') as ordered,"
                + " sum(segments) filter (where kind = 'ALLOCATE') as allocated,"
                + " sum(case kind when 'RESERVE' then segments when 'CHARGE' then -segments"
                + " when 'RELEASE' then -segments end) as reserved,"
                + " sum(segments) filter (where kind = 'CHARGE') as charged,"
                + " sum(segments) filter (where kind = 'LAPSE') as lapsed"
                + " from quota_ledger group by 1, 2, 3";
        String sql = "select coalesce(b.contract_id, e.contract_id), coalesce(b.agency_id, e.agency_id),"
                + " coalesce(b.account_id, e.account_id),"
                + " coalesce(b.ordered, 0), coalesce(e.ordered, 0), coalesce(b.allocated, 0), coalesce(e.allocated, 0),"
                + " coalesce(b.reserved, 0), coalesce(e.reserved, 0), coalesce(b.charged, 0), coalesce(e.charged, 0),"
                + " coalesce(b.lapsed, 0), coalesce(e.lapsed, 0)"
                + " from quota_balance b full join (" + sums + ") e on e.contract_id = b.contract_id"
                + " and e.agency_id = b.agency_id and e.account_id = b.account_id";
        String[] columns = {"ordered", "allocated", "reserved", "charged", "lapsed"};
        List<Mismatch> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long contract = rs.getLong(1);
                long agency = rs.getLong(2);
                long account = rs.getLong(3);
                long[] balance = new long[5];
                for (int i = 0; i < columns.length; i++) {
                    balance[i] = rs.getLong(4 + 2 * i);
                    long entries = rs.getLong(5 + 2 * i);
                    if (balance[i] != entries) {
                        out.add(new Mismatch(contract, agency, account, columns[i], balance[i], entries));
                    }
                    if (balance[i] < 0 && !"allocated".equals(columns[i])) {
                        out.add(new Mismatch(contract, agency, account, columns[i] + " negative", balance[i], 0));
                    }
                }
                long available = balance[0] - balance[4] - balance[2] - balance[3];
                if (account == 0 && available < 0) {
                    out.add(new Mismatch(contract, agency, account, "available negative", available, 0));
                }
            }
        }
        return out;
    }

    private static void moveSettlement(
            Connection c, long contractId, long agencyId, long accountId, long charged, long released)
            throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("update quota_balance set reserved = reserved - ?, charged = charged + ?"
                        + " where contract_id = ? and agency_id = ? and account_id = ?")) {
            ps.setLong(1, charged + released);
            ps.setLong(2, charged);
            ps.setLong(3, contractId);
            ps.setLong(4, agencyId);
            ps.setLong(5, accountId);
            if (ps.executeUpdate() != 1) {
                throw new IllegalStateException("no quota balance to settle for contract " + contractId + ", agency "
                        + agencyId + ", account " + accountId);
            }
        }
    }

    private static void append(
            Connection c,
            long contractId,
            long agencyId,
            Long accountId,
            LedgerKind kind,
            long segments,
            Long jobId,
            Long orderId,
            String actor,
            String note)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into quota_ledger (contract_id, agency_id, account_id,"
                + " kind, segments, job_id, order_id, actor, note) values (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setLong(1, contractId);
            ps.setLong(2, agencyId);
            setLong(ps, 3, accountId);
            ps.setString(4, kind.name());
            ps.setLong(5, segments);
            setLong(ps, 6, jobId);
            setLong(ps, 7, orderId);
            ps.setString(8, actor);
            ps.setString(9, note);
            ps.executeUpdate();
        }
    }

    private static void move(Connection c, long contractId, long agencyId, long accountId, String set, long amount)
            throws SQLException {
        ensureRow(c, contractId, agencyId, accountId);
        try (PreparedStatement ps = c.prepareStatement(
                "update quota_balance set " + set + " where contract_id = ? and agency_id = ? and account_id = ?")) {
            ps.setLong(1, amount);
            ps.setLong(2, contractId);
            ps.setLong(3, agencyId);
            ps.setLong(4, accountId);
            ps.executeUpdate();
        }
    }

    private static void ensureRow(Connection c, long contractId, long agencyId, long accountId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into quota_balance (contract_id, agency_id, account_id)"
                + " values (?, ?, ?) on conflict do nothing")) {
            ps.setLong(1, contractId);
            ps.setLong(2, agencyId);
            ps.setLong(3, accountId);
            ps.executeUpdate();
        }
    }

    private static QuotaBalance lock(Connection c, long contractId, long agencyId, long accountId) throws SQLException {
        return select(c, contractId, agencyId, accountId, " for update");
    }

    private static QuotaBalance read(Connection c, long contractId, long agencyId, long accountId) throws SQLException {
        return select(c, contractId, agencyId, accountId, "");
    }

    private static QuotaBalance select(Connection c, long contractId, long agencyId, long accountId, String suffix)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select ordered, allocated, reserved, charged, lapsed"
                + " from quota_balance where contract_id = ? and agency_id = ? and account_id = ?" + suffix)) {
            ps.setLong(1, contractId);
            ps.setLong(2, agencyId);
            ps.setLong(3, accountId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return QuotaBalance.EMPTY;
                }
                return new QuotaBalance(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5));
            }
        }
    }

    private static void setLong(PreparedStatement ps, int index, Long value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.BIGINT);
        } else {
            ps.setLong(index, value);
        }
    }

    private static void requirePositive(long segments) {
        if (segments <= 0) {
            throw new IllegalArgumentException("segments must be positive: " + segments);
        }
    }
}
