package tw.gov.sms.routing.application;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import tw.gov.sms.routing.domain.Carrier;
import tw.gov.sms.routing.domain.PortedNumberIndex;
import tw.gov.sms.routing.domain.PrefixTable;
import tw.gov.sms.routing.domain.Route;
import tw.gov.sms.routing.domain.RoutingIndex;
import tw.gov.sms.routing.domain.RoutingIndexHolder;
import tw.gov.sms.routing.infrastructure.jdbc.PortedNumberLoader;

/**
 * Holds this instance's routing index (R1.2) and keeps it equal to the accepted number-portability data
 * in the database: loaded at start-up, and rebuilt whenever a newer import is applied (checked every
 * 15 seconds, and at once on the instance that applied it). A new index is built beside the old one and
 * swapped in with one volatile write, so sending never pauses; lookups take no lock.
 */
@Singleton
@Startup
@DependsOn("DatabaseMigrator")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class RoutingIndexService {

    private static final Logger LOG = Logger.getLogger(RoutingIndexService.class.getName());

    @Resource(lookup = "jdbc/sms")
    DataSource dataSource;

    @Inject
    @ConfigProperty(name = "sms.routing.default-carrier", defaultValue = "CHT")
    String defaultCarrier;

    private RoutingIndexHolder holder;
    private volatile long loadedImportId = -1;
    private volatile long loadedPrefixVersion = -1;
    private volatile Long lastLoadMillis;

    @PostConstruct
    void start() {
        holder = new RoutingIndexHolder(
                RoutingIndex.prefixOnly(PrefixTable.taiwanDefaults(), Carrier.valueOf(defaultCarrier), Instant.now()));
        refresh();
    }

    public Route route(String nationalNumber) {
        return holder.current().route(nationalNumber);
    }

    public RoutingIndex current() {
        return holder.current();
    }

    /** How long reading and building the last ported-number index took on this instance; null before the first. */
    public Long lastLoadMillis() {
        return lastLoadMillis;
    }

    @Schedule(hour = "*", minute = "*", second = "*/15", persistent = false)
    void poll() {
        try {
            refresh();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not refresh the routing index; the current one stays in use", e);
        }
    }

    /**
     * Rebuilds the index if the database holds a newer applied import, or a newer prefix table, than the
     * one loaded. The first start of a platform seeds the prefix table from DOMAIN.md.
     */
    public synchronized void refresh() {
        try (Connection c = dataSource.getConnection()) {
            refreshPrefixes(c);
            long latest;
            String version;
            String file;
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("select id, data_version, file_name from np_import"
                            + " where state = 'APPLIED' order by id desc limit 1")) {
                if (!rs.next()) {
                    return;
                }
                latest = rs.getLong(1);
                version = rs.getString(2);
                file = rs.getString(3);
            }
            if (latest == loadedImportId) {
                return;
            }
            long started = System.nanoTime();
            PortedNumberIndex ported = load(c);
            RoutingIndex next =
                    holder.current().withSnapshot(ported, new RoutingIndex.Metadata(version, file, Instant.now()));
            holder.swap(next);
            loadedImportId = latest;
            lastLoadMillis = (System.nanoTime() - started) / 1_000_000;
            LOG.info(() -> String.format(
                    "routing index %s loaded: %,d ported numbers in %d ms (%s)",
                    version, ported.size(), (System.nanoTime() - started) / 1_000_000, file));
        } catch (SQLException e) {
            throw new IllegalStateException("loading the ported numbers failed", e);
        }
    }

    private void refreshPrefixes(Connection c) throws SQLException {
        long version;
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select version from routing_prefix_version where id = 1")) {
            rs.next();
            version = rs.getLong(1);
        }
        if (version == 0) {
            seedPrefixes(c);
            refreshPrefixes(c);
            return;
        }
        if (version == loadedPrefixVersion) {
            return;
        }
        java.util.Map<String, Carrier> table = new java.util.TreeMap<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select prefix, carrier from routing_prefix")) {
            while (rs.next()) {
                table.put(rs.getString(1), Carrier.valueOf(rs.getString(2)));
            }
        }
        holder.swap(holder.current().withPrefixes(new PrefixTable(table)));
        loadedPrefixVersion = version;
        LOG.info(() -> "prefix table version " + version + " loaded: " + table.size() + " prefixes");
    }

    /** Once per database: the allocations of DOMAIN.md. Several instances may race; one seeds. */
    private static void seedPrefixes(Connection c) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try (java.sql.PreparedStatement claim = c.prepareStatement(
                        "update routing_prefix_version set version = 1 where id = 1 and version = 0");
                java.sql.PreparedStatement insert = c.prepareStatement(
                        "insert into routing_prefix (prefix, carrier) values (?, ?) on conflict do nothing")) {
            if (claim.executeUpdate() == 1) {
                for (var e : PrefixTable.taiwanDefaults().entries().entrySet()) {
                    insert.setString(1, e.getKey());
                    insert.setString(2, e.getValue().name());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    private static PortedNumberIndex load(Connection c) throws SQLException {
        return PortedNumberLoader.load(c);
    }
}
