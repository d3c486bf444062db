package tw.gov.sms.intake.interfaces.batch;

import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import tw.gov.sms.intake.application.RowOutcome;
import tw.gov.sms.intake.application.UploadService;

/** Stores a chunk of outcomes and the upload's new restart point in the chunk's transaction. */
@Named
@Dependent
public class StagedRowWriter extends AbstractItemWriter {

    @Inject
    @BatchProperty
    String uploadId;

    @Inject
    UploadService uploads;

    @Override
    public void writeItems(List<Object> items) {
        uploads.writeChunk(
                Long.parseLong(uploadId),
                items.stream().map(RowOutcome.class::cast).toList());
    }
}
