package tw.gov.sms.notification.infrastructure.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tw.gov.sms.notification.domain.Notification;
import tw.gov.sms.notification.domain.Preferences;
import tw.gov.sms.notification.domain.Stage;
import tw.gov.sms.notification.domain.StagePreference;

/**
 * The notification scan and mail queue against a real PostgreSQL migrated with every migration: each stage once per
 * account whatever the number of scans (concurrent ones included), preferences and defaults, no person for an
 * agency system's job, group administrators for a rejected upload, the mail claim and its retries.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class NotificationStoreTest {

    private static final AtomicLong SEQ = new AtomicLong(System.nanoTime() % 1_000_000);
    private static final int WINDOW = 96;
    private static final int THRESHOLD = 10;

    private static EmbeddedPostgres postgres;
    private static DataSource db;

    private final NotificationStore store = new NotificationStore();

    /** An agency with a group, one user and one group administrator. */
    record Agency(long id, long group, long user, long admin) {}

    @BeforeAll
    static void startPostgres() throws IOException {
        postgres = EmbeddedPostgres.builder()
                .setPGStartupWait(Duration.ofSeconds(60))
                .start();
        db = postgres.getPostgresDatabase();
        Flyway flyway = Flyway.configure()
                .dataSource(db)
                .locations("classpath:db/migration")
                .cleanDisabled(false)
                .load();
        flyway.clean();
        flyway.migrate();
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        postgres.close();
    }

    @Test
    void notifiesEachStageOfAPersonsJobOnceWithTheCountsAndDefaults() throws SQLException {
        Agency a = newAgency();
        long job = newJob(a, a.user(), 4);
        assertThat(scan().accepted()).isEqualTo(1);
        assertThat(scan().total()).as("a second scan finds nothing new").isZero();

        release(job);
        messages(job, "DELIVERED", "DELIVERED", "DELIVERED", "EXPIRED");
        complete(job);
        NotificationStore.ScanResult r = scan();
        assertThat(r.started()).isEqualTo(1);
        assertThat(r.finished()).isEqualTo(1);
        assertThat(r.failures()).as("1 of 4 not delivered is 25 %, over 10 %").isEqualTo(1);
        assertThat(scan().total()).isZero();

        try (Connection c = db.getConnection()) {
            List<Notification> list = store.list(c, a.user(), 0, 50);
            assertThat(list)
                    .extracting(Notification::stage)
                    .containsExactly(Stage.FAILURES, Stage.FINISHED, Stage.STARTED, Stage.ACCEPTED);
            Notification finished = list.get(1);
            assertThat(finished.jobId()).isEqualTo(job);
            assertThat(finished.recipients()).isEqualTo(4);
            assertThat(finished.delivered()).isEqualTo(3);
            assertThat(finished.failed()).isZero();
            assertThat(finished.expired()).isEqualTo(1);
            assertThat(list.get(0).thresholdPercent()).isEqualTo(THRESHOLD);
            assertThat(mailStates(c, job))
                    .as("by default only FINISHED and FAILURES are mailed")
                    .containsExactly("ACCEPTED:NONE", "FAILURES:PENDING", "FINISHED:PENDING", "STARTED:NONE");
            assertThat(store.unread(c, a.user())).isEqualTo(4);
            assertThat(store.markRead(c, a.user(), list.get(3).id())).isTrue();
            assertThat(store.markRead(c, a.admin(), list.get(2).id()))
                    .as("someone else's notification")
                    .isFalse();
            assertThat(store.unread(c, a.user())).isEqualTo(3);
            assertThat(store.markAllRead(c, a.user())).isEqualTo(3);
            assertThat(store.unread(c, a.user())).isZero();
            assertThat(store.list(c, a.admin(), 0, 50)).isEmpty();
        }
    }

    @Test
    void aJobUnderTheThresholdHasNoFailureNotice() throws SQLException {
        Agency a = newAgency();
        long job = newJob(a, a.user(), 10);
        release(job);
        messages(
                job,
                "DELIVERED",
                "DELIVERED",
                "DELIVERED",
                "DELIVERED",
                "DELIVERED",
                "DELIVERED",
                "DELIVERED",
                "DELIVERED",
                "DELIVERED",
                "UNDELIVERED");
        complete(job);
        scan();
        try (Connection c = db.getConnection()) {
            assertThat(mailStates(c, job))
                    .as("1 of 10 is exactly 10 %, not over it")
                    .containsExactly("ACCEPTED:NONE", "FINISHED:PENDING", "STARTED:NONE");
        }
    }

    @Test
    void concurrentScansOnSeveralConnectionsNotifyOnce() throws Exception {
        Agency a = newAgency();
        List<Long> jobs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            long job = newJob(a, a.user(), 2);
            release(job);
            messages(job, "DELIVERED", "UNDELIVERED");
            complete(job);
            jobs.add(job);
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Callable<Integer> scanner = () -> {
                start.await();
                try (Connection c = db.getConnection()) {
                    c.setAutoCommit(false);
                    int n = store.scan(c, WINDOW, THRESHOLD, 20).total();
                    c.commit();
                    return n;
                }
            };
            results.add(pool.submit(scanner));
        }
        start.countDown();
        int total = 0;
        for (Future<Integer> f : results) {
            total += f.get();
        }
        pool.shutdown();
        assertThat(total).as("4 stages × 5 jobs, whoever inserted them").isEqualTo(20);
        try (Connection c = db.getConnection()) {
            for (long job : jobs) {
                assertThat(mailStates(c, job)).hasSize(4);
            }
        }
    }

    @Test
    void preferencesDecideWhatIsShownAndMailed() throws SQLException {
        Agency a = newAgency();
        try (Connection c = db.getConnection()) {
            assertThat(store.preferences(c, a.user(), THRESHOLD)).isEqualTo(Preferences.defaults(THRESHOLD));
            store.save(
                    c,
                    a.user(),
                    List.of(
                            new StagePreference(Stage.ACCEPTED, true, true),
                            new StagePreference(Stage.FINISHED, false, false)),
                    50);
            Preferences p = store.preferences(c, a.user(), THRESHOLD);
            assertThat(p.of(Stage.ACCEPTED)).isEqualTo(new StagePreference(Stage.ACCEPTED, true, true));
            assertThat(p.of(Stage.FINISHED)).isEqualTo(new StagePreference(Stage.FINISHED, false, false));
            assertThat(p.of(Stage.FAILURES)).isEqualTo(StagePreference.defaultFor(Stage.FAILURES));
            assertThat(p.thresholdPercent()).isEqualTo(50);
            assertThat(p.ownThreshold()).isTrue();
        }
        long job = newJob(a, a.user(), 4);
        release(job);
        messages(job, "DELIVERED", "DELIVERED", "DELIVERED", "UNDELIVERED");
        complete(job);
        scan();
        try (Connection c = db.getConnection()) {
            assertThat(mailStates(c, job))
                    .as("25 %% is under the account's own 50 %%; FINISHED recorded but neither shown nor mailed")
                    .containsExactly("ACCEPTED:PENDING", "FINISHED:NONE", "STARTED:NONE");
            assertThat(store.list(c, a.user(), 0, 10))
                    .extracting(Notification::stage)
                    .containsExactly(Stage.STARTED, Stage.ACCEPTED);
            store.save(c, a.user(), List.of(), null);
            assertThat(store.preferences(c, a.user(), THRESHOLD).ownThreshold()).isFalse();
        }
    }

    @Test
    void anAgencySystemsJobNotifiesNobodyAndOldStagesAreLeftAlone() throws SQLException {
        Agency a = newAgency();
        long apiJob = newJob(a, null, 1);
        long oldJob = newJob(a, a.user(), 1);
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "update send_job set accepted_at = now() - interval '200 hours' where id = ?")) {
            ps.setLong(1, oldJob);
            ps.executeUpdate();
        }
        scan();
        try (Connection c = db.getConnection()) {
            assertThat(mailStates(c, apiJob)).isEmpty();
            assertThat(mailStates(c, oldJob)).isEmpty();
        }
    }

    @Test
    void aRejectedUploadIsNotifiedToTheAgencysGroupAdministrators() throws SQLException {
        Agency a = newAgency();
        long upload;
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement("insert into file_upload (agency_id, channel, state,"
                        + " file_name, stored_path, size_bytes, sha256, text_cipher, key_version, problem_count,"
                        + " received_at, validated_at, decided_at) values (?, 'FILE', 'REJECTED', '名單.csv', '/x',"
                        + " 10, '\\x00', '\\x00', 1, 3, now(), now(), now()) returning id")) {
            ps.setLong(1, a.id());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                upload = rs.getLong(1);
            }
        }
        assertThat(scan().rejected()).isEqualTo(1);
        assertThat(scan().rejected()).isZero();
        try (Connection c = db.getConnection()) {
            List<Notification> admin = store.list(c, a.admin(), 0, 10);
            assertThat(admin).hasSize(1);
            assertThat(admin.get(0).uploadId()).isEqualTo(upload);
            assertThat(admin.get(0).fileName()).isEqualTo("名單.csv");
            assertThat(admin.get(0).problemCount()).isEqualTo(3);
            assertThat(store.list(c, a.user(), 0, 10)).isEmpty();
        }
    }

    @Test
    void aMailIsClaimedOnceAndRetriedUntilItsLastAttempt() throws SQLException {
        Agency a = newAgency();
        long job = newJob(a, a.user(), 1);
        release(job);
        messages(job, "DELIVERED");
        complete(job);
        scan();
        try (Connection c = db.getConnection()) {
            List<NotificationStore.MailWork> work = claimOf(c, job);
            assertThat(work).hasSize(1);
            NotificationStore.MailWork w = work.get(0);
            assertThat(w.email()).endsWith("@example.gov.tw");
            assertThat(w.attempt()).isEqualTo(1);
            assertThat(claimOf(c, job))
                    .as("claimed: not due again during its lease")
                    .isEmpty();

            store.mailFailed(c, w.notification().id(), "relay refused", 2);
            assertThat(store.mailState(c, w.notification().id())).isEqualTo("PENDING");
            due(c, w.notification().id());
            NotificationStore.MailWork second = claimOf(c, job).get(0);
            assertThat(second.attempt()).isEqualTo(2);
            store.mailFailed(c, w.notification().id(), "relay refused again", 2);
            assertThat(store.mailState(c, w.notification().id())).isEqualTo("FAILED");
            due(c, w.notification().id());
            assertThat(claimOf(c, job)).isEmpty();
        }
        long next = newJob(a, a.user(), 1);
        release(next);
        messages(next, "DELIVERED");
        complete(next);
        scan();
        try (Connection c = db.getConnection()) {
            NotificationStore.MailWork w = claimOf(c, next).get(0);
            store.mailSent(c, w.notification().id());
            assertThat(store.mailState(c, w.notification().id())).isEqualTo("SENT");
        }
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private NotificationStore.ScanResult scan() throws SQLException {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            NotificationStore.ScanResult r = store.scan(c, WINDOW, THRESHOLD, 20);
            c.commit();
            return r;
        }
    }

    /** Claims every due mail and keeps those of the job (other tests' mails stay claimed: harmless here). */
    private List<NotificationStore.MailWork> claimOf(Connection c, long job) throws SQLException {
        return store.claimMails(c, 1000, 10, 3).stream()
                .filter(w -> Long.valueOf(job).equals(w.notification().jobId()))
                .toList();
    }

    private static void due(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "update notification set mail_next_at = now() - interval '1 second' where id = ? and mail_next_at"
                        + " is not null")) {
            ps.setLong(1, id);
            ps.executeUpdate();
        }
    }

    private static List<String> mailStates(Connection c, long job) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "select stage || ':' || mail_state from notification where job_id = ? order by stage")) {
            ps.setLong(1, job);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    private static Agency newAgency() throws SQLException {
        long n = SEQ.incrementAndGet();
        try (Connection c = db.getConnection()) {
            long agency = insert(
                    c,
                    "insert into agency (code, name, display_name) values (?, ?, ?) returning id",
                    "N" + n,
                    "通知測試機關 " + n,
                    "通知" + n);
            long group = insert(
                    c, "insert into account_group (agency_id, name) values (?, ?) returning id", agency, "g" + n);
            long user = account(c, "notify-u-" + n, "USER", agency, group);
            long admin = account(c, "notify-a-" + n, "GROUP_ADMIN", agency, group);
            return new Agency(agency, group, user, admin);
        }
    }

    private static long account(Connection c, String username, String role, long agency, long group)
            throws SQLException {
        return insert(
                c,
                "insert into account (username, display_name, email, role, agency_id, group_id, password_hash)"
                        + " values (?, ?, ?, ?, ?, ?, 'x') returning id",
                username,
                username,
                username + "@example.gov.tw",
                role,
                agency,
                group);
    }

    private static long newJob(Agency a, Long account, int recipients) throws SQLException {
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement("insert into send_job (agency_id, channel, state, sender_id,"
                        + " text_cipher, key_version, recipient_count, segment_count, validity_until, accepted_at,"
                        + " account_id, group_id) values (?, 'PORTAL', 'ACCEPTED', '111', '\\x00', 1, ?, ?,"
                        + " now() + interval '1 day', now(), ?, ?) returning id")) {
            ps.setLong(1, a.id());
            ps.setInt(2, recipients);
            ps.setInt(3, recipients);
            ps.setObject(4, account);
            ps.setObject(5, account == null ? null : a.group());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static void release(long job) throws SQLException {
        update("update send_job set state = 'RELEASED', released_at = now() where id = ?", job);
    }

    private static void complete(long job) throws SQLException {
        update("update send_job set state = 'COMPLETED', completed_at = now() where id = ?", job);
    }

    private static void messages(long job, String... states) throws SQLException {
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement("insert into message (id, accepted_at, job_id, seq,"
                        + " msisdn_hash, msisdn_cipher, text_cipher, key_version, encoding, segments, state,"
                        + " validity_until, final_at) select nextval('message_id_seq'), j.accepted_at, j.id, ?,"
                        + " '\\x00', '\\x00', '\\x00', 1, 'UCS2', 1, ?, j.validity_until, now()"
                        + " from send_job j where j.id = ?")) {
            for (int i = 0; i < states.length; i++) {
                ps.setInt(1, i);
                ps.setString(2, states[i]);
                ps.setLong(3, job);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void update(String sql, long id) throws SQLException {
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, id);
            ps.executeUpdate();
        }
    }

    private static long insert(Connection c, String sql, Object... args) throws SQLException {
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
