package tw.gov.sms.sending.application;

import jakarta.ejb.ApplicationException;

/** No such job, or not one the caller may see: the two are deliberately indistinguishable. */
@ApplicationException
public class JobNotFoundException extends RuntimeException {
    public JobNotFoundException(long jobId) {
        super("job " + jobId + " not found");
    }
}
