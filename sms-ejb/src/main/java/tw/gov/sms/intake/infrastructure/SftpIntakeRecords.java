package tw.gov.sms.intake.infrastructure;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.InputStream;
import java.time.OffsetDateTime;
import java.util.List;
import tw.gov.sms.account.domain.AgencyId;
import tw.gov.sms.intake.application.UploadService;
import tw.gov.sms.intake.application.UploadService.UploadRequest;
import tw.gov.sms.intake.application.UploadView;

/**
 * The memory of every SFTP submission ({@code sftp_intake}): what was taken, so a submission is processed
 * exactly once even if the platform stops between taking it and moving it out of the inbox, and which
 * result files are still to be written to the agency's outbox.
 */
@Stateless
public class SftpIntakeRecords {

    /** An intake whose receipt or status report is due. */
    public record Pending(long id, String dataName, String manifestName, Long uploadId) {}

    /** A submission taken earlier with the same checksum. */
    public record Earlier(long id, Long uploadId, boolean moved, OffsetDateTime takenAt) {}

    @PersistenceContext(unitName = "sms")
    EntityManager em;

    @Inject
    UploadService uploads;

    public Earlier taken(AgencyId agency, byte[] checksum) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                        "select id, upload_id, moved_at is not null, taken_at from sftp_intake"
                                + " where agency_id = ?1 and checksum = ?2 and outcome = 'TAKEN'")
                .setParameter(1, agency.value())
                .setParameter(2, checksum)
                .getResultList();
        if (rows.isEmpty()) {
            return null;
        }
        Object[] r = rows.get(0);
        return new Earlier(
                ((Number) r[0]).longValue(),
                r[1] == null ? null : ((Number) r[1]).longValue(),
                (Boolean) r[2],
                toOffset(r[3]));
    }

    /** Stores the data file as an upload and remembers the submission, in one transaction; returns the upload id. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public long take(
            AgencyId agency,
            byte[] checksum,
            String dataName,
            String manifestName,
            UploadRequest request,
            InputStream data) {
        UploadView upload = uploads.receive(request, data);
        em.createNativeQuery("insert into sftp_intake (agency_id, checksum, data_name,"
                        + " manifest_name, upload_id, outcome, taken_at) values (?1, ?2, ?3, ?4, ?5, 'TAKEN', now())")
                .setParameter(1, agency.value())
                .setParameter(2, checksum)
                .setParameter(3, dataName)
                .setParameter(4, manifestName)
                .setParameter(5, upload.id())
                .executeUpdate();
        return upload.id();
    }

    /** A submission turned away before it became an upload; its receipt has been written. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void turnedAway(AgencyId agency, byte[] checksum, String dataName, String manifestName, String outcome) {
        em.createNativeQuery("insert into sftp_intake (agency_id, checksum, data_name, manifest_name, outcome,"
                        + " taken_at, moved_at, receipt_written_at, status_written_at)"
                        + " values (?1, ?2, ?3, ?4, ?5, now(), now(), now(), now())")
                .setParameter(1, agency.value())
                .setParameter(2, checksum)
                .setParameter(3, dataName)
                .setParameter(4, manifestName)
                .setParameter(5, outcome)
                .executeUpdate();
    }

    public void moved(AgencyId agency, byte[] checksum) {
        em.createNativeQuery("update sftp_intake set moved_at = now() where agency_id = ?1 and checksum = ?2"
                        + " and outcome = 'TAKEN'")
                .setParameter(1, agency.value())
                .setParameter(2, checksum)
                .executeUpdate();
    }

    /** Taken submissions whose upload has been decided but whose receipt is not written yet. */
    public List<Pending> receiptsDue(AgencyId agency) {
        return pending(agency, "i.receipt_written_at is null and u.state in ('REJECTED', 'CONFIRMED', 'CANCELLED')");
    }

    /** Taken submissions whose job is over but whose status report is not written yet. */
    public List<Pending> statusReportsDue(AgencyId agency) {
        return pending(
                agency,
                "i.receipt_written_at is not null and i.status_written_at is null and (u.state in ('REJECTED',"
                        + " 'CANCELLED') or exists (select 1 from send_job j where j.id = u.job_id"
                        + " and j.state in ('COMPLETED', 'CANCELLED')))");
    }

    public void receiptWritten(long intakeId, boolean final_) {
        em.createNativeQuery("update sftp_intake set receipt_written_at = now()"
                        + (final_ ? ", status_written_at = now()" : "") + " where id = ?1")
                .setParameter(1, intakeId)
                .executeUpdate();
    }

    public void statusWritten(long intakeId) {
        em.createNativeQuery("update sftp_intake set status_written_at = now() where id = ?1")
                .setParameter(1, intakeId)
                .executeUpdate();
    }

    private List<Pending> pending(AgencyId agency, String condition) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select i.id, i.data_name, i.manifest_name, i.upload_id"
                        + " from sftp_intake i join file_upload u on u.id = i.upload_id"
                        + " where i.agency_id = ?1 and i.outcome = 'TAKEN' and " + condition + " order by i.id")
                .setParameter(1, agency.value())
                .getResultList();
        return rows.stream()
                .map(r -> new Pending(
                        ((Number) r[0]).longValue(),
                        (String) r[1],
                        (String) r[2],
                        r[3] == null ? null : ((Number) r[3]).longValue()))
                .toList();
    }

    private static OffsetDateTime toOffset(Object v) {
        if (v instanceof OffsetDateTime o) {
            return o;
        }
        if (v instanceof java.sql.Timestamp t) {
            return t.toInstant().atOffset(java.time.ZoneOffset.ofHours(8));
        }
        return null;
    }
}
