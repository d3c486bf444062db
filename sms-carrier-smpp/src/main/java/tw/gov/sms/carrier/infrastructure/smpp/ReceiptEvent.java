package tw.gov.sms.carrier.infrastructure.smpp;

import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * A delivery receipt from a carrier.
 *
 * @param stat DELIVRD, UNDELIV, EXPIRED, REJECTD, DELETED, UNKNOWN, ACCEPTD or ENROUTE
 * @param err the carrier's error code as sent (e.g. "000"), or null when the receipt has none
 * @param doneDate when the carrier finished with the message (Taiwan time), or null if absent
 * @param rawText the receipt text as received, for the record
 */
public record ReceiptEvent(
        String carrierCode, String carrierMessageId, String stat, String err, OffsetDateTime doneDate, String rawText) {

    public ReceiptEvent {
        Objects.requireNonNull(carrierCode, "carrierCode");
        Objects.requireNonNull(carrierMessageId, "carrierMessageId");
        Objects.requireNonNull(stat, "stat");
    }

    /** Final states end the message's life at the carrier; ACCEPTD and ENROUTE do not. */
    public boolean isFinal() {
        return !stat.equals("ENROUTE") && !stat.equals("ACCEPTD");
    }

    public boolean delivered() {
        return stat.equals("DELIVRD");
    }
}
