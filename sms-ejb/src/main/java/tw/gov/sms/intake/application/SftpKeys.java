package tw.gov.sms.intake.application;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tw.gov.sms.account.application.AccountException;
import tw.gov.sms.account.application.AllowList;
import tw.gov.sms.account.application.Audit;
import tw.gov.sms.account.domain.Actor;
import tw.gov.sms.account.domain.AgencyId;
import tw.gov.sms.account.domain.Role;
import tw.gov.sms.intake.infrastructure.SftpAccounts;

/**
 * The agencies' SSH keys for uploading, and the answer the SFTP server gets when it asks which keys may
 * log in as an account (R9.1 on the SFTP channel). Every key is answered with
 * {@code from="<the agency's approved ranges>",restrict}: sshd then admits it only from an approved
 * address, and an allow-list decision applies at the next login. An agency with no approved range gets
 * no key at all (default deny). The platform's own polling key is not among them: the operator installs
 * it in the server's static authorized-keys file.
 */
@Stateless
public class SftpKeys {

    private static final Set<String> TYPES =
            Set.of("ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521", "ssh-rsa");

    @PersistenceContext(unitName = "sms")
    EntityManager em;

    @Inject
    SftpAccounts accounts;

    @Inject
    AllowList allowList;

    @Inject
    Audit audit;

    public record KeyView(long id, String type, String fingerprint, String comment, Instant addedAt, String addedBy) {}

    public KeyView add(Actor actor, Long agencyId, String publicKeyLine) {
        AgencyId agency = agencyOf(actor, agencyId, "SFTP_KEY_ADD");
        String[] parts = parse(publicKeyLine);
        String fingerprint = fingerprint(parts[1]);
        boolean present = !em.createNativeQuery("select id from sftp_agency_key where agency_id = ? and fingerprint = ?"
                        + " and revoked_at is null")
                .setParameter(1, agency.value())
                .setParameter(2, fingerprint)
                .getResultList()
                .isEmpty();
        if (present) {
            throw new AccountException(
                    409,
                    "SFTP_KEY_DUPLICATE",
                    "此金鑰已登錄：" + fingerprint,
                    "This key is already registered: " + fingerprint);
        }
        Number id = (Number)
                em.createNativeQuery("insert into sftp_agency_key (agency_id, key_type, key_base64, fingerprint,"
                                + " comment, added_by) values (?, ?, ?, ?, ?, ?) returning id")
                        .setParameter(1, agency.value())
                        .setParameter(2, parts[0])
                        .setParameter(3, parts[1])
                        .setParameter(4, fingerprint)
                        .setParameter(5, parts[2])
                        .setParameter(6, actor.name())
                        .getSingleResult();
        audit.success(actor, "SFTP_KEY_ADD", "sftp-key:" + id, fingerprint + " for agency " + agency.value());
        return new KeyView(id.longValue(), parts[0], fingerprint, parts[2], Instant.now(), actor.name());
    }

    @SuppressWarnings("unchecked")
    public List<KeyView> list(Actor actor, Long agencyId) {
        AgencyId agency = agencyOf(actor, agencyId, "SFTP_KEY_LIST");
        List<KeyView> out = new ArrayList<>();
        for (Object[] r :
                (List<Object[]>) em.createNativeQuery("select id, key_type, fingerprint, comment, added_at, added_by"
                                + " from sftp_agency_key where agency_id = ? and revoked_at is null order by id")
                        .setParameter(1, agency.value())
                        .getResultList()) {
            out.add(new KeyView(
                    ((Number) r[0]).longValue(), (String) r[1], (String) r[2], (String) r[3], instant(r[4]), (String)
                            r[5]));
        }
        return out;
    }

    public void revoke(Actor actor, long id) {
        List<?> rows = em.createNativeQuery("select agency_id from sftp_agency_key where id = ? and revoked_at is null")
                .setParameter(1, id)
                .getResultList();
        if (rows.isEmpty()) {
            throw AccountException.notFound("SFTP 金鑰", "SFTP key");
        }
        AgencyId owner = new AgencyId(((Number) rows.get(0)).longValue());
        boolean mine = actor.seesAllAgencies()
                || ((actor.kind() == Actor.Kind.API_CLIENT || actor.has(Role.GROUP_ADMIN))
                        && owner.equals(actor.agency()));
        if (!mine) {
            audit.refused(actor, "SFTP_KEY_REVOKE", "sftp-key:" + id, "another agency's key");
            throw AccountException.notFound("SFTP 金鑰", "SFTP key");
        }
        em.createNativeQuery("update sftp_agency_key set revoked_at = now() where id = ?")
                .setParameter(1, id)
                .executeUpdate();
        audit.success(actor, "SFTP_KEY_REVOKE", "sftp-key:" + id, null);
    }

