package tw.gov.sms.quota.infrastructure.jdbc;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * An embedded PostgreSQL (random free port) migrated with every Flyway migration, and fresh agencies
 * with their own contract and accounts, so that each test or try only looks at rows of its own agency.
 */
final class QuotaLedgerTestDb implements AutoCloseable {

    /** One agency with its contract and accounts (all users of one group). */
    record Agency(long id, long contractId, long[] accounts) {}

    private static final AtomicLong SEQ = new AtomicLong(System.nanoTime() % 1_000_000);

    private final EmbeddedPostgres postgres;
    final DataSource db;

    private QuotaLedgerTestDb(EmbeddedPostgres postgres) {
        this.postgres = postgres;
        this.db = postgres.getPostgresDatabase();
    }

    static QuotaLedgerTestDb start() throws IOException {
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setPGStartupWait(Duration.ofSeconds(60))
                .start();
        QuotaLedgerTestDb testDb = new QuotaLedgerTestDb(postgres);
        Flyway flyway = Flyway.configure()
                .dataSource(testDb.db)
                .locations("classpath:db/migration")
                .cleanDisabled(false)
                .load();
        flyway.clean();
        flyway.migrate();
        return testDb;
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }

    /** A new agency, a contract of its own and {@code accounts} user accounts; committed. */
    Agency newAgency(int accounts) throws SQLException {
        long n = SEQ.incrementAndGet();
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            long agency = insert(
                    c,
                    "insert into agency (code, name, display_name) values (?, ?, ?) returning id",
                    "Q" + n,
                    "測試機關 " + n,
                    "測試" + n);
            long group = insert(
                    c, "insert into account_group (agency_id, name) values (?, ?) returning id", agency, "group " + n);
            long contract = insert(
                    c,
                    "insert into contract (code, name, starts_on, ends_on, unit_price) values (?, ?, ?, ?, ?)"
                            + " returning id",
                    "C" + n,
                    "共契 " + n,
                    LocalDate.of(2025, 1, 1),
                    LocalDate.of(2025, 12, 31),
                    new BigDecimal("0.8"));
            long[] ids = new long[accounts];
            for (int i = 0; i < accounts; i++) {
                ids[i] = insert(
                        c,
                        "insert into account (username, display_name, email, role, agency_id, group_id,"
                                + " password_hash) values (?, ?, ?, 'USER', ?, ?, 'x') returning id",
                        "quota-" + n + "-" + i,
                        "user " + i,
                        "u" + i + "@example.gov.tw",
                        agency,
                        group);
            }
            c.commit();
            return new Agency(agency, contract, ids);
        }
    }

    /** Places an order (quota_order row and ORDER entry) in the caller's transaction. */
    static void order(Connection c, QuotaLedger ledger, Agency a, long segments) throws SQLException {
        long orderId = insert(
                c,
                "insert into quota_order (contract_id, agency_id, order_no, ordered_on, segments, amount)"
                        + " values (?, ?, ?, ?, ?, ?) returning id",
                a.contractId(),
                a.id(),
                "O" + SEQ.incrementAndGet(),
                LocalDate.of(2025, 2, 1),
                segments,
                new BigDecimal("0.8").multiply(BigDecimal.valueOf(segments)));
        ledger.order(c, a.contractId(), a.id(), orderId, segments, "test");
    }

    /** Sum of the agency's entries per account (0 for the agency's own rows) and kind, e.g. {@code "0:RESERVE"}. */
    static Map<String, Long> sums(Connection c, long agencyId) throws SQLException {
        Map<String, Long> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("select coalesce(account_id, 0), kind, sum(segments)"
                + " from quota_ledger where agency_id = ? group by 1, 2")) {
            ps.setLong(1, agencyId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getLong(1) + ":" + rs.getString(2), rs.getLong(3));
                }
            }
        }
        return out;
    }

    /** Number of the agency's entries of one kind (agency rows and account rows alike). */
    static long count(Connection c, long agencyId, Long accountId, String kind) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select count(*) from quota_ledger where agency_id = ?"
                + " and coalesce(account_id, 0) = ? and kind = ?")) {
            ps.setLong(1, agencyId);
            ps.setLong(2, accountId == null ? 0 : accountId);
            ps.setString(3, kind);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    static long insert(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
