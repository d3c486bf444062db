package tw.gov.sms.quota.infrastructure.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.util.PSQLException;
import tw.gov.sms.quota.domain.QuotaBalance;

/** quota_ledger rows can be added, never changed or removed: the V9 triggers refuse with their own error. */
class QuotaLedgerAppendOnlyTest {

    private static QuotaLedgerTestDb testDb;
    private static QuotaLedgerTestDb.Agency agency;

    private final QuotaLedger ledger = new QuotaLedger();

    @BeforeAll
    static void startPostgres() throws IOException, SQLException {
        testDb = QuotaLedgerTestDb.start();
        agency = testDb.newAgency(1);
        try (Connection c = testDb.db.getConnection()) {
            c.setAutoCommit(false);
            QuotaLedger ledger = new QuotaLedger();
            QuotaLedgerTestDb.order(c, ledger, agency, 100);
            ledger.reserve(c, agency.contractId(), agency.id(), agency.accounts()[0], false, 1, 10, "test");
            c.commit();
        }
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        testDb.close();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "update quota_ledger set segments = segments + 1",
                "update quota_ledger set note = 'changed' where kind = 'ORDER'",
                "delete from quota_ledger",
                "delete from quota_ledger where kind = 'RESERVE'",
                "truncate quota_ledger",
                "truncate quota_ledger cascade"
            })
    void refusesToChangeOrRemoveEntries(String sql) throws SQLException {
        try (Connection c = testDb.db.getConnection();
                Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.execute(sql))
                    .isInstanceOf(PSQLException.class)
                    .hasMessageContaining("quota_ledger is append-only")
                    .satisfies(
                            e -> assertThat(((PSQLException) e).getSQLState()).isEqualTo("42501"));
        }
        try (Connection c = testDb.db.getConnection()) {
            assertThat(QuotaLedgerTestDb.sums(c, agency.id()))
                    .containsEntry("0:ORDER", 100L)
                    .containsEntry("0:RESERVE", 10L)
                    .containsEntry(agency.accounts()[0] + ":RESERVE", 10L)
                    .hasSize(3);
            assertThat(ledger.balance(c, agency.contractId(), agency.id(), null))
                    .isEqualTo(new QuotaBalance(100, 0, 10, 0, 0));
            assertThat(ledger.verify(c)).isEmpty();
        }
    }
}
