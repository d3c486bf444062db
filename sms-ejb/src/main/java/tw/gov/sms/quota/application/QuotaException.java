package tw.gov.sms.quota.application;

import jakarta.ejb.ApplicationException;
import tw.gov.sms.account.application.AccountException;

/**
 * A refusal of the quota and billing context (status, stable code, both languages). Unlike a login
 * refusal it rolls the transaction back: a refused order, allocation or contract leaves nothing behind.
 */
@ApplicationException(rollback = true)
public class QuotaException extends AccountException {

    public QuotaException(int status, String code, String messageZh, String messageEn) {
        super(status, code, messageZh, messageEn);
    }

    public static QuotaException invalid(String code, String zh, String en) {
        return new QuotaException(400, code, zh, en);
    }

    public static QuotaException conflict(String code, String zh, String en) {
        return new QuotaException(409, code, zh, en);
    }
}
