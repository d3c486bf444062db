package tw.gov.sms.bench;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.postgresql.copy.CopyManager;
import org.postgresql.core.BaseConnection;
import tw.gov.sms.shared.infrastructure.crypto.FieldCipher;
import tw.gov.sms.shared.infrastructure.crypto.NumberHasher;

/**
 * {@code ./sms bench portal}: portal response times over a large generated history (issue 8, R12.2).
 *
 * <p>Phase 1 (generation, idempotent and resumable): agencies {@code BENCH-01..}, each with one group, a group
 * administrator and a user, four MODA administrators {@code bench-moda-N}, and N messages (default 20,000,000) in
 * completed jobs spread over the last 60 days, all marked generated ({@code BENCH-…} codes, idempotency keys
 * {@code BENCH-PORTAL-n}). Numbers and texts are real ciphertexts made with the platform's own {@link FieldCipher}
 * and {@link NumberHasher} and the dev keys ({@code .sms/dev/secrets.env}): a pool of numbers is encrypted here,
 * copied into a work table, and the rows are produced in the database by {@code INSERT … SELECT} from
 * {@code generate_series} joined to the pool. Messages are final and {@code settled}, so no timer touches them; the
 * usage rollup ({@code usage_daily}) the dashboards and the job list read is filled from them. Progress is kept
 * per job in {@code bench_job}, so an interrupted run resumes where it stopped.
 *
 * <p>Phase 2 (load): {@code --users} virtual users, each logged in to the portal through the real login page
 * (password, then the code read from the mail catcher), request the job list, a job page of a large job, the
 * records search (by number and by job; the JSF form posted with its view state) and the home dashboard in a
 * closed loop without think time; MODA administrators also the MODA overview. Per page: count, errors, p50, p95,
 * p99, max. Exit 1 when any page's p99 exceeds {@code --target-ms} (1,000), 2 when it cannot run.
 */
public final class PortalBenchmark {

    static final ZoneId TAIWAN = ZoneId.of("Asia/Taipei");
    static final String PASSWORD = "Demo-pass-111";
    static final int LARGE_JOBS = 5;
    static final int SMALL_JOB = 10_000;
    /** Requests sent again because the server had closed their keep-alive connection ({@link Portal#send}). */
    static final java.util.concurrent.atomic.AtomicLong RESENT_ON_CLOSED_CONNECTION =
            new java.util.concurrent.atomic.AtomicLong();

    static final Pattern VIEW_STATE = Pattern.compile("name=\"jakarta\\.faces\\.ViewState\"[^>]*value=\"([^\"]*)\"");
    static final Pattern FORM_ACTION = Pattern.compile("<form id=\"(\\w+)\"[^>]*action=\"([^\"]*)\"");
    static final Pattern CODE = Pattern.compile("login code is (\\d{6})");
    static final Pattern MAIL_ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");

    // Options
    String baseUrl = "http://localhost:8080";
    String mailUrl = "http://localhost:8025";
    String dbUrl = "jdbc:postgresql://127.0.0.1:5433/sms";
    String dbUser = "sms";
    String dbPassword = "sms";
    Path secrets = Path.of(".sms/dev/secrets.env");
    long messages = 20_000_000L;
    int agencies = 8;
    int pool = 100_000;
    int users = 20;
    int seconds = 120;
    int warmupSeconds = 20;
    long targetMs = 1000;
    boolean generate = true;
    boolean load = true;

    public static void main(String[] args) throws Exception {
        PortalBenchmark b = new PortalBenchmark();
        try {
            b.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        }
        int status;
        try {
            status = b.run();
        } catch (Exception e) {
            e.printStackTrace();
            status = 2;
        }
        System.exit(status);
    }

    void parse(String[] args) {
        for (String a : args) {
            String[] kv = a.split("=", 2);
            String k = kv[0];
            String v = kv.length > 1 ? kv[1] : null;
            switch (k) {
                case "--help" -> {
                    System.out.println("""
                            java -jar bench-portal.jar [options]   against a running ./sms run platform (dev)
                              --messages=N        messages to generate (20000000); generation resumes, a new N regenerates
                              --agencies=N        generated agencies BENCH-01.. (8)
                              --pool=N            distinct numbers (100000)
                              --users=N           concurrent virtual users (20)
                              --seconds=S         measured load duration (120), after --warmup-seconds=S (20)
                              --target-ms=MS      p99 target per page (1000)
                              --generate-only | --load-only
                              --base-url=URL (http://localhost:8080)  --mail-url=URL (http://localhost:8025)
                              --db-url=JDBC --db-user=U --db-password=P  --secrets=.sms/dev/secrets.env""");
                    System.exit(0);
                }
                case "--messages" -> messages = Long.parseLong(v);
                case "--agencies" -> agencies = Integer.parseInt(v);
                case "--pool" -> pool = Integer.parseInt(v);
                case "--users" -> users = Integer.parseInt(v);
                case "--seconds" -> seconds = Integer.parseInt(v);
                case "--warmup-seconds" -> warmupSeconds = Integer.parseInt(v);
                case "--target-ms" -> targetMs = Long.parseLong(v);
                case "--generate-only" -> load = false;
                case "--load-only" -> generate = false;
                case "--base-url" -> baseUrl = v;
                case "--mail-url" -> mailUrl = v;
                case "--db-url" -> dbUrl = v;
                case "--db-user" -> dbUser = v;
                case "--db-password" -> dbPassword = v;
                case "--secrets" -> secrets = Path.of(v);
                default -> throw new IllegalArgumentException("unknown option " + a + " (--help)");
            }
        }
    }

