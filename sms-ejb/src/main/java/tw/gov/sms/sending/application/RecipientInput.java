package tw.gov.sms.sending.application;

import java.util.Map;

/** One recipient as a channel received it: the number as typed, and its placeholder values. */
public record RecipientInput(String number, Map<String, String> values) {
    public RecipientInput {
        values = values == null ? Map.of() : Map.copyOf(values);
    }
}
