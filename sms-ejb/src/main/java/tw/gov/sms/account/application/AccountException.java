package tw.gov.sms.account.application;

import jakarta.ejb.ApplicationException;
import java.util.List;

/**
 * A refusal of the accounts context, with its HTTP status, a stable code and both languages. It does not
 * roll back the transaction: a wrong password must still count towards the lock.
 */
@ApplicationException(rollback = false)
public class AccountException extends RuntimeException {

    private final int status;
    private final String code;
    private final String messageZh;
    private final String messageEn;
    private final List<Detail> details;

    public record Detail(String code, String messageZh, String messageEn) {}

    public AccountException(int status, String code, String messageZh, String messageEn) {
        this(status, code, messageZh, messageEn, List.of());
    }

    public AccountException(int status, String code, String messageZh, String messageEn, List<Detail> details) {
        super(code + ": " + messageEn);
        this.status = status;
        this.code = code;
        this.messageZh = messageZh;
        this.messageEn = messageEn;
        this.details = List.copyOf(details);
    }

    public static AccountException notPermitted(String zh, String en) {
        return new AccountException(403, "NOT_PERMITTED", zh, en);
    }

    /** Not there, or not within the actor's sight: the two are indistinguishable on purpose. */
    public static AccountException notFound(String whatZh, String whatEn) {
        return new AccountException(
                404, "NOT_FOUND", "查無此" + whatZh + "，或不在您的權限範圍內。", "No such " + whatEn + " within your reach.");
    }

    public static AccountException invalid(String code, String zh, String en) {
        return new AccountException(400, code, zh, en);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String messageZh() {
        return messageZh;
    }

    public String messageEn() {
        return messageEn;
    }

    public List<Detail> details() {
        return details;
    }
}
