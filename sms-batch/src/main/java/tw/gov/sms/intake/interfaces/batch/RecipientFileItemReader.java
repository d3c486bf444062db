package tw.gov.sms.intake.interfaces.batch;

import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import tw.gov.sms.files.FileRejectedException;
import tw.gov.sms.files.FileRow;
import tw.gov.sms.files.RecipientFileReader;
import tw.gov.sms.files.RecipientFiles;
import tw.gov.sms.intake.application.UploadService;

/**
 * Streams the rows of the stored file. Restart point: the larger of the batch checkpoint and the
 * upload's committed {@code rows_read}, so a fresh execution after a crash also resumes where the last
 * chunk ended. A file found hostile or unreadable ends the step with its problems recorded.
 */
@Named
@Dependent
public class RecipientFileItemReader extends AbstractItemReader {

    @Inject
    @BatchProperty
    String uploadId;

    @Inject
    UploadService uploads;

    @Inject
    StepContext step;

    private RecipientFileReader reader;
    private long resumeAfter;
    private long lastOrdinal;
    private boolean done;

    @Override
    public void open(Serializable checkpoint) throws Exception {
        long id = Long.parseLong(uploadId);
        UploadService.Source source = uploads.source(id);
        resumeAfter = Math.max(checkpoint instanceof Long l ? l : 0L, source.rowsRead());
        lastOrdinal = resumeAfter;
        try {
            reader = RecipientFiles.open(source.path(), source.originalName(), source.limits());
            step.setTransientUserData(reader.description());
            done = !uploads.describe(id, reader.description()).isEmpty();
        } catch (FileRejectedException e) {
            uploads.fileRejected(id, e.problems());
            done = true;
        }
    }

    @Override
    public Object readItem() throws Exception {
        if (done) {
            return null;
        }
        try {
            FileRow row;
            do {
                row = reader.next();
            } while (row != null && row.ordinal() <= resumeAfter);
            if (row == null) {
                done = true;
                return null;
            }
            lastOrdinal = row.ordinal();
            return row;
        } catch (FileRejectedException e) {
            uploads.fileRejected(Long.parseLong(uploadId), e.problems());
            done = true;
            return null;
        }
    }

    @Override
    public Serializable checkpointInfo() {
        return lastOrdinal;
    }

    @Override
    public void close() {
        if (reader != null) {
            reader.close();
        }
    }
}
