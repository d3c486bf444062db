package tw.gov.sms.audit.infrastructure.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tw.gov.sms.audit.domain.ActorKind;
import tw.gov.sms.audit.domain.AuditChain;
import tw.gov.sms.audit.domain.AuditEvent;
import tw.gov.sms.audit.domain.AuditQuery;
import tw.gov.sms.audit.domain.Outcome;
import tw.gov.sms.audit.domain.StoredEvent;

/**
 * The audit log against a real PostgreSQL (embedded, random free port, one per class) holding only the
 * V5 audit tables, recreated before each test. Tampering is done as an attacker with database rights
 * would: triggers switched off, rows changed or removed.
 */
class AuditLogTest {

    private static final Instant T0 = Instant.parse("2025-03-01T02:03:04.123456Z");

    private static EmbeddedPostgres postgres;
    private static DataSource db;
    private static String v5;

    private final AuditLog log = new AuditLog();

    @BeforeAll
    static void startPostgres() throws IOException {
        postgres = EmbeddedPostgres.builder()
                .setPGStartupWait(Duration.ofSeconds(60))
                .start();
        db = postgres.getPostgresDatabase();
        try (InputStream in = AuditLog.class.getResourceAsStream("/db/migration/V5__audit_trail.sql")) {
            v5 = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        postgres.close();
    }

    @BeforeEach
    void freshAuditTables() throws SQLException {
        sql("drop schema if exists public cascade", "create schema public", v5);
    }

    // ---------------------------------------------------------------- append and verify

    @Test
    void anEmptyChainIsIntact() throws SQLException {
        assertThat(verify()).isEqualTo(new AuditLog.Verification(true, 0, null, null));
    }

    @Test
    void appendsNumberedEventsThatVerify() throws SQLException {
        List<Long> seqs = appendFive();

        assertThat(seqs).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(verify()).isEqualTo(new AuditLog.Verification(true, 5, null, null));
        try (Connection c = db.getConnection()) {
            AuditLog.Head head = AuditLog.head(c);
            assertThat(head.lastSeq()).isEqualTo(5);
            assertThat(AuditChain.hex(head.lastHash()))
                    .isEqualTo(log.search(c, AuditQuery.all()).get(0).hash());
        }
    }

    @Test
    void readsBackExactlyWhatWasHashed() throws SQLException {
        AuditEvent e = new AuditEvent(
                T0.plusNanos(789),
                ActorKind.USER,
                7L,
                "王小明",
                "GROUP_ADMIN",
                3L,
                5L,
                "RECORD_READ",
                "send_job:42 😀",
                "2001:db8::1",
                Outcome.SUCCESS,
                "line 1\nline 2 \"quoted\" " + "長".repeat(1200));
        long seq = append(e);

        try (Connection c = db.getConnection()) {
            StoredEvent stored = log.search(c, AuditQuery.all()).get(0);
            assertThat(stored.seq()).isEqualTo(seq);
            assertThat(stored.event()).isEqualTo(e);
            assertThat(stored.event().occurredAt()).isEqualTo(T0);
            assertThat(stored.event().detail()).hasSize(1000);
            assertThat(stored.hash()).isEqualTo(AuditChain.hex(AuditChain.hash(AuditChain.genesis(), 1, e)));
        }
        assertThat(verify().intact()).isTrue();
    }

    @Test
    void anEventIsPartOfTheCallersTransaction() throws SQLException {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            assertThat(log.append(c, event(1))).isEqualTo(1);
            c.rollback();
            assertThat(count(c)).isZero();
            assertThat(log.append(c, event(2))).isEqualTo(1); // the rolled-back number is reused: no gap
            c.commit();
        }
        assertThat(verify()).isEqualTo(new AuditLog.Verification(true, 1, null, null));
    }

