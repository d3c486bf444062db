package tw.gov.sms.routing.application;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import tw.gov.sms.routing.domain.DeltaEntry;
import tw.gov.sms.routing.domain.NpFileError;
import tw.gov.sms.routing.domain.NpParseResult;
import tw.gov.sms.routing.domain.PortedNumberIndex;

/**
 * Stores a validated number-portability file as the current ported-number set, in one transaction: a
 * snapshot replaces the set (bulk-loaded with COPY), a delta must continue the version in force and is
 * applied row by row. A rejected file changes nothing and is recorded with its first errors. After the
 * commit every instance rebuilds its routing index from the stored set ({@link RoutingIndexService}).
 */
@Stateless
public class NpImportService {

    private static final int COPY_CHUNK = 500_000;

    @Resource(lookup = "jdbc/sms")
    DataSource dataSource;

    @Inject
    RoutingIndexService routingIndex;

    public record Outcome(long importId, boolean applied, int records, int portedTotal, String message) {}

    public Outcome apply(NpParseResult parsed, String fileName) {
        if (!parsed.isValid()) {
            return reject(parsed, fileName);
        }
        try (Connection c = dataSource.getConnection()) {
            if (parsed.kind() == NpParseResult.Kind.SNAPSHOT) {
                replaceAll(c, parsed.snapshot().orElseThrow());
            } else {
                String current = currentVersion(c);
                String base = parsed.header().base().toString();
                if (!base.equals(current)) {
                    return rejectOutOfSequence(parsed, fileName, base, current);
                }
                applyDelta(c, parsed.deltaEntries());
            }
            int total = count(c);
            long id = record(c, parsed, fileName, "APPLIED", total, 0, null);
            return new Outcome(id, true, parsed.recordCount(), total, "applied");
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("storing number-portability file " + fileName + " failed", e);
        }
    }

    /** Called after the applying transaction committed, on the instance that applied it. */
    public void reloadNow() {
        routingIndex.refresh();
    }

    private Outcome reject(NpParseResult parsed, String fileName) {
        String errors =
                parsed.errors().stream().limit(50).map(NpFileError::toString).collect(Collectors.joining("\n"));
        try (Connection c = dataSource.getConnection()) {
            long id = record(c, parsed, fileName, "REJECTED", 0, parsed.errorCount(), errors);
            return new Outcome(id, false, parsed.recordCount(), 0, parsed.errorCount() + " errors");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private Outcome rejectOutOfSequence(NpParseResult parsed, String fileName, String base, String current) {
        String message = "差異檔的基準日 " + base + " 與目前版本 " + current + " 不符，請先匯入完整檔。"
                + " / The delta continues " + base + " but the version in force is " + current
                + "; import a snapshot first.";
        try (Connection c = dataSource.getConnection()) {
            long id = record(c, parsed, fileName, "REJECTED", 0, 1, message);
            return new Outcome(id, false, parsed.recordCount(), 0, message);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void replaceAll(Connection c, PortedNumberIndex index) throws SQLException, IOException {
        try (Statement s = c.createStatement()) {
            s.execute("truncate ported_number");
        }
        var copy = c.unwrap(PGConnection.class).getCopyAPI();
        StringBuilder chunk = new StringBuilder(COPY_CHUNK * 14);
        for (int i = 0; i < index.size(); i++) {
            chunk.append(index.keyAt(i))
                    .append(',')
                    .append(index.carrierAt(i).name())
                    .append('\n');
            if ((i + 1) % COPY_CHUNK == 0) {
                copy.copyIn(
                        "copy ported_number (number_key, carrier) from stdin (format csv)",
                        new StringReader(chunk.toString()));
                chunk.setLength(0);
            }
        }
        if (chunk.length() > 0) {
            copy.copyIn(
                    "copy ported_number (number_key, carrier) from stdin (format csv)",
                    new StringReader(chunk.toString()));
        }
    }

    private static void applyDelta(Connection c, List<DeltaEntry> entries) throws SQLException {
        try (PreparedStatement port = c.prepareStatement("insert into ported_number (number_key, carrier) values (?, ?)"
                        + " on conflict (number_key) do update set carrier = excluded.carrier");
                PreparedStatement remove = c.prepareStatement("delete from ported_number where number_key = ?")) {
            for (DeltaEntry e : entries) {
                if (e.operation() == DeltaEntry.Operation.PORT) {
                    port.setInt(1, e.key());
                    port.setString(2, e.carrier().name());
                    port.addBatch();
                } else {
                    remove.setInt(1, e.key());
                    remove.addBatch();
                }
            }
            port.executeBatch();
            remove.executeBatch();
        }
    }

    private static String currentVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "select data_version from np_import where state = 'APPLIED' order by id desc limit 1")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static int count(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select count(*) from ported_number")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static long record(
            Connection c, NpParseResult parsed, String fileName, String state, int total, int errorCount, String errors)
            throws SQLException {
        var header = parsed.header();
        try (PreparedStatement ps = c.prepareStatement("insert into np_import (kind, state, data_version, base_version,"
                + " source, file_name, records, ported_total, error_count, errors) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " returning id")) {
            ps.setString(1, parsed.kind().name());
            ps.setString(2, state);
            ps.setString(3, header == null ? null : header.date().toString());
            ps.setString(
                    4,
                    header == null || header.base() == null
                            ? null
                            : header.base().toString());
            ps.setString(5, header == null ? null : header.source());
            ps.setString(6, fileName);
            ps.setInt(7, parsed.recordCount());
            ps.setInt(8, total);
            ps.setInt(9, errorCount);
            ps.setString(10, errors);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
