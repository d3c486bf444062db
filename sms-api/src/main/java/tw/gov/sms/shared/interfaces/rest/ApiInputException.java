package tw.gov.sms.shared.interfaces.rest;

/** A request the API cannot read (malformed JSON, wrong types): answered 400 with a specific code. */
public class ApiInputException extends RuntimeException {

    private final String code;
    private final String messageZh;

    public ApiInputException(String code, String messageZh, String messageEn) {
        super(messageEn);
        this.code = code;
        this.messageZh = messageZh;
    }

    public String code() {
        return code;
    }

    public String messageZh() {
        return messageZh;
    }

    public String messageEn() {
        return getMessage();
    }
}
