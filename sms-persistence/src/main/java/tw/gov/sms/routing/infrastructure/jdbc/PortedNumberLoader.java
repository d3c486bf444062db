package tw.gov.sms.routing.infrastructure.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import tw.gov.sms.routing.domain.Carrier;
import tw.gov.sms.routing.domain.PortedNumberIndex;

/**
 * Reads the stored set of ported numbers ({@code ported_number}) into a {@link PortedNumberIndex}: what every
 * instance does at start-up and after each applied import. Plain JDBC on a connection the caller owns, so the
 * application service and the benchmark ({@code ./sms bench routing-load}) run the same code.
 *
 * <p>The builder is sized from {@code ported_total} of the latest applied {@code np_import}, so the 10-million-row
 * load never grows its array; the rows stream in fetches of 50,000 (PostgreSQL keeps a cursor only inside a
 * transaction), so the driver never holds the whole result. Measured figures: {@code docs/benchmarks.md}.
 */
public final class PortedNumberLoader {

    private static final int FETCH_SIZE = 50_000;

    private PortedNumberLoader() {}

    /**
     * The index of every row of {@code ported_number}. Runs in its own transaction on {@code c} and restores the
     * connection's auto-commit setting.
     */
    public static PortedNumberIndex load(Connection c) throws SQLException {
        int expected;
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "select ported_total from np_import where state = 'APPLIED'" + " order by id desc limit 1")) {
            expected = rs.next() ? rs.getInt(1) : 1024;
        }
        PortedNumberIndex.Builder builder = PortedNumberIndex.builder(Math.max(expected, 16));
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false); // PostgreSQL streams with a fetch size only inside a transaction
        try (PreparedStatement ps = c.prepareStatement("select number_key, carrier from ported_number")) {
            ps.setFetchSize(FETCH_SIZE);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    builder.add(rs.getInt(1), Carrier.valueOf(rs.getString(2)));
                }
            }
        } finally {
            c.commit();
            c.setAutoCommit(autoCommit);
        }
        return builder.build();
    }
}