    @Test
    void verifiesInsideACallersTransactionToo() throws SQLException {
        appendFive();
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            assertThat(log.verify(c).intact()).isTrue();
            c.rollback();
        }
    }

    @Test
    void concurrentAppendersFromSeparateConnectionsBuildOneGaplessChain() throws Exception {
        int threads = 8;
        int perThread = 40;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<Long>>> results = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                int thread = t;
                Callable<List<Long>> appender = () -> {
                    List<Long> mine = new ArrayList<>();
                    try (Connection c = db.getConnection()) {
                        c.setAutoCommit(false);
                        start.await();
                        for (int i = 0; i < perThread; i++) {
                            mine.add(log.append(c, event(thread * 1000 + i)));
                            c.commit();
                        }
                    }
                    return mine;
                };
                results.add(pool.submit(appender));
            }
            start.countDown();
            List<Long> all = new ArrayList<>();
            for (Future<List<Long>> f : results) {
                List<Long> mine = f.get();
                assertThat(mine).isSorted();
                all.addAll(mine);
            }
            Collections.sort(all);
            assertThat(all)
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, threads * perThread)
                            .boxed()
                            .toList());
        } finally {
            pool.shutdownNow();
        }
        assertThat(verify()).isEqualTo(new AuditLog.Verification(true, threads * perThread, null, null));
    }

    // ---------------------------------------------------------------- the triggers

    @Test
    void refusesUpdateDeleteAndTruncate() throws SQLException {
        appendFive();

        assertThatThrownBy(() -> sql("update audit_event set detail = 'nothing happened' where seq = 3"))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("audit_event is append-only");
        assertThatThrownBy(() -> sql("delete from audit_event where seq = 3"))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("audit_event is append-only");
        assertThatThrownBy(() -> sql("truncate audit_event"))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("audit_event is append-only");
        assertThat(verify()).isEqualTo(new AuditLog.Verification(true, 5, null, null));
    }

    @Test
    void theHeadOnlyMovesForwardOneEventAtATime() throws SQLException {
        appendFive();

        assertThatThrownBy(() -> sql("update audit_chain_head set last_seq = 4"))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("only moves forward");
        assertThatThrownBy(() -> sql("update audit_chain_head set last_seq = 7"))
                .isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> sql("delete from audit_chain_head")).isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> sql("truncate audit_chain_head")).isInstanceOf(SQLException.class);
    }

    // ---------------------------------------------------------------- tampering by someone with database rights

    @Test
    void detectsAnEditedEvent() throws SQLException {
        appendFive();
        sql(
                "alter table audit_event disable trigger user",
                "update audit_event set detail = 'nothing to see' where seq = 3");

        AuditLog.Verification v = verify();

        assertThat(v.intact()).isFalse();
        assertThat(v.firstBrokenSeq()).isEqualTo(3);
        assertThat(v.eventsChecked()).isEqualTo(2);
        assertThat(v.problem())
                .isEqualTo("event 3: hash does not match its contents (edited?) / 第 3 筆事件的雜湊與內容不符（可能遭竄改）");
    }

    @Test
    void detectsAnEditedTimeEvenByOneMicrosecond() throws SQLException {
        appendFive();
        sql("set session_replication_role = replica; "
                + "update audit_event set occurred_at = occurred_at + interval '1 microsecond' where seq = 2");

        assertThat(verify().firstBrokenSeq()).isEqualTo(2);
    }

    @Test
    void detectsAnEditedEventWhoseHashWasRecomputed() throws SQLException {
        appendFive();
        AuditEvent forged;
        byte[] prev;
        try (Connection c = db.getConnection()) {
            List<StoredEvent> events = log.search(c, AuditQuery.all());
            StoredEvent third = events.get(2);
            AuditEvent e = third.event();
            forged = new AuditEvent(
                    e.occurredAt(),
                    e.actorKind(),
                    e.actorId(),
                    e.actorName(),
                    e.role(),
                    e.agencyId(),
                    e.groupId(),
                    e.action(),
                    e.target(),
                    e.sourceAddress(),
                    Outcome.DENIED,
                    e.detail());
            prev = java.util.HexFormat.of().parseHex(events.get(3).hash()); // event 2's hash
        }
        try (Connection c = db.getConnection();
                Statement s = c.createStatement();
                PreparedStatement ps =
                        c.prepareStatement("update audit_event set outcome = 'DENIED', hash = ? where seq = 3")) {
            s.execute("set session_replication_role = replica");
            ps.setBytes(1, AuditChain.hash(prev, 3, forged));
            ps.executeUpdate();
        }

        AuditLog.Verification v = verify();

        assertThat(v.firstBrokenSeq()).isEqualTo(4);
        assertThat(v.problem()).startsWith("event 4: does not link to the event before it");
    }

    @Test
    void detectsADeletedEventInTheMiddle() throws SQLException {
        appendFive();
        sql("set session_replication_role = replica; delete from audit_event where seq = 3");

        AuditLog.Verification v = verify();

        assertThat(v.firstBrokenSeq()).isEqualTo(3);
        assertThat(v.eventsChecked()).isEqualTo(2);
        assertThat(v.problem()).isEqualTo("event 3 is missing (deleted?) / 第 3 筆事件遺失（可能遭刪除）");
    }

    @Test
    void detectsADeletedFirstEvent() throws SQLException {
        appendFive();
        sql("set session_replication_role = replica; delete from audit_event where seq = 1");

        assertThat(verify().firstBrokenSeq()).isEqualTo(1);
    }

    @Test
    void detectsEventsDeletedFromTheEnd() throws SQLException {
        appendFive();
        sql("set session_replication_role = replica; delete from audit_event where seq >= 4");

        AuditLog.Verification v = verify();

        assertThat(v.firstBrokenSeq()).isEqualTo(4);
        assertThat(v.eventsChecked()).isEqualTo(3);
        assertThat(v.problem()).startsWith("the chain head records 5 events but the last event is 3");
    }

    @Test
    void detectsTheLastEventDeletedAndTheHeadNumberReset() throws SQLException {
        appendFive();
        sql("set session_replication_role = replica; delete from audit_event where seq = 5; "
                + "update audit_chain_head set last_seq = 4");

        AuditLog.Verification v = verify();

        assertThat(v.firstBrokenSeq()).isEqualTo(4);
        assertThat(v.problem()).startsWith("the chain head does not match event 4");
    }

    /**
     * The limit of a chain kept inside the database it protects: removing the newest events and resetting
     * the head consistently leaves a valid, shorter chain. Only a head noted outside the database (the
     * check prints it) reveals the cut.
     */
    @Test
    void aConsistentCutAtTheEndIsOnlyVisibleAgainstAHeadNotedElsewhere() throws SQLException {
        appendFive();
        String noted = checkOutput()
                .lines()
                .filter(l -> l.startsWith("head:"))
                .findFirst()
                .orElseThrow();
        sql("set session_replication_role = replica; delete from audit_event where seq = 5; "
                + "update audit_chain_head set last_seq = 4, last_hash = (select hash from audit_event where seq = 4)");

        assertThat(verify()).isEqualTo(new AuditLog.Verification(true, 4, null, null));
        assertThat(checkOutput()).doesNotContain(noted);
    }

    @Test
    void detectsAnEventInsertedBeyondTheHead() throws SQLException {
        appendFive();
        sql("set session_replication_role = replica; "
                + "insert into audit_event select seq + 1, occurred_at, actor_kind, actor_id, actor_name, role,"
                + " agency_id, group_id, action, target, source_address, outcome, detail, hash, hash"
                + " from audit_event where seq = 5");

        AuditLog.Verification v = verify();

        assertThat(v.firstBrokenSeq()).isEqualTo(6);
        assertThat(v.problem()).startsWith("event 6: hash does not match"); // its hash is a copy
    }

    @Test
    void detectsACorrectlyHashedEventAppendedWithoutMovingTheHead() throws SQLException {
        appendFive();
        sql("alter table audit_chain_head disable trigger user");
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            log.append(c, event(6));
            try (Statement s = c.createStatement()) {
                s.execute("update audit_chain_head set last_seq = 5,"
                        + " last_hash = (select hash from audit_event where seq = 5)");
            }
            c.commit();
        }

        AuditLog.Verification v = verify();

        assertThat(v.firstBrokenSeq()).isEqualTo(6);
        assertThat(v.problem()).startsWith("event 6 lies beyond the chain head (5)");
    }

    // ---------------------------------------------------------------- search

    @Test
    void searchesByEveryCriterionNewestFirst() throws SQLException {
        searchFixture();
        try (Connection c = db.getConnection()) {
            AuditQuery all = AuditQuery.all();

            assertThat(seqs(log.search(c, all))).containsExactly(6L, 5L, 4L, 3L, 2L, 1L);
            assertThat(seqs(log.search(c, all.withAction("LOGIN")))).containsExactly(5L, 4L, 1L);
            assertThat(seqs(log.search(c, all.withAgency(1L)))).containsExactly(5L, 2L, 1L);
            assertThat(seqs(log.search(c, all.withGroup(12L)))).containsExactly(2L);
            assertThat(seqs(log.search(c, all.withActor(10L)))).containsExactly(5L, 1L);
            assertThat(seqs(log.search(c, all.withActorName("mallory")))).containsExactly(4L);
            assertThat(seqs(log.search(c, all.between(T0.plusSeconds(60), T0.plusSeconds(240)))))
                    .containsExactly(4L, 3L, 2L);
            assertThat(seqs(log.search(c, all.withAction("LOGIN").withAgency(1L).between(T0, T0.plusSeconds(240)))))
                    .containsExactly(1L);
            assertThat(log.search(c, all.withAgency(99L))).isEmpty();
        }
    }

    @Test
    void searchesByOutcomeAndTargetTextIgnoringCase() throws SQLException {
        searchFixture();
        try (Connection c = db.getConnection()) {
            AuditQuery all = AuditQuery.all();

            assertThat(seqs(log.search(c, all.withOutcome(Outcome.FAILURE)))).containsExactly(4L);
            assertThat(seqs(log.search(c, all.withOutcome(Outcome.SUCCESS)))).containsExactly(6L, 5L, 3L, 2L, 1L);
            assertThat(log.search(c, all.withOutcome(Outcome.DENIED))).isEmpty();
            assertThat(seqs(log.search(c, all.withTargetContaining("SEND_")))).containsExactly(3L, 2L);
            assertThat(seqs(log.search(c, all.withTargetContaining("job:1")))).containsExactly(2L);
            // Typed as it is: % and _ are not wildcards.
            assertThat(log.search(c, all.withTargetContaining("send%"))).isEmpty();
            assertThat(seqs(log.search(c, all.withTargetContaining("np_import").withOutcome(Outcome.SUCCESS))))
                    .containsExactly(6L);
            assertThat(all.withTargetContaining("  ").targetContains()).isNull();
        }
    }

    @Test
    void pagesByKeysetNewestFirst() throws SQLException {
        searchFixture();
        try (Connection c = db.getConnection()) {
            AuditQuery q = AuditQuery.all().withLimit(2);
            List<StoredEvent> page1 = log.search(c, q);
            List<StoredEvent> page2 = log.search(c, q.before(page1.get(1).seq()));
            List<StoredEvent> page3 = log.search(c, q.before(page2.get(1).seq()));

            assertThat(seqs(page1)).containsExactly(6L, 5L);
            assertThat(seqs(page2)).containsExactly(4L, 3L);
            assertThat(seqs(page3)).containsExactly(2L, 1L);
            assertThat(log.search(c, q.before(1L))).isEmpty();
            assertThat(seqs(log.search(c, q.withAction("LOGIN").before(5L)))).containsExactly(4L, 1L);
        }
    }

    @Test
    void queriesAreValidated() {
        assertThatThrownBy(() -> AuditQuery.all().withLimit(1001)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AuditQuery.all().withLimit(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AuditQuery.all().between(T0, T0.minusSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(AuditQuery.all().withLimit(0).limit()).isEqualTo(AuditQuery.DEFAULT_LIMIT);
        assertThat(AuditQuery.all().withAction("  ").action()).isNull();
    }

    // ---------------------------------------------------------------- export

    @Test
    void exportsQuotedSpreadsheetSafeCsvOldestFirst() throws Exception {
        append(new AuditEvent(
                T0,
                ActorKind.ANONYMOUS,
                null,
                "=HYPERLINK(\"http://evil.example\",\"click\")",
                null,
                null,
                null,
                "LOGIN",
                null,
                "::1",
                Outcome.FAILURE,
                "wrong password, \"twice\"\r\nthen locked"));
        append(new AuditEvent(
                T0.plusSeconds(1),
                ActorKind.USER,
                7L,
                "+alice",
                "USER",
                3L,
                5L,
                "EXPORT",
                "-2+3",
                "192.0.2.1",
                Outcome.SUCCESS,
                "@SUM(A1) 匯出"));
        append(new AuditEvent(
                T0.plusSeconds(2),
                ActorKind.USER,
                8L,
                "bob",
                "USER",
                4L,
                6L,
                "EXPORT",
                "\tx",
                null,
                Outcome.SUCCESS,
                ""));

        StringWriter out = new StringWriter();
        try (Connection c = db.getConnection()) {
            log.export(c, AuditQuery.all().withLimit(1), out); // the limit applies to searches only
            assertThat(c.getAutoCommit()).isTrue();
        }
        List<String> hashes;
        try (Connection c = db.getConnection()) {
            hashes = log.search(c, AuditQuery.all()).stream()
                    .map(StoredEvent::hash)
                    .toList();
        }

        assertThat(out.toString())
                .isEqualTo("seq,occurred_at,actor_kind,actor_id,actor_name,role,agency_id,group_id,action,target,"
                        + "source_address,outcome,detail,hash\r\n"
                        + "\"1\",\"2025-03-01T10:03:04.123456+08:00\",\"ANONYMOUS\",\"\","
                        + "\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\",\"\",\"\",\"\",\"LOGIN\",\"\","
                        + "\"::1\",\"FAILURE\",\"wrong password, \"\"twice\"\"\r\nthen locked\",\"" + hashes.get(2)
                        + "\"\r\n"
                        + "\"2\",\"2025-03-01T10:03:05.123456+08:00\",\"USER\",\"7\",\"'+alice\",\"USER\",\"3\",\"5\","
                        + "\"EXPORT\",\"'-2+3\",\"192.0.2.1\",\"SUCCESS\",\"'@SUM(A1) 匯出\",\"" + hashes.get(1)
                        + "\"\r\n"
                        + "\"3\",\"2025-03-01T10:03:06.123456+08:00\",\"USER\",\"8\",\"bob\",\"USER\",\"4\",\"6\","
                        + "\"EXPORT\",\"'\tx\",\"\",\"SUCCESS\",\"\",\"" + hashes.get(0) + "\"\r\n");
    }

    @Test
    void exportsOnlyWhatTheQuerySelects() throws Exception {
        searchFixture();
        StringWriter out = new StringWriter();
        try (Connection c = db.getConnection()) {
            log.export(c, AuditQuery.all().withAgency(1L).before(5L), out);
        }

        assertThat(out.toString().lines().skip(1).map(l -> l.substring(0, l.indexOf(','))))
                .containsExactly("\"1\"", "\"2\"");
    }

    @Test
    void streamsALargeExportThroughACursor() throws Exception {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            for (int i = 0; i < 2500; i++) {
                log.append(c, event(i));
            }
            c.commit();
        }
        StringWriter out = new StringWriter();
        try (Connection c = db.getConnection()) {
            log.export(c, AuditQuery.all(), out);
        }

        assertThat(out.toString().lines()).hasSize(2501);
        assertThat(verify()).isEqualTo(new AuditLog.Verification(true, 2500, null, null));
    }

    // ---------------------------------------------------------------- the command

    @Test
    void theCommandReportsAnIntactChain() throws SQLException {
        appendFive();
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int status = AuditChainCheck.run(
                new String[] {postgres.getJdbcUrl("postgres", "postgres")},
                Map.of("SMS_DB_USER", "postgres"),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                System.err);

        assertThat(status).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .startsWith("audit chain intact: 5 events")
                .contains("head: event 5 sha256 ");
    }

    @Test
    void theCommandReportsABrokenChain() throws SQLException {
        appendFive();
        sql("set session_replication_role = replica; delete from audit_event where seq = 2");
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int status = AuditChainCheck.run(
                new String[0],
                Map.of("SMS_DB_URL", postgres.getJdbcUrl("postgres", "postgres"), "SMS_DB_USER", "postgres"),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                System.err);

        assertThat(status).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("event 2 is missing (deleted?) / 第 2 筆事件遺失");
    }

    @Test
    void theCommandNeedsADatabase() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = AuditChainCheck.run(new String[0], Map.of(), System.out, new PrintStream(err, true));

        assertThat(status).isEqualTo(2);
        assertThat(err.toString()).startsWith("usage:");
    }

    // ---------------------------------------------------------------- helpers

    private static AuditEvent event(int i) {
        return new AuditEvent(
                T0.plusMillis(i),
                ActorKind.USER,
                (long) i,
                "user" + i,
                "USER",
                1L,
                2L,
                "RECORD_READ",
                "send_job:" + i,
                "192.0.2." + (i % 256),
                Outcome.SUCCESS,
                "detail " + i);
    }

    private List<Long> appendFive() throws SQLException {
        List<Long> seqs = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            seqs.add(append(event(i)));
        }
        return seqs;
    }

    private void searchFixture() throws SQLException {
        append(new AuditEvent(
                T0, ActorKind.USER, 10L, "alice", "USER", 1L, 11L, "LOGIN", null, "192.0.2.10", Outcome.SUCCESS, null));
        append(new AuditEvent(
                T0.plusSeconds(60),
                ActorKind.USER,
                20L,
                "bob",
                "USER",
                1L,
                12L,
                "RECORD_READ",
                "send_job:1",
                "192.0.2.20",
                Outcome.SUCCESS,
                null));
        append(new AuditEvent(
                T0.plusSeconds(120),
                ActorKind.USER,
                30L,
                "carol",
                "GROUP_ADMIN",
                2L,
                21L,
                "EXPORT",
                "send_records",
                "192.0.2.30",
                Outcome.SUCCESS,
                null));
        append(new AuditEvent(
                T0.plusSeconds(180),
                ActorKind.ANONYMOUS,
                null,
                "mallory",
                null,
                null,
                null,
                "LOGIN",
                null,
                "203.0.113.66",
                Outcome.FAILURE,
                "unknown account"));
        append(new AuditEvent(
                T0.plusSeconds(240),
                ActorKind.USER,
                10L,
                "alice",
                "USER",
                1L,
                11L,
                "LOGIN",
                null,
                "192.0.2.10",
                Outcome.SUCCESS,
                null));
        append(new AuditEvent(
                T0.plusSeconds(300),
                ActorKind.SYSTEM,
                null,
                "system",
                "SYSTEM",
                null,
                null,
                "NP_IMPORT",
                "np_import:9",
                null,
                Outcome.SUCCESS,
                null));
    }

    private long append(AuditEvent e) throws SQLException {
        try (Connection c = db.getConnection()) {
            return log.append(c, e); // auto-commit: its own transaction
        }
    }

    private AuditLog.Verification verify() throws SQLException {
        try (Connection c = db.getConnection()) {
            return log.verify(c);
        }
    }

    private String checkOutput() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AuditChainCheck.run(
                new String[] {postgres.getJdbcUrl("postgres", "postgres"), "postgres"},
                Map.of(),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                System.err);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static long count(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select count(*) from audit_event")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static List<Long> seqs(List<StoredEvent> events) {
        return events.stream().map(StoredEvent::seq).toList();
    }

    /** Runs statements as the superuser, in one session, each committed. */
    private static void sql(String... statements) throws SQLException {
        try (Connection c = db.getConnection();
                Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }
}
