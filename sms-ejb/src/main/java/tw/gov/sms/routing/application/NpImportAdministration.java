package tw.gov.sms.routing.application;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import tw.gov.sms.account.application.AccountException;
import tw.gov.sms.account.application.Audit;
import tw.gov.sms.account.domain.Actor;
import tw.gov.sms.account.domain.Role;
import tw.gov.sms.routing.domain.RoutingIndex;

/**
 * Number-portability imports as the portal's administrators see them (issue 8 item 7, R1.2): the imports
 * recorded so far with their state, counts and first errors, the routing index this instance routes with,
 * and a file uploaded by a system administrator. MODA administrators may read, as with the prefix table.
 *
 * <p>An upload is not imported here: it is put into the inbox folder ({@code sms.routing.np-inbox}) under
 * its own name, written to a hidden name first and renamed when complete, exactly as a carrier's drop.
 * The inbox poller then takes it within seconds and runs the one {@code np-import} job (validation of
 * every line, the stored set, the report, the swap on every instance). So there is one import path,
 * whatever the file's way in. Rejected: importing a server path typed into the page, which would let the
 * error report's line excerpts show the start of any file the server can read.
 */
@Stateless
public class NpImportAdministration {

    @Resource(lookup = "jdbc/sms")
    DataSource dataSource;

    @Inject
    RoutingIndexService routing;

    @Inject
    Audit audit;

    @Inject
    @ConfigProperty(name = "sms.routing.np-inbox")
    Optional<String> inbox;

    /** One recorded import ({@code np_import}); {@code errors} are the first 50, one a line. */
    public record ImportView(
            long id,
            String kind,
            String state,
            String dataVersion,
            String baseVersion,
            String source,
            String fileName,
            int records,
            int portedTotal,
            int errorCount,
            String errors,
            OffsetDateTime importedAt) {}

    /**
     * The routing index in use on this instance and the inbox's files not yet imported.
     *
     * @param loadMillis how long building the last ported-number index took, null before the first
     */
    public record IndexView(
            String version,
            String sourceFile,
            Instant loadedAt,
            Long loadMillis,
            int portedNumbers,
            int prefixes,
            String defaultCarrier,
            boolean inboxConfigured,
            List<String> waiting,
            List<String> processing) {

        public IndexView {
            waiting = List.copyOf(waiting);
            processing = List.copyOf(processing);
        }
    }

    public List<ImportView> list(Actor actor, int limit) {
        requireReader(actor);
        List<ImportView> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("select id, kind, state, data_version, base_version, source,"
                        + " file_name, records, ported_total, error_count, errors, imported_at from np_import"
                        + " order by id desc limit ?")) {
            ps.setInt(1, Math.min(Math.max(limit, 1), 500));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new ImportView(
                            rs.getLong(1),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getString(5),
                            rs.getString(6),
                            rs.getString(7),
                            rs.getInt(8),
                            rs.getInt(9),
                            rs.getInt(10),
                            rs.getString(11),
                            rs.getObject(12, OffsetDateTime.class)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public IndexView index(Actor actor) {
        requireReader(actor);
        RoutingIndex current = routing.current();
        RoutingIndex.Metadata meta = current.metadata();
        Optional<Path> folder = folder();
        return new IndexView(
                meta == null ? null : meta.version(),
                meta == null ? null : meta.sourceFile(),
                meta == null ? null : meta.loadedAt(),
                routing.lastLoadMillis(),
                current.ported().size(),
                current.prefixes().entries().size(),
                current.defaultCarrier().name(),
                folder.isPresent(),
                folder.map(NpImportAdministration::npFiles).orElse(List.of()),
                folder.map(f -> npFiles(f.resolve("processing"))).orElse(List.of()));
    }

    /**
     * Puts an uploaded file into the inbox for the import job; returns the name it got there.
     *
     * @throws AccountException {@code NP_INBOX_MISSING} when no inbox is configured, {@code
     *     NP_FILE_NAME_INVALID} for an unusable name, {@code NP_FILE_SEEN} when the inbox has already seen
     *     a file of that name (waiting, processing, imported or rejected)
     */
    public String upload(Actor actor, String submittedName, InputStream content) {
        if (!actor.has(Role.SYSTEM_ADMIN)) {
            audit.refused(actor, "NP_UPLOAD", "np-file:" + submittedName, "role " + actor.roleName());
            throw AccountException.notPermitted(
                    "只有系統管理者可匯入攜碼資料。", "Only system administrators import number-portability files.");
        }
        Path folder = folder().orElseThrow(() -> AccountException.invalid(
                "NP_INBOX_MISSING",
                "尚未設定攜碼資料收件夾（sms.routing.np-inbox），無法匯入。",
                "No number-portability inbox is configured (sms.routing.np-inbox); nothing can be imported."));
        String name = NpUploadName.of(submittedName);
        if (seen(folder, name)) {
            throw AccountException.invalid(
                    "NP_FILE_SEEN",
                    "收件夾已有同名檔案（等待、處理中、已匯入或已拒絕）：" + name + "。請以新檔名上傳。",
                    "The inbox has already seen a file of this name (waiting, processing, imported or rejected): "
                            + name + ". Upload it under a new name.");
        }
        Path part = folder.resolve("." + name + ".upload-part");
        try {
            Files.createDirectories(folder);
            long bytes = Files.copy(content, part, StandardCopyOption.REPLACE_EXISTING);
            // The final name appears only when the whole file is there: the poller never sees half a file.
            Files.move(part, folder.resolve(name), StandardCopyOption.ATOMIC_MOVE);
            audit.success(actor, "NP_UPLOAD", "np-file:" + name, bytes + " bytes");
            return name;
        } catch (AtomicMoveNotSupportedException e) {
            throw new IllegalStateException("the number-portability inbox must allow atomic renames: " + folder, e);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(part);
            } catch (IOException ignored) {
                // The hidden part file is never taken by the poller; the failure below is what matters.
            }
            throw new IllegalStateException("could not put " + name + " into the inbox " + folder, e);
        }
    }

    private Optional<Path> folder() {
        return inbox.filter(v -> !v.isBlank()).map(Path::of);
    }

    /** The same rule as the SFTP drop's poller: a name the inbox has seen is never taken again. */
    private static boolean seen(Path folder, String name) {
        return Files.exists(folder.resolve(name))
                || Files.exists(folder.resolve("processing").resolve(name))
                || Files.exists(folder.resolve("processed").resolve(name))
                || Files.exists(folder.resolve("rejected").resolve(name));
    }

    private static List<String> npFiles(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*.np")) {
            for (Path f : files) {
                if (!f.getFileName().toString().startsWith(".")) {
                    names.add(f.getFileName().toString());
                }
            }
        } catch (IOException e) {
            return List.of();
        }
        names.sort(null);
        return names;
    }

    private static void requireReader(Actor actor) {
        if (!actor.has(Role.SYSTEM_ADMIN) && !actor.has(Role.MODA_ADMIN)) {
            throw AccountException.notPermitted(
                    "只有管理者可查看攜碼資料匯入。", "Only administrators may see the number-portability imports.");
        }
    }
}
