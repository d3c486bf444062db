package tw.gov.sms.simulator;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A message as the simulated carrier reassembled and decoded it from one or more submit_sm PDUs. */
public record ReceivedMessage(
        String carrier,
        String sourceAddr,
        String destination,
        int dataCoding,
        ConcatMode concatMode,
        List<String> segmentMessageIds,
        String text,
        Instant receivedAt) {

    public ReceivedMessage {
        segmentMessageIds = List.copyOf(segmentMessageIds);
    }

    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", "message");
        json.put("carrier", carrier);
        json.put("sourceAddr", sourceAddr);
        json.put("destination", destination);
        json.put("dataCoding", dataCoding);
        json.put("concatMode", concatMode.name());
        json.put("segments", segmentMessageIds.size());
        json.put("messageIds", segmentMessageIds);
        json.put("text", text);
        json.put("receivedAt", receivedAt.toString());
        return json;
    }
}