    int run() throws Exception {
        try (Connection c = DriverManager.getConnection(dbUrl, dbUser, dbPassword)) {
            setUpPeople(c);
            if (generate) {
                new Generator(c).run();
            }
        }
        if (!load) {
            return 0;
        }
        return new Load().run();
    }

    // ------------------------------------------------------------------------------------------------ people

    record Person(String username, String role, long accountId, long agencyId, Long groupId) {}

    final List<Person> people = new ArrayList<>();
    final List<Long> agencyIds = new ArrayList<>();
    final Map<Long, Long> groupOfAgency = new HashMap<>();

    /** Agencies BENCH-01.., a group each, a group administrator and a user each, four MODA administrators. */
    void setUpPeople(Connection c) throws SQLException {
        c.setAutoCommit(false);
        long moda;
        String hash;
        String gadminPerms;
        String userPerms;
        String modaPerms;
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select username, agency_id, password_hash, permissions from account"
                        + " where username in ('moda-admin', 'demo-gadmin', 'demo-user')")) {
            Map<String, String[]> rows = new HashMap<>();
            while (rs.next()) {
                rows.put(rs.getString(1), new String[] {rs.getString(2), rs.getString(3), rs.getString(4)});
            }
            if (rows.size() != 3) {
                throw new IllegalStateException(
                        "the dev profile's demo accounts are missing: is this ./sms run (dev)?");
            }
            moda = Long.parseLong(rows.get("moda-admin")[0]);
            hash = rows.get("demo-user")[1]; // the demo password Demo-pass-111, hashed by the platform
            gadminPerms = rows.get("demo-gadmin")[2];
            userPerms = rows.get("demo-user")[2];
            modaPerms = rows.get("moda-admin")[2];
        }
        List<String> cidrs = new ArrayList<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select distinct e.cidr from ip_allow_entry e join account a"
                        + " on a.agency_id = e.agency_id where a.username = 'demo-user' and e.state = 'APPROVED'")) {
            while (rs.next()) {
                cidrs.add(rs.getString(1));
            }
        }
        for (int k = 1; k <= agencies; k++) {
            String code = String.format("BENCH-%02d", k);
            long agency = id(
                    c,
                    "insert into agency (code, name, display_name) values (?, ?, ?) on conflict (code) do nothing",
                    "select id from agency where code = ?",
                    code,
                    "效能測試產生機關 " + code + " (generated)",
                    "效測" + k);
            long group = id(
                    c,
                    "insert into account_group (agency_id, name) values (?, ?) on conflict do nothing",
                    "select id from account_group where agency_id = ? and name = ?",
                    agency,
                    "BENCH generated group");
            agencyIds.add(agency);
            groupOfAgency.put(agency, group);
            for (String cidr : cidrs) {
                try (PreparedStatement ps = c.prepareStatement(
                        "insert into ip_allow_entry (agency_id, cidr, note, state,"
                                + " decided_at) values (?, ?, 'BENCH generated', 'APPROVED', now()) on conflict do nothing")) {
                    ps.setLong(1, agency);
                    ps.setString(2, cidr);
                    ps.executeUpdate();
                }
            }
            String prefix = String.format("bench-%02d-", k);
            people.add(account(c, prefix + "gadmin", "GROUP_ADMIN", agency, group, gadminPerms, hash));
            people.add(account(c, prefix + "user", "USER", agency, group, userPerms, hash));
        }
        for (int k = 1; k <= 4; k++) {
            people.add(account(c, "bench-moda-" + k, "MODA_ADMIN", moda, null, modaPerms, hash));
        }
        c.commit();
    }

    private static long id(Connection c, String insert, String select, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(insert)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(select)) {
            ps.setObject(1, args[0]);
            if (select.chars().filter(ch -> ch == '?').count() > 1) {
                ps.setObject(2, args[1]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static Person account(
            Connection c, String username, String role, long agency, Long group, String perms, String hash)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into account (username, display_name, email, role,"
                + " agency_id, group_id, permissions, password_hash, must_change_password, mfa_kind)"
                + " select ?, ?, ?, ?, ?, ?, ?, ?, false, 'EMAIL'"
                + " where not exists (select 1 from account where lower(username) = lower(?))")) {
            ps.setString(1, username);
            ps.setString(2, "效能測試 " + username + " (generated)");
            ps.setString(3, username + "@bench.sms.gov.tw");
            ps.setString(4, role);
            ps.setLong(5, agency);
            ps.setObject(6, group);
            ps.setString(7, perms);
            ps.setString(8, hash);
            ps.setString(9, username);
            ps.executeUpdate();
        }
        // A previous run may have left it locked or idle-disabled: the benchmark's people must be able to log in.
        try (PreparedStatement ps = c.prepareStatement("update account set status = 'ACTIVE', failed_logins = 0,"
                + " locked_until = null, last_active_at = now(), password_hash = ?, must_change_password = false"
                + " where lower(username) = lower(?) returning id")) {
            ps.setString(1, hash);
            ps.setString(2, username);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Person(username, role, rs.getLong(1), agency, group);
            }
        }
    }

    // -------------------------------------------------------------------------------------------- generation

    final class Generator {
        final Connection c;

        Generator(Connection c) {
            this.c = c;
        }

        void run() throws Exception {
            long t0 = System.nanoTime();
            c.setAutoCommit(true);
            try (Statement s = c.createStatement()) {
                s.execute("create table if not exists bench_plan (messages bigint not null, pool integer not null,"
                        + " agencies integer not null, key_check bytea not null)");
                s.execute(
                        "create table if not exists bench_job (n integer primary key, job_id bigint not null,"
                                + " size integer not null, agency_id bigint not null, group_id bigint not null,"
                                + " account_id bigint not null, accepted_at timestamptz not null, done boolean not null default false)");
                s.execute(
                        "create table if not exists bench_number_pool (i integer primary key, carrier varchar(3) not null,"
                                + " msisdn_hash bytea not null, msisdn_cipher bytea not null)");
                s.execute(
                        "create table if not exists bench_text_pool (k integer primary key, job_cipher bytea not null,"
                                + " message_cipher bytea not null)");
                s.execute(
                        "comment on table bench_job is 'Generated by bench-portal (./sms bench portal): not real traffic'");
            }
            Map<String, String> env = readSecrets(secrets);
            FieldCipher cipher = new FieldCipher(
                    FieldCipher.parseKeys(env.get("SMS_CRYPTO_KEYS")),
                    Integer.parseInt(env.getOrDefault("SMS_CRYPTO_ACTIVE_KEY_VERSION", "1")));
            NumberHasher hasher = new NumberHasher(Base64Decoder.decode(env.get("SMS_CRYPTO_NUMBER_HASH_KEY")));
            byte[] keyCheck = hasher.hash("0900000000");

            boolean fresh;
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("select messages, pool, agencies, key_check from bench_plan")) {
                fresh = !rs.next()
                        || rs.getLong(1) != messages
                        || rs.getInt(2) != pool
                        || rs.getInt(3) != agencies
                        || !Arrays.equals(rs.getBytes(4), keyCheck);
            }
            if (fresh) {
                removeGenerated();
                fillPools(cipher, hasher);
                planJobs();
                try (PreparedStatement ps = c.prepareStatement("insert into bench_plan values (?, ?, ?, ?)")) {
                    ps.setLong(1, messages);
                    ps.setInt(2, pool);
                    ps.setInt(3, agencies);
                    ps.setBytes(4, keyCheck);
                    ps.executeUpdate();
                }
            } else {
                System.out.println("generation: resuming the stored plan of " + messages + " messages");
            }
            ensurePartitions();
            fillMessages();
            // Settled history is all-visible once autovacuum has passed, which index-only scans need: vacuum now
            // rather than measure a table autovacuum has not reached yet.
            System.out.println("generation: VACUUM (ANALYZE) ...");
            long a0 = System.nanoTime();
            try (Statement s = c.createStatement()) {
                s.execute("vacuum (analyze) message");
                s.execute("analyze send_job");
                s.execute("analyze usage_daily");
            }
            System.out.printf(Locale.ROOT, "generation: VACUUM (ANALYZE) %.1f s%n", secs(a0));
            System.out.printf(Locale.ROOT, "GENERATION messages=%d total_s=%.1f%n", messages, secs(t0));
        }

        /** Everything an earlier plan generated (only rows reached through bench_job). */
        void removeGenerated() throws SQLException {
            long t = System.nanoTime();
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.executeUpdate("delete from message m using bench_job b where m.job_id = b.job_id"
                        + " and m.accepted_at = b.accepted_at");
                s.executeUpdate("delete from usage_daily u using bench_job b where u.job_id = b.job_id");
                s.executeUpdate("delete from send_job j using bench_job b where j.id = b.job_id");
                s.executeUpdate("delete from bench_job");
                s.executeUpdate("delete from bench_plan");
                s.executeUpdate("truncate bench_number_pool, bench_text_pool");
            }
            c.commit();
            c.setAutoCommit(true);
            System.out.printf(Locale.ROOT, "generation: removed earlier generated data (%.1f s)%n", secs(t));
        }

        /** Encrypts the pool here, with the platform's classes and keys, and copies it into the work tables. */
        void fillPools(FieldCipher cipher, NumberHasher hasher) throws Exception {
            long t = System.nanoTime();
            String[] prefixes = {"0912", "0922", "0936"};
            String[] carriers = {"CHT", "TWM", "FET"};
            StringBuilder sb = new StringBuilder(pool * 140);
            for (int i = 0; i < pool; i++) {
                String number = prefixes[i % 3] + String.format("%06d", i / 3);
                sb.append(i).append('\t').append(carriers[i % 3]).append('\t');
                hex(sb, hasher.hash(number)).append('\t');
                hex(sb, cipher.encrypt(number, FieldCipher.Purpose.MSISDN)).append('\n');
            }
            CopyManager copy = new CopyManager(c.unwrap(BaseConnection.class));
            copy.copyIn("copy bench_number_pool from stdin", new java.io.StringReader(sb.toString()));
            String[] texts = {
                "您的補助申請已核准，款項將於三個工作天內撥入。",
                "颱風警報：請避免前往山區及海邊，注意安全。",
                "您的包裹已送達，請於七日內至指定地點領取。",
                "提醒您：本月稅款繳納期限為月底，逾期將加徵滯納金。",
                "疫苗接種通知：請攜帶健保卡於預約時段前往接種。",
                "您申請的證件已製作完成，請攜帶收據親自領取。",
                "停水通知：明日上午九時至下午五時暫停供水。",
                "您的投票通知單已寄出，投票日為下週六。"
            };
            try (PreparedStatement ps = c.prepareStatement("insert into bench_text_pool values (?, ?, ?)")) {
                for (int k = 0; k < texts.length; k++) {
                    ps.setInt(1, k);
                    ps.setBytes(2, cipher.encrypt(texts[k], FieldCipher.Purpose.JOB_TEXT));
                    ps.setBytes(3, cipher.encrypt("【效能測試】" + texts[k], FieldCipher.Purpose.MESSAGE_TEXT));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            try (Statement s = c.createStatement()) {
                s.execute("analyze bench_number_pool");
            }
            System.out.printf(Locale.ROOT, "generation: %,d numbers encrypted and stored (%.1f s)%n", pool, secs(t));
        }

        /**
         * The jobs: five large ones (1 % of the messages each, at least 10,000) spread over the period, the most
         * recent of them today, and jobs of 10,000 for the rest; acceptance spread evenly over the last 60 days.
         */
        void planJobs() throws SQLException {
            long large = Math.max(SMALL_JOB, messages / 100);
            long rest = messages - LARGE_JOBS * large;
            if (rest < 0) {
                large = messages / LARGE_JOBS;
                rest = messages - LARGE_JOBS * large;
            }
            int small = (int) (rest / SMALL_JOB);
            long leftover = rest - (long) small * SMALL_JOB;
            int jobs = LARGE_JOBS + small;
            long[] sizes = new long[jobs];
            Arrays.fill(sizes, SMALL_JOB);
            int every = Math.max(1, jobs / LARGE_JOBS);
            int placed = 0;
            for (int n = jobs; n >= 1 && placed < LARGE_JOBS; n -= every) {
                sizes[n - 1] = large;
                placed++;
            }
            sizes[0] += leftover;
            OffsetDateTime now = OffsetDateTime.now();
            long spanSeconds = 60L * 86_400;
            c.setAutoCommit(false);
            try (PreparedStatement job = c.prepareStatement("insert into send_job (agency_id, channel, state, test,"
                            + " sender_id, idempotency_key, text_cipher, key_version, recipient_count, rejected_count,"
                            + " segment_count, validity_until, accepted_at, released_at, handed_over_at, completed_at,"
                            + " account_id, group_id) select ?, 'PORTAL', 'COMPLETED', false, '111', ?, t.job_cipher, 1, ?, 0, ?,"
                            + " ?::timestamptz + interval '1 day', ?, ?::timestamptz + interval '2 seconds',"
                            + " ?::timestamptz + interval '60 seconds', ?::timestamptz + interval '120 seconds', ?, ?"
                            + " from bench_text_pool t where t.k = ? returning id");
                    PreparedStatement plan =
                            c.prepareStatement("insert into bench_job values (?, ?, ?, ?, ?, ?, ?, false)")) {
                for (int n = 1; n <= jobs; n++) {
                    int k = (n - 1) % agencies;
                    long agency = agencyIds.get(k);
                    long group = groupOfAgency.get(agency);
                    // group administrators and users of the agency take turns
                    Person owner = people.get(2 * k + ((n - 1) / agencies) % 2);
                    OffsetDateTime at = now.minusSeconds(3600 + spanSeconds * (jobs - n) / jobs);
                    job.setLong(1, agency);
                    job.setString(2, "BENCH-PORTAL-" + n);
                    job.setInt(3, (int) sizes[n - 1]);
                    job.setInt(4, (int) sizes[n - 1]);
                    for (int p = 5; p <= 9; p++) {
                        job.setObject(p, at);
                    }
                    job.setLong(10, owner.accountId());
                    job.setLong(11, group);
                    job.setInt(12, n % 8);
                    long id;
                    try (ResultSet rs = job.executeQuery()) {
                        rs.next();
                        id = rs.getLong(1);
                    }
                    plan.setInt(1, n);
                    plan.setLong(2, id);
                    plan.setInt(3, (int) sizes[n - 1]);
                    plan.setLong(4, agency);
                    plan.setLong(5, group);
                    plan.setLong(6, owner.accountId());
                    plan.setObject(7, at);
                    plan.addBatch();
                }
                plan.executeBatch();
            }
            c.commit();
            c.setAutoCommit(true);
            System.out.printf(
                    Locale.ROOT,
                    "generation: %,d jobs planned (%d of %,d, the rest of %,d)%n",
                    jobs,
                    LARGE_JOBS,
                    large,
                    SMALL_JOB);
        }

        /** Missing monthly partitions of the period, made exactly as ensure_message_partitions makes them. */
        void ensurePartitions() throws SQLException {
            LocalDate first;
            LocalDate last;
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("select min(accepted_at at time zone 'Asia/Taipei')::date,"
                            + " max(accepted_at at time zone 'Asia/Taipei')::date from bench_job")) {
                rs.next();
                first = rs.getObject(1, LocalDate.class).withDayOfMonth(1);
                last = rs.getObject(2, LocalDate.class).withDayOfMonth(1);
            }
            for (LocalDate m = first; !m.isAfter(last); m = m.plusMonths(1)) {
                for (String t : List.of("message", "message_part")) {
                    String name = t + "_" + m.getYear() + "_" + String.format("%02d", m.getMonthValue());
                    try (PreparedStatement ps = c.prepareStatement("select to_regclass(?) is null")) {
                        ps.setString(1, name);
                        try (ResultSet rs = ps.executeQuery()) {
                            rs.next();
                            if (!rs.getBoolean(1)) {
                                continue;
                            }
                        }
                    }
                    try (Statement s = c.createStatement()) {
                        s.execute(String.format(
                                "create table %s partition of %s for values from"
                                        + " ('%s 00:00:00 Asia/Taipei') to ('%s 00:00:00 Asia/Taipei')",
                                name, t, m, m.plusMonths(1)));
                    }
                    System.out.println("generation: created partition " + name);
                }
            }
        }

        void fillMessages() throws SQLException {
            List<int[]> todo = new ArrayList<>(); // n, size
            long doneMessages = 0;
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("select n, size, done from bench_job order by n")) {
                while (rs.next()) {
                    if (rs.getBoolean(3)) {
                        doneMessages += rs.getInt(2);
                    } else {
                        todo.add(new int[] {rs.getInt(1), rs.getInt(2)});
                    }
                }
            }
            long t = System.nanoTime();
            long written = 0;
            long total = doneMessages;
            for (int[] j : todo) {
                total += j[1];
            }
            System.out.printf(
                    Locale.ROOT,
                    "generation: %,d messages already stored, %,d to write in %,d jobs%n",
                    doneMessages,
                    total - doneMessages,
                    todo.size());
            String insertMessages = "insert into message (id, accepted_at, job_id, seq, msisdn_hash, msisdn_cipher,"
                    + " text_cipher, key_version, encoding, segments, state, carrier, route_reason, attempts,"
                    + " validity_until, queued_at, submitted_at, final_at, delivered_segments, error_code, error_detail,"
                    + " settled)"
                    + " select nextval('message_id_seq'), b.accepted_at, b.job_id, g, p.msisdn_hash, p.msisdn_cipher,"
                    + " t.message_cipher, 1, 'UCS2', 1, x.state, p.carrier, 'PREFIX', 1,"
                    + " b.accepted_at + interval '1 day', b.accepted_at + interval '2 seconds',"
                    + " case when x.state <> 'FAILED' then b.accepted_at + interval '3 seconds' + g * interval '5 ms' end,"
                    + " b.accepted_at + interval '8 seconds' + g * interval '5 ms',"
                    + " case when x.state = 'DELIVERED' then 1 else 0 end,"
                    + " case x.state when 'UNDELIVERED' then 'UNDELIV' when 'EXPIRED' then 'EXPIRED'"
                    + " when 'FAILED' then 'SUBMIT_REJECTED' end,"
                    + " case x.state when 'FAILED' then 'generated failure (bench-portal)' end, true"
                    + " from bench_job b cross join generate_series(1, b.size) g"
                    + " join bench_number_pool p on p.i = ((b.n::bigint * 7919 + g) % " + pool + ")"
                    + " join bench_text_pool t on t.k = b.n % 8"
                    + " cross join lateral (select case when r < 92 then 'DELIVERED' when r < 96 then 'UNDELIVERED'"
                    + " when r < 98 then 'EXPIRED' else 'FAILED' end as state"
                    + " from (select abs(hashint4(g + b.n * 1000003)) % 100 as r) h) x"
                    + " where b.n = ?";
            String insertUsage = "insert into usage_daily (day, job_id, carrier, agency_id, group_id, account_id,"
                    + " api_client_id, contract_id, test, messages, segments, delivered_messages, delivered_segments,"
                    + " undelivered_messages, expired_messages, failed_messages, cancelled_messages)"
                    + " select (m.final_at at time zone 'Asia/Taipei')::date, m.job_id, m.carrier, b.agency_id,"
                    + " b.group_id, b.account_id, 0, 0, false, count(*), sum(m.segments),"
                    + " count(*) filter (where m.state = 'DELIVERED'), sum(m.delivered_segments),"
                    + " count(*) filter (where m.state = 'UNDELIVERED'), count(*) filter (where m.state = 'EXPIRED'),"
                    + " count(*) filter (where m.state = 'FAILED'), 0"
                    + " from bench_job b join message m on m.job_id = b.job_id and m.accepted_at = b.accepted_at"
                    + " where b.n = ? group by 1, 2, 3, 4, 5, 6 on conflict (day, job_id, carrier) do nothing";
            long lastPrint = System.nanoTime();
            c.setAutoCommit(false);
            try (PreparedStatement msg = c.prepareStatement(insertMessages);
                    PreparedStatement use = c.prepareStatement(insertUsage);
                    PreparedStatement done = c.prepareStatement("update bench_job set done = true where n = ?")) {
                for (int[] j : todo) {
                    msg.setInt(1, j[0]);
                    msg.executeUpdate();
                    use.setInt(1, j[0]);
                    use.executeUpdate();
                    done.setInt(1, j[0]);
                    done.executeUpdate();
                    c.commit();
                    written += j[1];
                    if (System.nanoTime() - lastPrint > 10_000_000_000L) {
                        lastPrint = System.nanoTime();
                        double s = secs(t);
                        System.out.printf(
                                Locale.ROOT,
                                "generation: %,d / %,d messages, %,.0f rows/s, %.0f s%n",
                                doneMessages + written,
                                total,
                                written / s,
                                s);
                    }
                }
            }
            c.setAutoCommit(true);
            double s = secs(t);
            System.out.printf(
                    Locale.ROOT,
                    "generation: wrote %,d messages in %.1f s (%,.0f rows/s)%n",
                    written,
                    s,
                    written / Math.max(s, 0.001));
        }
    }

    static Map<String, String> readSecrets(Path file) throws IOException {
        Map<String, String> out = new HashMap<>(System.getenv());
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file)) {
                int eq = line.indexOf('=');
                if (eq > 0 && !line.startsWith("#")) {
                    String v = line.substring(eq + 1).strip();
                    if (v.length() >= 2 && (v.startsWith("'") || v.startsWith("\""))) {
                        v = v.substring(1, v.length() - 1);
                    }
                    out.put(line.substring(0, eq).strip(), v);
                }
            }
        }
        if (out.get("SMS_CRYPTO_KEYS") == null || out.get("SMS_CRYPTO_NUMBER_HASH_KEY") == null) {
            throw new IllegalStateException("no SMS_CRYPTO_KEYS / SMS_CRYPTO_NUMBER_HASH_KEY in " + file
                    + " or the environment: the generated rows must be readable by the platform");
        }
        return out;
    }

    static final class Base64Decoder {
        static byte[] decode(String s) {
            return java.util.Base64.getDecoder().decode(s.strip());
        }
    }

    static StringBuilder hex(StringBuilder sb, byte[] b) {
        sb.append("\\\\x");
        for (byte x : b) {
            sb.append(Character.forDigit((x >> 4) & 0xF, 16)).append(Character.forDigit(x & 0xF, 16));
        }
        return sb;
    }

    static double secs(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    // -------------------------------------------------------------------------------------------------- load

    /** What one person looks at: a large job within their sight, a number found in it, its day. */
    record Targets(long largeJob, long anyJob, LocalDate jobDay, String number) {}

    final class Load {
        final Map<String, List<Double>> samples = new ConcurrentHashMap<>();
        final Map<String, AtomicInteger> errors = new ConcurrentHashMap<>();
        final Map<String, String> firstError = new ConcurrentHashMap<>();
        volatile boolean measuring;

        int run() throws Exception {
            Map<String, Targets> targets = new HashMap<>();
            List<Person> chosen = new ArrayList<>();
            try (Connection c = DriverManager.getConnection(dbUrl, dbUser, dbPassword)) {
                for (int i = 0; i < users; i++) {
                    chosen.add(pick(i));
                }
                for (Person p : chosen) {
                    targets.put(p.username(), targetsOf(c, p));
                }
            }
            System.out.printf(Locale.ROOT, "load: %d users (%s), logging in ...%n", users, describe(chosen));
            List<Thread> threads = new ArrayList<>();
            CountDownLatch loggedIn = new CountDownLatch(chosen.size());
            long end = System.nanoTime() + (long) (warmupSeconds + seconds) * 1_000_000_000L + 60_000_000_000L;
            long[] measureWindow = new long[2];
            for (Person p : chosen) {
                Thread t = new Thread(() -> user(p, targets.get(p.username()), loggedIn, measureWindow), p.username());
                threads.add(t);
                t.start();
            }
            loggedIn.await();
            System.out.printf(
                    Locale.ROOT,
                    "load: everyone logged in; warm-up %d s, then %d s measured%n",
                    warmupSeconds,
                    seconds);
            Thread.sleep(warmupSeconds * 1000L);
            measuring = true;
            long m0 = System.nanoTime();
            Thread.sleep(seconds * 1000L);
            measuring = false;
            double measured = secs(m0);
            stop = true;
            for (Thread t : threads) {
                t.join(120_000);
            }
            return report(measured);
        }

        volatile boolean stop;

        Person pick(int i) {
            // Every fifth user a MODA administrator, the rest group administrators and users of BENCH agencies.
            List<Person> moda =
                    people.stream().filter(p -> p.role().equals("MODA_ADMIN")).toList();
            List<Person> agency =
                    people.stream().filter(p -> !p.role().equals("MODA_ADMIN")).toList();
            if (i % 5 == 4) {
                return moda.get((i / 5) % moda.size());
            }
            return agency.get((i - i / 5) % agency.size());
        }

        String describe(List<Person> chosen) {
            Map<String, Integer> n = new LinkedHashMap<>();
            for (Person p : chosen) {
                n.merge(p.role(), 1, Integer::sum);
            }
            return n.toString();
        }

        Targets targetsOf(Connection c, Person p) throws SQLException {
            String scope = switch (p.role()) {
                case "MODA_ADMIN" -> "true";
                case "GROUP_ADMIN" -> "b.agency_id = " + p.agencyId() + " and b.group_id = " + p.groupId();
                default -> "b.account_id = " + p.accountId();
            };
            long large;
            long any;
            LocalDate day;
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("select b.job_id, (b.accepted_at at time zone 'Asia/Taipei')::date"
                            + " from bench_job b where " + scope + " order by b.size desc, b.n desc limit 1")) {
                rs.next();
                large = rs.getLong(1);
                day = rs.getObject(2, LocalDate.class);
            }
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("select b.job_id from bench_job b where " + scope + " and b.size = "
                            + SMALL_JOB + " order by b.n desc limit 1 offset 3")) {
                any = rs.next() ? rs.getLong(1) : large;
            }
            // A number this person has sent to in the last 31 days: the pool number of seq 1 of their newest job.
            String number;
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("select ((b.n::bigint * 7919 + 1) % " + pool
                            + ")::int from bench_job b where " + scope + " order by b.n desc limit 1")) {
                rs.next();
                int i = rs.getInt(1);
                number = new String[] {"0912", "0922", "0936"}[i % 3] + String.format("%06d", i / 3);
            }
            return new Targets(large, any, day, number);
        }

        void user(Person p, Targets t, CountDownLatch loggedIn, long[] window) {
            Portal portal = new Portal(p.username());
            try {
                portal.login();
            } catch (Exception e) {
                System.out.println("login of " + p.username() + " failed: " + e);
                loggedIn.countDown();
                return;
            }
            loggedIn.countDown();
            Random random = new Random(p.username().hashCode());
            LocalDate today = LocalDate.now(TAIWAN);
            List<String> pages = new ArrayList<>(
                    List.of("jobs list", "job page", "records by number", "records by job", "home dashboard"));
            if (p.role().equals("MODA_ADMIN")) {
                pages.add("MODA overview");
            }
            while (!stop) {
                String page = pages.get(random.nextInt(pages.size()));
                try {
                    switch (page) {
                        case "jobs list" -> timedGet(portal, page, "/portal/app/jobs.xhtml", "jobs");
                        case "job page" ->
                            timedGet(
                                    portal,
                                    page,
                                    "/portal/app/jobs.xhtml?id=" + t.largeJob(),
                                    String.valueOf(t.largeJob()));
                        case "home dashboard" -> timedGet(portal, page, "/portal/app/home.xhtml", null);
                        case "MODA overview" -> timedGet(portal, page, "/portal/app/admin/overview.xhtml", null);
                        case "records by number" -> records(portal, page, t.number(), today.minusDays(30), today, null);
                        case "records by job" -> records(portal, page, null, t.jobDay(), t.jobDay(), t.largeJob());
                        default -> throw new IllegalStateException(page);
                    }
                } catch (Exception e) {
                    error(page, e.toString());
                }
            }
        }

        void timedGet(Portal portal, String page, String path, String mustContain) throws Exception {
            long t0 = System.nanoTime();
            HttpResponse<String> r = portal.get(path);
            double ms = (System.nanoTime() - t0) / 1e6;
            check(page, r, mustContain, ms);
        }

        /** Opens the records page (not timed), then posts the search form with its view state (timed). */
        void records(Portal portal, String page, String number, LocalDate from, LocalDate to, Long job)
                throws Exception {
            HttpResponse<String> form = portal.get("/portal/app/records.xhtml");
            if (form.statusCode() != 200) {
                error(page, "records page answered " + form.statusCode());
                return;
            }
            Map<String, String> f = new LinkedHashMap<>();
            f.put("records", "records");
            f.put("records:number", number == null ? "" : number);
            f.put("records:from", from.toString());
            f.put("records:to", to.toString());
            f.put("records:state", "");
            f.put("records:job", job == null ? "" : job.toString());
            if (form.body().contains("name=\"records:agency\"")) {
                f.put("records:agency", "");
            }
            f.put("records:search", "search");
            long t0 = System.nanoTime();
            HttpResponse<String> r = portal.post(form, "records", f);
            double ms = (System.nanoTime() - t0) / 1e6;
            check(page, r, "class=\"msisdn\"", ms);
        }

        void check(String page, HttpResponse<String> r, String mustContain, double ms) {
            String problem = null;
            if (r.statusCode() != 200) {
                problem = "HTTP " + r.statusCode() + " " + r.uri();
            } else if (r.uri().getPath().endsWith("/login.xhtml")) {
                problem = "sent to the login page";
            } else if (mustContain != null && !r.body().contains(mustContain)) {
                problem = "answer without '" + mustContain + "' (" + r.uri() + ")";
            }
            if (!measuring) {
                if (problem != null) {
                    firstError.putIfAbsent("warm-up " + page, problem);
                }
                return;
            }
            samples.computeIfAbsent(page, k -> java.util.Collections.synchronizedList(new ArrayList<>()))
                    .add(ms);
            if (problem != null) {
                error(page, problem);
            }
        }

        void error(String page, String what) {
            if (measuring) {
                errors.computeIfAbsent(page, k -> new AtomicInteger()).incrementAndGet();
            }
            firstError.putIfAbsent(page, what);
        }

        int report(double measured) {
            System.out.println();
            System.out.printf(
                    Locale.ROOT,
                    "Portal pages, %d users, %.0f s measured (after %d s warm-up), target p99 <= %d ms%n",
                    users,
                    measured,
                    warmupSeconds,
                    targetMs);
            System.out.printf(
                    Locale.ROOT,
                    "%-18s %7s %6s %8s %8s %8s %8s %8s %7s%n",
                    "page",
                    "count",
                    "errors",
                    "req/s",
                    "p50 ms",
                    "p95 ms",
                    "p99 ms",
                    "max ms",
                    "target");
            boolean missed = false;
            long all = 0;
            for (String page : List.of(
                    "jobs list",
                    "job page",
                    "records by number",
                    "records by job",
                    "home dashboard",
                    "MODA overview")) {
                List<Double> list = samples.getOrDefault(page, List.of());
                double[] v;
                synchronized (list) {
                    v = list.stream().mapToDouble(Double::doubleValue).sorted().toArray();
                }
                int err = errors.getOrDefault(page, new AtomicInteger()).get();
                all += v.length;
                if (v.length == 0) {
                    System.out.printf(Locale.ROOT, "%-18s %7d %6d   (no samples)%n", page, 0, err);
                    missed = true;
                    continue;
                }
                double p99 = pct(v, 99);
                boolean ok = p99 <= targetMs && err == 0;
                missed |= !ok;
                System.out.printf(
                        Locale.ROOT,
                        "%-18s %7d %6d %8.1f %8.0f %8.0f %8.0f %8.0f %7s%n",
                        page,
                        v.length,
                        err,
                        v.length / measured,
                        pct(v, 50),
                        pct(v, 95),
                        p99,
                        v[v.length - 1],
                        ok ? "met" : "MISSED");
                System.out.printf(
                        Locale.ROOT,
                        "RESULT page=%s count=%d errors=%d p50_ms=%.0f p95_ms=%.0f p99_ms=%.0f max_ms=%.0f%n",
                        page.replace(' ', '_'),
                        v.length,
                        err,
                        pct(v, 50),
                        pct(v, 95),
                        p99,
                        v[v.length - 1]);
            }
            System.out.printf(Locale.ROOT, "all pages: %d requests, %.1f/s%n", all, all / measured);
            System.out.printf(
                    Locale.ROOT,
                    "requests sent again on a new connection (the server had closed the kept-alive one): %d%n",
                    RESENT_ON_CLOSED_CONNECTION.get());
            if (!firstError.isEmpty()) {
                System.out.println("first problem per page:");
                firstError.forEach((k, v) -> System.out.println("  " + k + ": " + v));
            }
            return missed ? 1 : 0;
        }
    }

    static double pct(double[] sorted, double p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    // ------------------------------------------------------------------------------------------ portal client

    /** One person's browser: a cookie jar, pages fetched over HTTP, forms posted with their view state. */
    final class Portal {
        final String username;
        final HttpClient http;

        Portal(String username) {
            this.username = username;
            CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
            this.http = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .cookieHandler(cookies)
                    .followRedirects(HttpClient.Redirect.NORMAL)
                    .connectTimeout(Duration.ofSeconds(10))
                    .build();
        }

        HttpResponse<String> get(String path) throws IOException, InterruptedException {
            return send(
                    HttpRequest.newBuilder(URI.create(baseUrl + path))
                            .timeout(Duration.ofSeconds(60))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        /** Posts form {@code formId} of {@code page} with {@code fields} and the page's view state. */
        HttpResponse<String> post(HttpResponse<String> page, String formId, Map<String, String> fields)
                throws IOException, InterruptedException {
            Matcher vs = VIEW_STATE.matcher(page.body());
            if (!vs.find()) {
                throw new IllegalStateException("no view state on " + page.uri());
            }
            String action = null;
            Matcher fa = FORM_ACTION.matcher(page.body());
            while (fa.find()) {
                if (fa.group(1).equals(formId)) {
                    action = fa.group(2).replace("&amp;", "&");
                }
            }
            if (action == null) {
                throw new IllegalStateException("no form " + formId + " on " + page.uri());
            }
            StringBuilder body = new StringBuilder();
            Map<String, String> all = new LinkedHashMap<>(fields);
            all.put("jakarta.faces.ViewState", htmlUnescape(vs.group(1)));
            for (Map.Entry<String, String> e : all.entrySet()) {
                if (!body.isEmpty()) {
                    body.append('&');
                }
                body.append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8))
                        .append('=')
                        .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
            }
            return send(
                    HttpRequest.newBuilder(page.uri().resolve(action))
                            .timeout(Duration.ofSeconds(60))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        /**
         * Sends once more, on a new connection, a request whose pooled connection the server had already closed.
         * Payara ends a keep-alive connection after 250 requests with {@code Connection: close}; the JDK client
         * sometimes still reuses it and fails before any byte of the answer, and does not retry a POST. A
         * browser sends such a request again (the server never read it); so do we, and count it.
         */
        private HttpResponse<String> send(HttpRequest request, HttpResponse.BodyHandler<String> body)
                throws IOException, InterruptedException {
            try {
                return http.send(request, body);
            } catch (IOException e) {
                if (e.getMessage() == null || !e.getMessage().contains("header parser received no bytes")) {
                    throw e;
                }
                RESENT_ON_CLOSED_CONNECTION.incrementAndGet();
                return http.send(request, body);
            }
        }

        /** The login page: password, then the six-digit code the platform mailed (read from the mail catcher). */
        void login() throws Exception {
            String address = username + "@bench.sms.gov.tw";
            long before = newestMail(address);
            HttpResponse<String> page = get("/portal/login.xhtml");
            Map<String, String> f = new LinkedHashMap<>();
            f.put("login", "login");
            f.put("login:username", username);
            f.put("login:password", PASSWORD);
            f.put("login:next", "next");
            HttpResponse<String> codeStep = post(page, "login", f);
            if (!codeStep.body().contains("login:code")) {
                throw new IllegalStateException("no code step after the password (HTTP " + codeStep.statusCode() + ")");
            }
            String code = null;
            for (int i = 0; i < 100 && code == null; i++) {
                String inbox = mail(address);
                for (String m : inbox.split("\\},\\s*\\{")) {
                    Matcher id = MAIL_ID.matcher(m);
                    Matcher cm = CODE.matcher(m);
                    if (id.find() && Long.parseLong(id.group(1)) > before && cm.find()) {
                        code = cm.group(1);
                        break;
                    }
                }
                if (code == null) {
                    Thread.sleep(200);
                }
            }
            if (code == null) {
                throw new IllegalStateException("no login code mailed to " + address);
            }
            Map<String, String> v = new LinkedHashMap<>();
            v.put("login", "login");
            v.put("login:code", code);
            v.put("login:verify", "verify");
            HttpResponse<String> home = post(codeStep, "login", v);
            if (!home.uri().getPath().contains("/app/")) {
                throw new IllegalStateException("the code was not accepted: ended on " + home.uri());
            }
        }

        long newestMail(String address) throws Exception {
            long max = 0;
            Matcher m = MAIL_ID.matcher(mail(address));
            while (m.find()) {
                max = Math.max(max, Long.parseLong(m.group(1)));
            }
            return max;
        }

        String mail(String address) throws Exception {
            return HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(mailUrl + "/api/messages?to="
                                            + URLEncoder.encode(address, StandardCharsets.UTF_8)))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
        }
    }

    static String htmlUnescape(String s) {
        return s.replace("&#58;", ":")
                .replace("&amp;", "&")
                .replace("&quot;", "\"")
                .replace("&#x3a;", ":");
    }
}
