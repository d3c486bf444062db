package tw.gov.sms.simulator;

import java.util.LinkedHashMap;
import java.util.Map;

/** Counters of one simulated carrier since start or the last reset. */
public record CarrierStats(
        String carrier,
        int port,
        int boundSessions,
        long submits,
        long receiptsSent,
        long receiptsFailed,
        long throttled,
        long rejected,
        Faults faults) {

    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("carrier", carrier);
        json.put("port", port);
        json.put("boundSessions", boundSessions);
        json.put("submits", submits);
        json.put("receiptsSent", receiptsSent);
        json.put("receiptsFailed", receiptsFailed);
        json.put("throttled", throttled);
        json.put("rejected", rejected);
        json.put("faults", faults.toJson());
        return json;
    }
}
