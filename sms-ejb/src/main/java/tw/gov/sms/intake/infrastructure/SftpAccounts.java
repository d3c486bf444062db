package tw.gov.sms.intake.infrastructure;

import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.KeyPair;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import tw.gov.sms.account.domain.Agency;
import tw.gov.sms.account.domain.AgencyId;
import tw.gov.sms.shared.infrastructure.crypto.FieldCipher;
import tw.gov.sms.shared.infrastructure.crypto.FieldCipher.Purpose;

/**
 * The agencies' SFTP accounts. Which agency polls which account comes from {@code sms.sftp.accounts}
 * ({@code AGENCY-CODE=username,…}); the platform makes its own ECDSA P-256 key pair per account on first
 * use and keeps the private half encrypted; the public half is what the SFTP server's operator installs
 * (and what {@code GET /api/v1/sftp} shows the agency).
 */
@Stateless
public class SftpAccounts {

    private static final Logger LOG = Logger.getLogger(SftpAccounts.class.getName());

    /** One account as the poller needs it. */
    public record Account(
            AgencyId agency, String agencyCode, String username, String privateKeyPem, String publicKey) {}

    @PersistenceContext(unitName = "sms")
    EntityManager em;

    @Inject
    FieldCipher cipher;

    @Inject
    @ConfigProperty(name = "sms.sftp.accounts")
    Optional<String> accounts;

    @Inject
    @ConfigProperty(name = "sms.sftp.dev-keys-dir")
    Optional<String> devKeysDir;

    /** The configured accounts whose agency exists, each with its key pair (made on first use). */
    public List<Account> active() {
        List<Account> out = new ArrayList<>();
        for (String pair : accounts.orElse("").split(",")) {
            String[] kv = pair.strip().split("=", 2);
            if (kv.length != 2 || kv[0].isBlank() || kv[1].isBlank()) {
                continue;
            }
            Optional<Agency> agency = em.createNamedQuery(Agency.BY_CODE, Agency.class)
                    .setParameter("code", kv[0].strip())
                    .getResultStream()
                    .findFirst();
            if (agency.isEmpty() || !agency.get().isActive()) {
                continue;
            }
            out.add(account(agency.get(), kv[1].strip()));
        }
        return out;
    }

    /** The account of one agency, if it has one. */
    public Optional<Account> of(AgencyId agency) {
        return active().stream().filter(a -> a.agency().equals(agency)).findFirst();
    }

    public void polled(AgencyId agency, String error) {
        em.createNativeQuery("update sftp_account set last_poll_at = now(), last_error = ?1 where agency_id = ?2")
                .setParameter(1, error == null ? null : error.length() > 1000 ? error.substring(0, 1000) : error)
                .setParameter(2, agency.value())
                .executeUpdate();
    }

    private Account account(Agency agency, String username) {
        Account existing = stored(agency, username);
        if (existing != null) {
            return existing;
        }
        String[] pair = newKeyPair("sms-platform@" + agency.getCode());
        int inserted = em.createNativeQuery("insert into sftp_account (agency_id, username, private_key_cipher,"
                        + " key_version, public_key) values (?1, ?2, ?3, ?4, ?5) on conflict (agency_id) do nothing")
                .setParameter(1, agency.getId())
                .setParameter(2, username)
                .setParameter(3, cipher.encrypt(pair[0], Purpose.SFTP_KEY))
                .setParameter(4, (short) cipher.activeVersion())
                .setParameter(5, pair[1])
                .executeUpdate();
        if (inserted == 0) { // another poll or request made it first
            return stored(agency, username);
        }
        LOG.info(() -> "SFTP account " + username + " of agency " + agency.getCode()
                + ": new platform key pair; install this public key on the SFTP server: " + pair[1]);
        devKeysDir.filter(d -> !d.isBlank()).ifPresent(dir -> installForDevelopment(Path.of(dir), username, pair[1]));
        return new Account(agency.agencyId(), agency.getCode(), username, pair[0], pair[1]);
    }

    private Account stored(Agency agency, String username) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                        "select username, private_key_cipher, public_key from sftp_account where agency_id = ?1")
                .setParameter(1, agency.getId())
                .getResultList();
        if (!rows.isEmpty()) {
            Object[] r = rows.get(0);
            if (!username.equals(r[0])) {
                em.createNativeQuery("update sftp_account set username = ?1 where agency_id = ?2")
                        .setParameter(1, username)
                        .setParameter(2, agency.getId())
                        .executeUpdate();
            }
            return new Account(
                    agency.agencyId(),
                    agency.getCode(),
                    username,
                    cipher.decrypt((byte[]) r[1], Purpose.SFTP_KEY),
                    (String) r[2]);
        }
        return null;
    }

    /** Development only: the stand-in SFTP server reads authorized keys from {@code <dir>/<user>.pub}. */
    private static void installForDevelopment(Path dir, String username, String publicKey) {
        try {
            Files.createDirectories(dir);
            Files.writeString(
                    dir.resolve(username + ".pub"),
                    publicKey + "\n",
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            LOG.warning("cannot install the platform key for the SFTP stand-in: " + e);
        }
    }

    /** A new ECDSA P-256 key pair (JSch cannot write Ed25519 private keys): private key (PEM) and public key (authorized_keys line). */
    private static String[] newKeyPair(String comment) {
        try {
            KeyPair kp = KeyPair.genKeyPair(new JSch(), KeyPair.ECDSA, 256);
            ByteArrayOutputStream priv = new ByteArrayOutputStream();
            ByteArrayOutputStream pub = new ByteArrayOutputStream();
            kp.writePrivateKey(priv);
            kp.writePublicKey(pub, comment);
            kp.dispose();
            return new String[] {
                priv.toString(StandardCharsets.US_ASCII),
                pub.toString(StandardCharsets.US_ASCII).strip()
            };
        } catch (JSchException e) {
            throw new IllegalStateException("cannot make an SFTP key pair", e);
        }
    }
}
