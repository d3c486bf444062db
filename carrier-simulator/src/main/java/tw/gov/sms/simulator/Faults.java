package tw.gov.sms.simulator;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Misbehaviour to inject into one simulated carrier.
 *
 * @param throttle fraction of submit_sm answered ESME_RTHROTTLED (0x58)
 * @param failRate fraction of submit_sm answered with {@code failStatus}
 * @param failStatus command status for injected failures (default ESME_RINVDSTADR 0x0B)
 * @param receiptDelayMs receipt delay override; negative means the simulator's configured delay
 * @param withholdReceipts never send receipts
 * @param receiptBeforeResponse send the receipt before the submit_sm_resp (a race real SMSCs produce)
 * @param dropAfterSubmits close the connection after this many more submits (one-shot, 0 = off)
 */
public record Faults(
        double throttle,
        double failRate,
        int failStatus,
        long receiptDelayMs,
        boolean withholdReceipts,
        boolean receiptBeforeResponse,
        int dropAfterSubmits,
        long lateResponseMs) {

    public static final int ESME_RINVDSTADR = 0x0B;
    public static final Faults NONE = new Faults(0, 0, ESME_RINVDSTADR, -1, false, false, 0, 0);

    public Faults {
        if (throttle < 0 || throttle > 1 || failRate < 0 || failRate > 1) {
            throw new IllegalArgumentException("throttle and failRate are fractions between 0 and 1");
        }
    }

    public Faults withThrottle(double value) {
        return new Faults(
                value,
                failRate,
                failStatus,
                receiptDelayMs,
                withholdReceipts,
                receiptBeforeResponse,
                dropAfterSubmits,
                lateResponseMs);
    }

    public Faults withFailRate(double value, int status) {
        return new Faults(
                throttle,
                value,
                status,
                receiptDelayMs,
                withholdReceipts,
                receiptBeforeResponse,
                dropAfterSubmits,
                lateResponseMs);
    }

    public Faults withReceiptDelayMs(long value) {
        return new Faults(
                throttle,
                failRate,
                failStatus,
                value,
                withholdReceipts,
                receiptBeforeResponse,
                dropAfterSubmits,
                lateResponseMs);
    }

    public Faults withWithholdReceipts(boolean value) {
        return new Faults(
                throttle,
                failRate,
                failStatus,
                receiptDelayMs,
                value,
                receiptBeforeResponse,
                dropAfterSubmits,
                lateResponseMs);
    }

    public Faults withReceiptBeforeResponse(boolean value) {
        return new Faults(
                throttle,
                failRate,
                failStatus,
                receiptDelayMs,
                withholdReceipts,
                value,
                dropAfterSubmits,
                lateResponseMs);
    }

    /**
     * Answers every submit_sm only after this many milliseconds (0 = at once): longer than the client's
     * response timeout, it plays the "response never came" case while the message itself was taken.
     */
    public Faults withLateResponseMs(long value) {
        return new Faults(
                throttle,
                failRate,
                failStatus,
                receiptDelayMs,
                withholdReceipts,
                receiptBeforeResponse,
                dropAfterSubmits,
                value);
    }

    public Faults withDropAfterSubmits(int value) {
        return new Faults(
                throttle,
                failRate,
                failStatus,
                receiptDelayMs,
                withholdReceipts,
                receiptBeforeResponse,
                value,
                lateResponseMs);
    }

    /** Applies the parameters present (the names of the admin API and CLI), keeping the others. */
    public Faults with(Map<String, String> params) {
        Faults f = this;
        for (Map.Entry<String, String> e : params.entrySet()) {
            String v = e.getValue();
            f = switch (e.getKey()) {
                case "throttle" -> f.withThrottle(Double.parseDouble(v));
                case "failRate", "fail-rate" -> f.withFailRate(Double.parseDouble(v), f.failStatus);
                case "failStatus", "fail-status" -> f.withFailRate(f.failRate, Integer.decode(v));
                case "receiptDelayMs" -> f.withReceiptDelayMs(Long.parseLong(v));
                case "withholdReceipts", "withhold-receipts" -> f.withWithholdReceipts(Boolean.parseBoolean(v));
                case "receiptBeforeResponse", "receipt-before-response" ->
                    f.withReceiptBeforeResponse(Boolean.parseBoolean(v));
                case "dropAfterSubmits", "drop-after-submits" -> f.withDropAfterSubmits(Integer.parseInt(v));
                case "lateResponseMs", "late-response-ms" -> f.withLateResponseMs(Long.parseLong(v));
                default -> f;
            };
        }
        return f;
    }

    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("throttle", throttle);
        json.put("failRate", failRate);
        json.put("failStatus", failStatus);
        json.put("receiptDelayMs", receiptDelayMs);
        json.put("withholdReceipts", withholdReceipts);
        json.put("receiptBeforeResponse", receiptBeforeResponse);
        json.put("dropAfterSubmits", dropAfterSubmits);
        json.put("lateResponseMs", lateResponseMs);
        return json;
    }
}
