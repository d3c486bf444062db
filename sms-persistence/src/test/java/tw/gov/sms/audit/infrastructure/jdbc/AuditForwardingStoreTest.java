package tw.gov.sms.audit.infrastructure.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tw.gov.sms.audit.domain.ActorKind;
import tw.gov.sms.audit.domain.AuditChain;
import tw.gov.sms.audit.domain.AuditEvent;
import tw.gov.sms.audit.domain.ChainedEvent;
import tw.gov.sms.audit.domain.Outcome;

/**
 * The forwarding mark and the outage rows against a real PostgreSQL (embedded, random free port) holding the V5
 * audit tables and V14, recreated before each test.
 */
class AuditForwardingStoreTest {

    private static final Instant T0 = Instant.parse("2026-03-01T02:03:04.123456Z");

    private static EmbeddedPostgres postgres;
    private static DataSource db;
    private static String v5;
    private static String v14;

    private final AuditLog log = new AuditLog();
    private final AuditForwardingStore store = new AuditForwardingStore();

    @BeforeAll
    static void startPostgres() throws IOException {
        postgres = EmbeddedPostgres.builder()
                .setPGStartupWait(Duration.ofSeconds(60))
                .start();
        db = postgres.getPostgresDatabase();
        v5 = resource("/db/migration/V5__audit_trail.sql");
        v14 = resource("/db/migration/V14__audit_forwarding.sql");
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        postgres.close();
    }

    @BeforeEach
    void freshTables() throws SQLException {
        try (Connection c = db.getConnection();
                Statement s = c.createStatement()) {
            s.execute("drop schema if exists public cascade");
            s.execute("create schema public");
            s.execute(v5);
            s.execute(v14);
        }
    }

    @Test
    void readsBatchesAfterTheMarkInOrderWithBothHashes() throws SQLException {
        append(5);
        try (Connection c = db.getConnection()) {
            List<ChainedEvent> first = store.after(c, 0, 3);
            assertThat(first).extracting(ChainedEvent::seq).containsExactly(1L, 2L, 3L);
            assertThat(first.get(0).prevHash()).isEqualTo(AuditChain.hex(AuditChain.genesis()));
            assertThat(first.get(1).prevHash()).isEqualTo(first.get(0).hash());
            assertThat(first.get(2).event().actorName()).isEqualTo("王小明 3");
            assertThat(store.after(c, 3, 3)).extracting(ChainedEvent::seq).containsExactly(4L, 5L);
            assertThat(store.after(c, 5, 3)).isEmpty();
        }
    }

