package tw.gov.sms.sftp;

import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import com.jcraft.jsch.SftpATTRS;
import com.jcraft.jsch.SftpException;
import java.io.ByteArrayInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import tw.gov.sms.shared.domain.Problem;
import tw.gov.sms.shared.domain.ProblemCode;

/**
 * One open SFTP connection to one agency's account: {@code inbox/}, {@code processed/}, {@code rejected/}, {@code
 * outbox/} (docs/sftp.md). Not thread-safe: one poll uses one mailbox and closes it.
 *
 * <p>Every operation runs under the endpoint's timeout: connecting and opening the channel directly, and every later
 * operation through SSH keep-alives (a server silent for three timeouts is dropped, which ends any waiting call).
 */
public final class SftpMailbox implements AutoCloseable {

    public static final String INBOX = "inbox";
    public static final String PROCESSED = "processed";
    public static final String REJECTED = "rejected";
    public static final String OUTBOX = "outbox";

    private static final Set<String> FOLDERS = Set.of(INBOX, PROCESSED, REJECTED, OUTBOX);
    private static final String HARDLINK = "hardlink@openssh.com";
    private static final String POSIX_RENAME = "posix-rename@openssh.com";
    private static final int MAX_NAME_ATTEMPTS = 50;
    private static final Logger LOG = Logger.getLogger(SftpMailbox.class.getName());

    private final SftpEndpoint endpoint;
    private final Session session;
    private final ChannelSftp sftp;
    private final Clock clock;

    private SftpMailbox(SftpEndpoint endpoint, Session session, ChannelSftp sftp, Clock clock) {
        this.endpoint = endpoint;
        this.session = session;
        this.sftp = sftp;
        this.clock = clock;
    }

    /** Connects, verifies the server's host key against the endpoint's and logs in. */
    public static SftpMailbox open(SftpEndpoint endpoint) throws SftpFailure {
        return open(endpoint, Clock.systemUTC());
    }

    static SftpMailbox open(SftpEndpoint endpoint, Clock clock) throws SftpFailure {
        JSch jsch = new JSch();
        PinnedHostKey hostKey;
        try {
            jsch.setKnownHosts(
                    new ByteArrayInputStream(endpoint.knownHostsLine().getBytes(StandardCharsets.UTF_8)));
            hostKey = new PinnedHostKey(jsch.getHostKeyRepository());
            jsch.setHostKeyRepository(hostKey);
            if (endpoint.privateKeyPem() != null) {
                jsch.addIdentity(
                        endpoint.username(), endpoint.privateKeyPem().getBytes(StandardCharsets.US_ASCII), null, null);
            }
        } catch (JSchException e) {
            throw new SftpFailure(
                    SftpFailure.Kind.AUTHENTICATION,
                    "The configuration of " + endpoint.describe() + " is unusable (known-hosts line or private key): "
                            + e.getMessage(),
                    e);
        }
        Session session = null;
        ChannelSftp channel = null;
        boolean opened = false;
        int timeout = (int) endpoint.timeout().toMillis();
        try {
            session = jsch.getSession(endpoint.username(), endpoint.host(), endpoint.port());
            session.setConfig("StrictHostKeyChecking", "yes");
            session.setConfig("server_host_key", hostKeyAlgorithms(endpoint.hostKeyType()));
            session.setConfig(
                    "PreferredAuthentications",
                    endpoint.privateKeyPem() != null && endpoint.password() != null
                            ? "publickey,password"
                            : endpoint.privateKeyPem() != null ? "publickey" : "password");
            if (endpoint.password() != null) {
                session.setPassword(endpoint.password());
            }
            session.setServerAliveInterval(timeout);
            session.setServerAliveCountMax(3);
            session.connect(timeout);
            channel = (ChannelSftp) session.openChannel("sftp");
            channel.connect(timeout);
            opened = true;
            return new SftpMailbox(endpoint, session, channel, clock);
        } catch (JSchException e) {
            throw connectFailure(endpoint, hostKey, e);
        } finally {
            if (!opened) {
                if (channel != null) {
                    channel.disconnect();
                }
                if (session != null) {
                    session.disconnect();
                }
            }
        }
    }

