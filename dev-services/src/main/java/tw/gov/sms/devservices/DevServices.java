package tw.gov.sms.devservices;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import tw.gov.sms.dev.mail.MailCatcher;
import tw.gov.sms.dev.syslog.SyslogCollector;

/**
 * The stand-ins that {@code ./sms run} starts so a newcomer needs nothing but a JDK: a real PostgreSQL
 * server (binaries from a Maven artifact) with the platform's database and role created, and optionally the
 * mail catcher ({@link MailCatcher}) that receives whatever the platform mails and the syslog collector
 * ({@link SyslogCollector}) that receives the copy of the audit trail.
 *
 * <p>Usage: {@code java -jar dev-services.jar --data DIR --pg-port 5433 --db sms --user sms --password sms
 * [--smtp-port 2525 --mail-http-port 8025] [--syslog-port 2514 --syslog-http-port 8026]}. The data directory survives restarts, so messages sent in one
 * session are still there in the next; caught mail and syslog messages do not. The process prints {@code READY} once every
 * service accepts connections and stops them on SIGTERM.
 */
public final class DevServices {

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        // First: it starts in milliseconds, and a taken port should fail before PostgreSQL is up.
        MailCatcher mail =
                options.smtpPort() == null ? null : MailCatcher.start(options.smtpPort(), options.mailHttpPort());
        SyslogCollector syslog = null;
        EmbeddedPostgres postgres;
        try {
            if (options.syslogPort() != null) {
                syslog = SyslogCollector.start(options.syslogPort(), options.syslogHttpPort());
            }
            postgres = startPostgres(options);
        } catch (Exception | Error e) {
            if (mail != null) {
                mail.close(); // its threads would keep this failed process alive
            }
            if (syslog != null) {
                syslog.close();
            }
            throw e;
        }
        SyslogCollector collector = syslog;

        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (mail != null) {
                mail.close();
            }
            if (collector != null) {
                collector.close();
            }
            try {
                postgres.close();
            } catch (Exception e) {
                System.err.println("PostgreSQL did not stop cleanly: " + e.getMessage());
            }
            stop.countDown();
        }));
        System.out.printf(
                "PostgreSQL %s listening on 127.0.0.1:%d, database %s, user %s%n",
                serverVersion(postgres), options.pgPort(), options.database(), options.user());
        if (mail != null) {
            System.out.println(mail.describe());
        }
        if (collector != null) {
            System.out.println(collector.describe());
        }
        System.out.println("READY");
        System.out.flush();
        stop.await();
    }

    private static EmbeddedPostgres startPostgres(Options options) throws Exception {
        Files.createDirectories(options.dataDir());
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setPort(options.pgPort())
                .setDataDirectory(options.dataDir().resolve("pgdata"))
                .setCleanDataDirectory(false)
                .setOverrideWorkingDirectory(
                        options.dataDir().resolve("pg-runtime").toFile())
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("max_connections", "200")
                .setServerConfig("shared_buffers", "256MB")
                .setServerConfig("synchronous_commit", options.fast() ? "off" : "on")
                .setServerConfig("listen_addresses", "127.0.0.1")
                .start();
        createDatabase(postgres, options);
        return postgres;
    }

    private static void createDatabase(EmbeddedPostgres postgres, Options options) throws Exception {
        try (Connection c = postgres.getPostgresDatabase().getConnection();
                Statement s = c.createStatement()) {
            boolean roleExists;
            try (ResultSet rs =
                    s.executeQuery("select 1 from pg_roles where rolname = '" + identifier(options.user()) + "'")) {
                roleExists = rs.next();
            }
            if (!roleExists) {
                s.execute("create role " + identifier(options.user()) + " login password '"
                        + options.password().replace("'", "''") + "'");
            }
            boolean dbExists;
            try (ResultSet rs = s.executeQuery(
                    "select 1 from pg_database where datname = '" + identifier(options.database()) + "'")) {
                dbExists = rs.next();
            }
            if (!dbExists) {
                s.execute("create database " + identifier(options.database()) + " owner " + identifier(options.user())
                        + " encoding 'UTF8' template template0");
            }
        }
    }

    private static String serverVersion(EmbeddedPostgres postgres) throws Exception {
        try (Connection c = postgres.getPostgresDatabase().getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("show server_version")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** Names come from our own scripts, but are still restricted to plain identifiers. */
    private static String identifier(String name) {
        if (!name.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("not a plain SQL identifier: " + name);
        }
        return name;
    }

    /**
     * {@code smtpPort} and {@code mailHttpPort} are both null (no mail catcher) or both set; so are {@code syslogPort}
     * and {@code syslogHttpPort} (no syslog collector).
     */
    record Options(
            Path dataDir,
            int pgPort,
            String database,
            String user,
            String password,
            boolean fast,
            Integer smtpPort,
            Integer mailHttpPort,
            Integer syslogPort,
            Integer syslogHttpPort) {
        static Options parse(String[] args) {
            Path data = Path.of(".sms/dev");
            int port = 5433;
            String db = "sms", user = "sms", password = "sms";
            boolean fast = false;
            Integer smtpPort = null, mailHttpPort = null, syslogPort = null, syslogHttpPort = null;
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "--data" -> data = Path.of(value);
                    case "--pg-port" -> port = Integer.parseInt(value);
                    case "--db" -> db = value;
                    case "--user" -> user = value;
                    case "--password" -> password = value;
                    case "--smtp-port" -> smtpPort = Integer.valueOf(value);
                    case "--mail-http-port" -> mailHttpPort = Integer.valueOf(value);
                    case "--syslog-port" -> syslogPort = Integer.valueOf(value);
                    case "--syslog-http-port" -> syslogHttpPort = Integer.valueOf(value);
                    case "--fast" -> {
                        fast = true;
                        continue;
                    }
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
                i++;
            }
            if ((smtpPort == null) != (mailHttpPort == null)) {
                throw new IllegalArgumentException("the mail catcher needs both --smtp-port and --mail-http-port");
            }
            if ((syslogPort == null) != (syslogHttpPort == null)) {
                throw new IllegalArgumentException(
                        "the syslog collector needs both --syslog-port and --syslog-http-port");
            }
            return new Options(
                    data, port, db, user, password, fast, smtpPort, mailHttpPort, syslogPort, syslogHttpPort);
        }
    }
}