    @Test
    void theMarkMovesOnlyWhenTheTransactionCommits() throws SQLException {
        append(4);
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            assertThat(store.lock(c)).contains(0L);
            store.forwarded(c, 4, T0);
            c.rollback(); // the commit failed after the send: the batch goes again (at least once)
            assertThat(store.lock(c)).contains(0L);
            store.forwarded(c, 2, T0);
            c.commit();
        }
        try (Connection c = db.getConnection()) {
            AuditForwardingStore.Status s = store.status(c);
            assertThat(s.forwardedSeq()).isEqualTo(2);
            assertThat(s.headSeq()).isEqualTo(4);
            assertThat(s.pending()).isEqualTo(2);
            assertThat(s.oldestPendingAt()).isEqualTo(T0.plusSeconds(3));
            assertThat(s.watchSeq()).isZero();
            assertThat(s.forwardedAt()).isEqualTo(T0);
        }
    }

    @Test
    void oneInstanceForwardsAtATimeAndTheOthersSkip() throws SQLException {
        try (Connection a = db.getConnection();
                Connection b = db.getConnection()) {
            a.setAutoCommit(false);
            b.setAutoCommit(false);
            assertThat(store.lock(a)).contains(0L);
            assertThat(store.lock(b)).as("skipped, not waiting").isEqualTo(Optional.empty());
            a.commit();
            assertThat(store.lock(b)).contains(0L);
            b.commit();
        }
    }

    @Test
    void theMarkNeverMovesBack() throws SQLException {
        try (Connection c = db.getConnection()) {
            store.forwarded(c, 3, T0);
            assertThatThrownBy(() -> store.forwarded(c, 2, T0)).isInstanceOf(SQLException.class);
            try (Statement s = c.createStatement()) {
                assertThatThrownBy(() -> s.execute("delete from audit_forwarding"))
                        .isInstanceOf(SQLException.class);
            }
        }
    }

    @Test
    void failuresKeepTheirStartAndASuccessEndsThem() throws SQLException {
        append(1);
        try (Connection c = db.getConnection()) {
            store.failed(c, T0, "connection refused");
            store.failed(c, T0.plusSeconds(10), "connection reset");
            AuditForwardingStore.Status s = store.status(c);
            assertThat(s.failingSince()).isEqualTo(T0);
            assertThat(s.lastError()).isEqualTo("connection reset");
            store.forwarded(c, 1, T0.plusSeconds(20));
            s = store.status(c);
            assertThat(s.failingSince()).isNull();
            assertThat(s.lastError()).isNull();
            assertThat(s.pending()).isZero();
        }
    }

    @Test
    void lagCountsFromWhenTheForwarderSawTheEventsNotFromWhenTheyHappened() throws SQLException {
        append(3); // happened at T0 + 1..3 s, seen by the forwarder only an hour later (a long transaction)
        Duration alertAfter = Duration.ofSeconds(300);
        Instant seen = T0.plusSeconds(3600);
        try (Connection c = db.getConnection()) {
            AuditForwardingStore.Status s = store.status(c);
            assertThat(s.watchDone()).as("nothing watched yet").isTrue();
            assertThat(s.lag(seen)).isZero();
            store.watch(c, s.headSeq(), seen);
            s = store.status(c);
            assertThat(s.watchSeq()).isEqualTo(3);
            assertThat(s.watchDone()).isFalse();
            assertThat(s.lag(seen.plusSeconds(100))).isEqualTo(Duration.ofSeconds(100));
            assertThat(s.lagging(alertAfter, seen.plusSeconds(300))).isFalse();
            assertThat(s.lagging(alertAfter, seen.plusSeconds(301))).isTrue();

            store.forwarded(c, 2, seen.plusSeconds(400));
            assertThat(store.status(c).lagging(alertAfter, seen.plusSeconds(401)))
                    .as("too slow: event 3 is still short")
                    .isTrue();
            store.forwarded(c, 3, seen.plusSeconds(402));
            s = store.status(c);
            assertThat(s.watchDone()).isTrue();
            assertThat(s.lagging(alertAfter, seen.plusSeconds(3600)))
                    .as("nothing pending")
                    .isFalse();
        }
    }

    @Test
    void anOutageIsOpenedAndClosedOnceAcrossInstances() throws SQLException {
        try (Connection c = db.getConnection()) {
            assertThat(store.openForwardOutage(c, T0)).isTrue();
            assertThat(store.openForwardOutage(c, T0.plusSeconds(2)))
                    .as("already open: no second mail")
                    .isFalse();
            assertThat(store.status(c).forwardOutageSince()).isEqualTo(T0);
            assertThat(store.closeForwardOutage(c)).isTrue();
            assertThat(store.closeForwardOutage(c)).isFalse();
            assertThat(store.openForwardOutage(c, T0.plusSeconds(60)))
                    .as("a new outage after recovery")
                    .isTrue();
        }
    }

    @Test
    void aWriteOutageClosesOnlyAfterAQuietPeriod() throws SQLException {
        try (Connection c = db.getConnection()) {
            assertThat(store.writeFailed(c, T0, "pool exhausted")).isTrue();
            assertThat(store.writeFailed(c, T0.plusSeconds(30), "pool exhausted"))
                    .isFalse();
            assertThat(store.writeFailed(c, T0.plusSeconds(10), "late report")).isFalse();
            AuditForwardingStore.Status s = store.status(c);
            assertThat(s.writeOutageSince()).isEqualTo(T0);
            assertThat(s.writeFailedAt()).as("the latest failure wins").isEqualTo(T0.plusSeconds(30));
            assertThat(store.closeWriteOutage(c, T0.plusSeconds(30))).isFalse();
            assertThat(store.closeWriteOutage(c, T0.plusSeconds(31))).isTrue();
            assertThat(store.status(c).writeOutageSince()).isNull();
        }
    }

    private void append(int n) throws SQLException {
        try (Connection c = db.getConnection()) {
            for (int i = 1; i <= n; i++) {
                log.append(
                        c,
                        new AuditEvent(
                                T0.plusSeconds(i),
                                ActorKind.USER,
                                (long) i,
                                "王小明 " + i,
                                "USER",
                                1L,
                                2L,
                                "LOGIN",
                                "account:" + i,
                                "192.0.2.1",
                                Outcome.SUCCESS,
                                null));
            }
        }
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = AuditForwardingStoreTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