    /**
     * Lists the inbox and sorts it by the completion convention: every manifest with its data file, read and parsed
     * (or with the reasons it cannot be taken); data files still waiting for their manifest; and strays.
     */
    public Inbox scan() throws SftpFailure {
        Instant now = clock.instant();
        Map<String, InboxFile> regular = new HashMap<>();
        List<InboxFile> notRegular = new ArrayList<>();
        for (ChannelSftp.LsEntry entry : ls(INBOX)) {
            String name = entry.getFilename();
            if (InboxNames.ignored(name)) {
                continue;
            }
            SftpATTRS attrs = entry.getAttrs();
            InboxFile file = new InboxFile(
                    name, attrs.getSize(), Instant.ofEpochSecond(Integer.toUnsignedLong(attrs.getMTime())));
            if (attrs.isReg()) {
                regular.put(name, file);
            } else {
                notRegular.add(file);
            }
        }
        List<Submission> submissions = new ArrayList<>();
        List<InboxFile> pending = new ArrayList<>();
        List<Stray> strays = new ArrayList<>();
        Set<String> claimed = new HashSet<>();
        for (InboxFile file : regular.values()) {
            if (InboxNames.isManifest(file.name())) {
                String dataName = Manifest.dataFileName(file.name());
                claimed.add(dataName);
                submissions.add(submission(file, regular.get(dataName)));
            }
        }
        for (InboxFile file : regular.values()) {
            if (InboxNames.isManifest(file.name()) || claimed.contains(file.name())) {
                continue;
            }
            if (InboxNames.isDataFile(file.name())) {
                pending.add(file);
            } else {
                strays.add(new Stray(file, problem(ProblemCode.SFTP_UNSUPPORTED_FILE_TYPE, file.name(), file.name())));
            }
        }
        for (InboxFile file : notRegular) {
            strays.add(new Stray(file, problem(ProblemCode.SFTP_NOT_A_REGULAR_FILE, file.name(), file.name())));
        }
        submissions.sort((a, b) -> compareByTime(a.manifestFile(), b.manifestFile()));
        pending.sort(SftpMailbox::compareByTime);
        strays.sort((a, b) -> compareByTime(a.file(), b.file()));
        return new Inbox(now, submissions, pending, strays);
    }

    private Submission submission(InboxFile manifestFile, InboxFile dataFile) throws SftpFailure {
        String manifestName = manifestFile.name();
        String dataName = Manifest.dataFileName(manifestName);
        List<Problem> problems = new ArrayList<>();
        if (!InboxNames.isDataFile(dataName)) {
            problems.add(problem(ProblemCode.SFTP_UNSUPPORTED_FILE_TYPE, manifestName, dataName));
        }
        if (dataFile == null) {
            problems.add(problem(ProblemCode.SFTP_DATA_FILE_MISSING, manifestName, manifestName, dataName));
        }
        if (manifestFile.size() > Manifest.MAX_BYTES) {
            problems.add(problem(
                    ProblemCode.MANIFEST_TOO_LARGE, manifestName, manifestFile.size(), (long) Manifest.MAX_BYTES));
            return new Submission(manifestFile, dataFile, null, null, problems);
        }
        byte[] bytes;
        try (InputStream in = sftp.get(InboxNames.quote(path(INBOX, manifestName)))) {
            bytes = in.readNBytes(Manifest.MAX_BYTES + 1);
        } catch (SftpException e) {
            if (e.id == ChannelSftp.SSH_FX_NO_SUCH_FILE) {
                // Deleted between listing and reading: the agency is replacing it; look again next poll.
                problems.add(problem(ProblemCode.SFTP_FILE_UNREADABLE, manifestName, manifestName, e.getMessage()));
            } else if (e.id == ChannelSftp.SSH_FX_PERMISSION_DENIED) {
                problems.add(problem(ProblemCode.SFTP_FILE_UNREADABLE, manifestName, manifestName, e.getMessage()));
            } else {
                throw failure("reading " + path(INBOX, manifestName), e);
            }
            return new Submission(manifestFile, dataFile, null, null, problems);
        } catch (IOException e) {
            throw new SftpFailure(
                    SftpFailure.Kind.CONNECT,
                    "Reading " + path(INBOX, manifestName) + " from " + endpoint.describe() + " failed: "
                            + e.getMessage(),
                    e);
        }
        String manifestSha256 = sha256(bytes);
        Manifest manifest = null;
        try {
            manifest = Manifest.parse(bytes, manifestName);
        } catch (ManifestException e) {
            problems.addAll(e.problems());
        }
        if (manifest != null && dataFile != null && dataFile.size() != manifest.size()) {
            problems.add(problem(ProblemCode.SFTP_SIZE_MISMATCH, dataName, dataName, manifest.size(), dataFile.size()));
        }
        return new Submission(manifestFile, dataFile, manifestSha256, manifest, problems);
    }