    /**
     * The authorized_keys lines for one SFTP user, each limited to the agency's approved ranges; empty for
     * an unknown user, an agency without approved ranges, or one without keys.
     */
    @SuppressWarnings("unchecked")
    public String authorizedKeys(String username) {
        Optional<SftpAccounts.Account> account = accounts.active().stream()
                .filter(a -> a.username().equals(username))
                .findFirst();
        if (account.isEmpty()) {
            return "";
        }
        List<String> ranges = allowList.approvedRanges(account.get().agency());
        if (ranges.isEmpty()) {
            return "";
        }
        String from = "from=\"" + String.join(",", ranges) + "\",restrict ";
        StringBuilder out = new StringBuilder();
        for (Object[] r : (List<Object[]>) em.createNativeQuery("select id, key_type, key_base64 from sftp_agency_key"
                        + " where agency_id = ? and revoked_at is null order by id")
                .setParameter(1, account.get().agency().value())
                .getResultList()) {
            out.append(from)
                    .append(r[1])
                    .append(' ')
                    .append(r[2])
                    .append(" agency-key-")
                    .append(r[0])
                    .append('\n');
        }
        return out.toString();
    }

    private AgencyId agencyOf(Actor actor, Long agencyId, String action) {
        if (actor.kind() == Actor.Kind.API_CLIENT || actor.has(Role.GROUP_ADMIN)) {
            if (agencyId != null && agencyId != actor.agency().value()) {
                audit.refused(actor, action, "agency:" + agencyId, "another agency");
                throw AccountException.notPermitted("只能管理自己機關的金鑰。", "You manage your own agency's keys only.");
            }
            return actor.agency();
        }
        if (actor.seesAllAgencies()) {
            if (agencyId == null) {
                throw AccountException.invalid("AGENCY_REQUIRED", "請指定機關（agencyId）。", "Name the agency (agencyId).");
            }
            return new AgencyId(agencyId);
        }
        audit.refused(actor, action, null, "role " + actor.roleName());
        throw AccountException.notPermitted("您無權管理 SFTP 金鑰。", "You may not manage SFTP keys.");
    }

    /** type, base64, comment — checked: a known type, valid base64, and the blob names the same type. */
    static String[] parse(String line) {
        String[] words = line == null ? new String[0] : line.strip().split("\\s+", 3);
        if (words.length < 2 || !TYPES.contains(words[0])) {
            throw invalid(
                    "需為 OpenSSH 公鑰一行，例如 ssh-ed25519 AAAA… 名稱（不可含選項）。",
                    "A public key is one OpenSSH line such as 'ssh-ed25519 AAAA… name' (no options).");
        }
        byte[] blob;
        try {
            blob = Base64.getDecoder().decode(words[1]);
        } catch (IllegalArgumentException e) {
            throw invalid("公鑰的 base64 內容無效。", "The key's base64 body is not valid.");
        }
        ByteBuffer b = ByteBuffer.wrap(blob);
        if (blob.length < 4) {
            throw invalid("公鑰內容過短。", "The key is too short.");
        }
        int len = b.getInt();
        if (len <= 0
                || len > blob.length - 4
                || !new String(blob, 4, len, StandardCharsets.US_ASCII).equals(words[0])) {
            throw invalid("公鑰內容與其類型不符。", "The key's body does not match its type.");
        }
        if (words[0].equals("ssh-rsa") && blob.length < 400) {
            throw invalid("RSA 金鑰至少需 3072 位元。", "An RSA key must have at least 3072 bits.");
        }
        String comment =
                words.length > 2 ? words[2].replaceAll("[^\\p{Print}]", "").strip() : null;
        return new String[] {words[0], words[1], comment == null || comment.isEmpty() ? null : comment};
    }

    private static AccountException invalid(String zh, String en) {
        return AccountException.invalid("SFTP_KEY_INVALID", zh, en);
    }

    static String fingerprint(String base64) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(Base64.getDecoder().decode(base64));
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Instant instant(Object v) {
        if (v instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        if (v instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        return (Instant) v;
    }
}
