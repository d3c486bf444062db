package tw.gov.sms.intake.interfaces.batch;

import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.ItemProcessor;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import tw.gov.sms.files.FileDescription;
import tw.gov.sms.files.FileRow;
import tw.gov.sms.intake.application.RowValidator;
import tw.gov.sms.intake.application.UploadService;

/** Validates one row with the upload's text and agency (the validator is made once per step). */
@Named
@Dependent
public class RecipientRowProcessor implements ItemProcessor {

    @Inject
    @BatchProperty
    String uploadId;

    @Inject
    UploadService uploads;

    @Inject
    StepContext step;

    private RowValidator validator;

    @Override
    public Object processItem(Object item) {
        if (validator == null) {
            FileDescription description = (FileDescription) step.getTransientUserData();
            validator = uploads.validator(Long.parseLong(uploadId), description.phoneColumn());
        }
        return validator.validate((FileRow) item);
    }
}