    /**
     * Copies {@code inbox/<inboxName>} to {@code localFile} (created or replaced), computing its length and SHA-256
     * on the way; compare them with the manifest by {@link Download#verify}. A failed copy leaves no local file.
     */
    public Download download(String inboxName, Path localFile) throws SftpFailure {
        String source = path(INBOX, InboxNames.requirePlain(inboxName));
        MessageDigest digest = newSha256();
        long[] count = {0};
        boolean complete = false;
        try (OutputStream file = Files.newOutputStream(localFile);
                OutputStream out = new CountingStream(new DigestOutputStream(file, digest), count)) {
            sftp.get(InboxNames.quote(source), out);
            complete = true;
        } catch (SftpException e) {
            throw failure("downloading " + source, e);
        } catch (IOException e) {
            throw new SftpFailure(
                    SftpFailure.Kind.IO,
                    "Writing " + localFile + " (from " + source + ") failed: " + e.getMessage(),
                    e);
        } finally {
            if (!complete) {
                deleteQuietly(localFile);
            }
        }
        return new Download(localFile, count[0], HexFormat.of().formatHex(digest.digest()));
    }

    /**
     * Moves {@code inbox/<inboxName>} to {@code processed/}; if a file of that name is already there, the moved one
     * gets a time stamp (see {@link #moveToRejected}). Never overwrites.
     *
     * @return the path it now has, e.g. {@code processed/bills.csv} or {@code processed/bills.20261201T090000.csv}
     */
    public String moveToProcessed(String inboxName) throws SftpFailure {
        return move(List.of(InboxNames.requirePlain(inboxName)), PROCESSED).get(0);
    }

    /**
     * Moves {@code inbox/<inboxName>} to {@code rejected/}. If the name is taken there, the moved file gets a time
     * stamp before its type ({@code bills.csv} → {@code bills.20261201T090000.csv}, then {@code …T090000-2.csv}).
     * Never overwrites: with OpenSSH's {@code hardlink@openssh.com} the server refuses an existing target itself;
     * elsewhere the target is checked just before the rename.
     */
    public String moveToRejected(String inboxName) throws SftpFailure {
        return move(List.of(InboxNames.requirePlain(inboxName)), REJECTED).get(0);
    }

    /**
     * Moves a submission's manifest and data file to {@code processed/} under one time stamp, so they stay a pair.
     * The manifest goes first: should the connection break in between, the data file is left without manifest and so
     * is not taken a second time.
     *
     * @return the new paths, manifest first
     */
    public List<String> moveToProcessed(Submission submission) throws SftpFailure {
        return move(namesOf(submission), PROCESSED);
    }

    /** {@link #moveToProcessed(Submission)} to {@code rejected/}. */
    public List<String> moveToRejected(Submission submission) throws SftpFailure {
        return move(namesOf(submission), REJECTED);
    }

