package tw.gov.sms.routing.interfaces.batch;

import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import tw.gov.sms.intake.infrastructure.SftpServerSettings;
import tw.gov.sms.sftp.SftpEndpoint;
import tw.gov.sms.sftp.SftpFailure;
import tw.gov.sms.sftp.SftpMailbox;

/**
 * Number-portability files from an SFTP drop (R1.2, docs/number-portability.md): the data provider
 * uploads {@code NAME.np} (as {@code NAME.np.part}, renamed when complete) to the {@code inbox/} of
 * the account {@code sms.routing.np-sftp.username}; every few seconds this poller copies each complete
 * file into the local number-portability inbox with an atomic rename, where {@link NpInboxPoller} takes
 * it as if it had been dropped there, and moves the remote file to {@code processed/}. A file whose name
 * the local inbox has already seen is only moved: a copy interrupted by a crash is taken again, a file
 * already imported is not imported twice.
 */
@Singleton
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class NpSftpPoller {

    private static final Logger LOG = Logger.getLogger(NpSftpPoller.class.getName());

    @Inject
    @ConfigProperty(name = "sms.routing.np-inbox")
    Optional<String> inbox;

    @Inject
    SftpServerSettings server;

    @Inject
    @ConfigProperty(name = "sms.routing.np-sftp.username")
    Optional<String> username;

    @Inject
    @ConfigProperty(name = "sms.routing.np-sftp.private-key-file")
    Optional<String> keyFile;

    @Schedule(hour = "*", minute = "*", second = "*/10", persistent = false)
    void poll() {
        if (!configured(inbox) || !server.configured() || !configured(username) || !configured(keyFile)) {
            return;
        }
        Path local = Path.of(inbox.get());
        try {
            SftpEndpoint endpoint = server.endpoint(username.get(), Files.readString(Path.of(keyFile.get())));
            try (SftpMailbox drop = SftpMailbox.open(endpoint)) {
                for (String name : drop.list(SftpMailbox.INBOX)) {
                    if (name.endsWith(".np") && !name.startsWith(".")) {
                        take(drop, name, local);
                    }
                }
            }
        } catch (SftpFailure | IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "cannot take number-portability files from the SFTP drop: " + e, e);
        }
    }

    private static void take(SftpMailbox drop, String name, Path local) throws SftpFailure, IOException {
        boolean seen = Files.exists(local.resolve(name))
                || Files.exists(local.resolve("processing").resolve(name))
                || Files.exists(local.resolve("processed").resolve(name))
                || Files.exists(local.resolve("rejected").resolve(name));
        if (!seen) {
            Files.createDirectories(local);
            Path part = local.resolve("." + name + ".sftp-part");
            drop.download(name, part);
            Files.move(part, local.resolve(name), StandardCopyOption.ATOMIC_MOVE);
            LOG.info(() -> "number-portability file " + name + " copied from the SFTP drop");
        }
        drop.moveToProcessed(name);
    }

    private static boolean configured(Optional<String> value) {
        return value.filter(v -> !v.isBlank()).isPresent();
    }
}
