package tw.gov.sms.account.application;

import jakarta.ejb.ApplicationException;

/** Unknown client, wrong secret or revoked client: the caller is never told which (no enumeration). */
@ApplicationException(rollback = true)
public class InvalidClientException extends RuntimeException {
    public InvalidClientException() {
        super("invalid client credentials");
    }
}
