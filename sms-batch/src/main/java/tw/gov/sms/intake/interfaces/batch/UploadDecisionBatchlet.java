package tw.gov.sms.intake.interfaces.batch;

import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.nio.file.Files;
import java.util.logging.Logger;
import tw.gov.sms.intake.application.UploadService;
import tw.gov.sms.sending.domain.UploadState;

/**
 * Rejects or validates the upload once every row is read, then deletes the stored file: from here on
 * the recipients exist only encrypted in the staging table.
 */
@Named
@Dependent
public class UploadDecisionBatchlet extends AbstractBatchlet {

    private static final Logger LOG = Logger.getLogger(UploadDecisionBatchlet.class.getName());

    @Inject
    @BatchProperty
    String uploadId;

    @Inject
    UploadService uploads;

    @Override
    public String process() throws Exception {
        long id = Long.parseLong(uploadId);
        UploadState state = uploads.decide(id);
        if (state != UploadState.VALIDATING) {
            Files.deleteIfExists(uploads.source(id).path());
        }
        LOG.fine(() -> "upload " + id + " decided: " + state);
        return state.name();
    }
}
