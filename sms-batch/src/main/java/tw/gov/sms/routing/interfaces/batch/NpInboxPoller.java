package tw.gov.sms.routing.interfaces.batch;

import jakarta.batch.runtime.BatchRuntime;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Watches the number-portability inbox ({@code sms.routing.np-inbox}) and starts one {@code np-import}
 * batch job per complete file. A file is complete when it has its final name: uploaders write
 * {@code NAME.part} (or a dot-file) and rename it to {@code NAME.np} when done. Claiming is an atomic
 * rename into {@code processing/}, so with several instances sharing the folder each file is taken once.
 */
@Singleton
public class NpInboxPoller {

    private static final Logger LOG = Logger.getLogger(NpInboxPoller.class.getName());

    @Inject
    @ConfigProperty(name = "sms.routing.np-inbox")
    Optional<String> inbox;

    @Schedule(hour = "*", minute = "*", second = "*/10", persistent = false)
    void poll() {
        if (inbox.isEmpty() || inbox.get().isBlank()) {
            return;
        }
        Path folder = Path.of(inbox.get());
        try {
            Files.createDirectories(folder.resolve("processing"));
            try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*.np")) {
                for (Path file : files) {
                    if (Files.isRegularFile(file)
                            && !file.getFileName().toString().startsWith(".")) {
                        claimAndStart(file, folder.resolve("processing").resolve(file.getFileName()));
                    }
                }
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot read the number-portability inbox " + folder, e);
        }
    }

    private void claimAndStart(Path file, Path claimed) throws IOException {
        try {
            Files.move(file, claimed, StandardCopyOption.ATOMIC_MOVE);
        } catch (NoSuchFileException e) {
            return; // another instance claimed it first
        } catch (AtomicMoveNotSupportedException e) {
            LOG.severe("the number-portability inbox must allow atomic renames: " + file);
            return;
        }
        Properties parameters = new Properties();
        parameters.setProperty("file", claimed.toAbsolutePath().toString());
        long execution = BatchRuntime.getJobOperator().start("np-import", parameters);
        LOG.info(() -> "number-portability file " + file.getFileName() + " claimed; np-import execution " + execution);
    }
}