    /**
     * Writes {@code outbox/<name>} atomically: the content goes to {@code outbox/.<name>.part} (hidden, so an agency's
     * script never picks up half a file) and is then renamed over {@code name}, replacing an earlier version.
     */
    public void writeOutbox(String name, InputStream content) throws SftpFailure {
        InboxNames.requirePlain(name);
        if (name.startsWith(".") || InboxNames.ignored(name)) {
            throw new IllegalArgumentException(
                    "an outbox file must not be hidden or look like a partial upload: " + name);
        }
        String target = path(OUTBOX, name);
        String temporary = path(OUTBOX, "." + name + ".part");
        boolean written = false;
        try {
            sftp.put(content, InboxNames.quote(temporary), ChannelSftp.OVERWRITE);
            if (sftp.getExtension(POSIX_RENAME) == null && exists(target)) {
                // Plain SFTP rename refuses an existing target; without posix-rename the replacement is two steps.
                sftp.rm(InboxNames.quote(target));
            }
            sftp.rename(InboxNames.quote(temporary), InboxNames.quote(target));
            written = true;
        } catch (SftpException e) {
            throw failure("writing " + target, e);
        } finally {
            if (!written) {
                try {
                    sftp.rm(InboxNames.quote(temporary));
                } catch (SftpException | RuntimeException e) {
                    LOG.log(Level.FINE, "could not remove " + temporary, e);
                }
            }
        }
    }

    /** The names in one of the four folders ({@code inbox}, {@code processed}, {@code rejected}, {@code outbox}). */
    public List<String> list(String dir) throws SftpFailure {
        if (!FOLDERS.contains(dir)) {
            throw new IllegalArgumentException("not one of the agency folders " + FOLDERS + ": " + dir);
        }
        return ls(dir).stream().map(ChannelSftp.LsEntry::getFilename).sorted().toList();
    }

    @Override
    public void close() {
        try {
            sftp.disconnect();
        } finally {
            session.disconnect();
        }
    }

    private List<String> move(List<String> names, String folder) throws SftpFailure {
        for (int attempt = 0; attempt <= MAX_NAME_ATTEMPTS; attempt++) {
            String stamp = attempt == 0 ? null : InboxNames.stamp(clock.instant(), attempt);
            List<String> targets = names.stream()
                    .map(n -> path(folder, stamp == null ? n : InboxNames.withStamp(n, stamp)))
                    .toList();
            if (anyExists(targets)) {
                continue;
            }
            if (!moveNoReplace(path(INBOX, names.get(0)), targets.get(0))) {
                continue; // taken in the meantime
            }
            for (int i = 1; i < names.size(); i++) {
                if (!moveNoReplace(path(INBOX, names.get(i)), targets.get(i))) {
                    throw new SftpFailure(
                            SftpFailure.Kind.IO,
                            targets.get(i) + " appeared while moving " + names + " on " + endpoint.describe(),
                            null);
                }
            }
            LOG.fine(() -> endpoint.describe() + ": moved " + names + " to " + targets);
            return targets;
        }
        throw new SftpFailure(
                SftpFailure.Kind.IO,
                "No free name in " + folder + "/ for " + names + " on " + endpoint.describe(),
                null);
    }

    /** False when the target exists. */
    private boolean moveNoReplace(String source, String target) throws SftpFailure {
        try {
            if (sftp.getExtension(HARDLINK) != null) {
                try {
                    sftp.hardlink(InboxNames.quote(source), InboxNames.quote(target));
                    sftp.rm(InboxNames.quote(source));
                    return true;
                } catch (SftpException e) {
                    if (exists(target)) {
                        return false;
                    }
                    // e.g. the kernel's protected_hardlinks for a file of another owner: rename after a check
                    LOG.log(Level.FINE, "hard link refused, renaming " + source, e);
                }
            }
            if (exists(target)) {
                return false;
            }
            sftp.rename(InboxNames.quote(source), InboxNames.quote(target));
            return true;
        } catch (SftpException e) {
            throw failure("moving " + source + " to " + target, e);
        }
    }

    private boolean anyExists(List<String> paths) throws SftpFailure {
        for (String p : paths) {
            if (exists(p)) {
                return true;
            }
        }
        return false;
    }

    private boolean exists(String path) throws SftpFailure {
        try {
            sftp.lstat(InboxNames.quote(path));
            return true;
        } catch (SftpException e) {
            if (e.id == ChannelSftp.SSH_FX_NO_SUCH_FILE) {
                return false;
            }
            throw failure("checking " + path, e);
        }
    }

