package tw.gov.sms.intake.application;

import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Restarts the validation of uploads nobody is validating: received but never started (the server
 * stopped between storing the file and starting the job), failed, or interrupted by a crash or restart.
 * The new execution resumes after the upload's last committed row. Assumes one server validates (the
 * batch repository is per server); with a deployment group the repository must be shared first
 * (PAYARA-NOTES: an XA PostgreSQL pool for the batch runtime).
 */
@Singleton
public class UploadRecovery {

    private static final Logger LOG = Logger.getLogger(UploadRecovery.class.getName());

    @Inject
    UploadService uploads;

    @Schedule(hour = "*", minute = "*", second = "*/15", persistent = false)
    void recover() {
        for (long id : uploads.stalledUploads()) {
            try {
                uploads.startValidation(id);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "cannot restart the validation of upload " + id, e);
            }
        }
    }
}
