package tw.gov.sms.sftp.testing;

import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import com.jcraft.jsch.SftpException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import tw.gov.sms.sftp.Manifest;
import tw.gov.sms.sftp.SftpEndpoint;

/**
 * Plays an agency: logs in with the agency's own key (plain JSch, not the platform's {@link
 * tw.gov.sms.sftp.SftpMailbox}) and uploads the way docs/sftp.md tells agencies to, or misbehaves on purpose. Paths
 * are as the agency sees them inside its chroot, e.g. {@code inbox/bills.csv}.
 */
public final class AgencyClient implements AutoCloseable {

    private final Session session;
    private final ChannelSftp sftp;

    private AgencyClient(Session session, ChannelSftp sftp) {
        this.session = session;
        this.sftp = sftp;
    }

    public static AgencyClient connect(SftpEndpoint endpoint) {
        try {
            JSch jsch = new JSch();
            jsch.setKnownHosts(
                    new ByteArrayInputStream(endpoint.knownHostsLine().getBytes(StandardCharsets.UTF_8)));
            jsch.addIdentity(
                    endpoint.username(), endpoint.privateKeyPem().getBytes(StandardCharsets.US_ASCII), null, null);
            Session session = jsch.getSession(endpoint.username(), endpoint.host(), endpoint.port());
            session.setConfig("StrictHostKeyChecking", "yes");
            session.setConfig("PreferredAuthentications", "publickey");
            int timeout = (int) endpoint.timeout().toMillis();
            session.connect(timeout);
            try {
                ChannelSftp sftp = (ChannelSftp) session.openChannel("sftp");
                sftp.connect(timeout);
                return new AgencyClient(session, sftp);
            } catch (JSchException | RuntimeException e) {
                session.disconnect();
                throw e;
            }
        } catch (JSchException e) {
            throw new IllegalStateException("the agency could not log in as " + endpoint.describe(), e);
        }
    }

    /**
     * A complete send by the convention: the data file, then its manifest last (uploaded as {@code .manifest.part}
     * and renamed, as an agency without atomic uploads does).
     *
     * @return the manifest that was uploaded
     */
    public Manifest submit(String dataName, byte[] data, String text) throws SftpException {
        Manifest manifest = manifestFor(dataName, data, text);
        put("inbox/" + dataName, data);
        put("inbox/" + dataName + Manifest.SUFFIX + ".part", manifest.toBytes());
        sftp.rename("inbox/" + dataName + Manifest.SUFFIX + ".part", "inbox/" + dataName + Manifest.SUFFIX);
        return manifest;
    }

    /** The manifest an agency writes for {@code data}: its real size and SHA-256. */
    public static Manifest manifestFor(String dataName, byte[] data, String text) {
        return new Manifest(dataName, sha256(data), data.length, text, null, null, false, null, null);
    }

    public void put(String path, byte[] content) throws SftpException {
        sftp.put(new ByteArrayInputStream(content), path, ChannelSftp.OVERWRITE);
    }

    public void put(String path, String content) throws SftpException {
        put(path, content.getBytes(StandardCharsets.UTF_8));
    }

    public byte[] get(String path) throws SftpException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        sftp.get(path, out);
        return out.toByteArray();
    }

    public String getText(String path) throws SftpException {
        return new String(get(path), StandardCharsets.UTF_8);
    }

    /** Names in a folder, without {@code .} and {@code ..}, sorted. */
    public List<String> ls(String path) throws SftpException {
        return sftp.ls(path).stream()
                .map(ChannelSftp.LsEntry::getFilename)
                .filter(n -> !n.equals(".") && !n.equals(".."))
                .sorted()
                .toList();
    }

    public void rename(String from, String to) throws SftpException {
        sftp.rename(from, to);
    }

    public void rm(String path) throws SftpException {
        sftp.rm(path);
    }

    /** Where the server says a path leads (what {@code ..} resolves to inside the chroot). */
    public String realpath(String path) throws SftpException {
        return sftp.realpath(path);
    }

    /** The raw channel, for what the methods above do not cover. */
    public ChannelSftp sftp() {
        return sftp;
    }

    public static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        sftp.disconnect();
        session.disconnect();
    }
}
