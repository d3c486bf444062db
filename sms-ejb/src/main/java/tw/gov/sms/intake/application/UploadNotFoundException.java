package tw.gov.sms.intake.application;

import jakarta.ejb.ApplicationException;

/** No upload with this id is visible to the caller's agency. */
@ApplicationException(rollback = true)
public class UploadNotFoundException extends RuntimeException {
    public UploadNotFoundException(long id) {
        super("upload " + id + " not found");
    }
}