    private List<ChannelSftp.LsEntry> ls(String dir) throws SftpFailure {
        List<ChannelSftp.LsEntry> entries = new ArrayList<>();
        try {
            sftp.ls(dir, entry -> {
                String name = entry.getFilename();
                if (!name.equals(".") && !name.equals("..")) {
                    entries.add(entry);
                }
                return ChannelSftp.LsEntrySelector.CONTINUE;
            });
        } catch (SftpException e) {
            throw failure("listing " + dir + "/", e);
        }
        return entries;
    }

    private static List<String> namesOf(Submission submission) {
        return submission.dataFile() == null
                ? List.of(submission.manifestName())
                : List.of(submission.manifestName(), submission.dataFile().name());
    }

    private static String path(String folder, String name) {
        return folder + "/" + name;
    }

    private static int compareByTime(InboxFile a, InboxFile b) {
        int byTime = a.modified().compareTo(b.modified());
        return byTime != 0 ? byTime : a.name().compareTo(b.name());
    }

    private static Problem problem(ProblemCode code, String field, Object... args) {
        return Problem.of(code, field, null, args);
    }

    private SftpFailure failure(String what, SftpException e) {
        SftpFailure.Kind kind = switch (e.id) {
            case ChannelSftp.SSH_FX_NO_SUCH_FILE -> SftpFailure.Kind.NOT_FOUND;
            case ChannelSftp.SSH_FX_PERMISSION_DENIED -> SftpFailure.Kind.PERMISSION_DENIED;
            case ChannelSftp.SSH_FX_NO_CONNECTION, ChannelSftp.SSH_FX_CONNECTION_LOST -> SftpFailure.Kind.CONNECT;
            default -> session.isConnected() ? SftpFailure.Kind.IO : SftpFailure.Kind.CONNECT;
        };
        return new SftpFailure(kind, "SFTP " + what + " on " + endpoint.describe() + " failed: " + e.getMessage(), e);
    }

    private static SftpFailure connectFailure(SftpEndpoint endpoint, PinnedHostKey hostKey, JSchException e) {
        if (hostKey.rejected()) {
            byte[] expected = java.util.Base64.getDecoder().decode(endpoint.hostKeyBase64());
            String hosts = endpoint.knownHostsLine().trim().split("\\s+")[0];
            String why = hostKey.presented(expected)
                    ? "the server presented the expected key " + PinnedHostKey.describe(expected)
                            + ", but the configured known-hosts line names the host(s) " + hosts + ", not ["
                            + endpoint.host() + "]:" + endpoint.port() + ". Correct the host in the known-hosts line."
                    : "the server presented " + hostKey.presentedDescription()
                            + " but the configured known-hosts line ("
                            + hosts + ") expects " + PinnedHostKey.describe(expected)
                            + ". Refusing to connect: this is either a different server (possible interception) or"
                            + " its key was changed. Confirm the new key with the server's operator out of band, then"
                            + " update the endpoint's known-hosts line.";
            return new SftpFailure(
                    SftpFailure.Kind.HOST_KEY_REJECTED,
                    "Host key verification failed for " + endpoint.describe() + ": " + why,
                    e);
        }
        String message = String.valueOf(e.getMessage());
        if (message.startsWith("Auth fail") || message.startsWith("Auth cancel")) {
            return new SftpFailure(
                    SftpFailure.Kind.AUTHENTICATION,
                    "Authentication failed for " + endpoint.describe()
                            + ": the server refused the configured private key or password (" + message + ")",
                    e);
        }
        return new SftpFailure(
                SftpFailure.Kind.CONNECT,
                "Could not connect to " + endpoint.describe() + " within "
                        + endpoint.timeout().toMillis() + " ms: " + message,
                e);
    }

    /** The server must present the pinned key's type, not another of its keys that we have no pin for. */
    private static String hostKeyAlgorithms(String keyType) {
        return keyType.equals("ssh-rsa") ? "rsa-sha2-512,rsa-sha2-256" : keyType;
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    private static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(newSha256().digest(bytes));
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "could not delete the partial download " + file, e);
        }
    }

    /** Counts the bytes going through, for the download's size. */
    private static final class CountingStream extends FilterOutputStream {
        private final long[] count;

        CountingStream(OutputStream out, long[] count) {
            super(out);
            this.count = count;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count[0]++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count[0] += len;
        }
    }
}
