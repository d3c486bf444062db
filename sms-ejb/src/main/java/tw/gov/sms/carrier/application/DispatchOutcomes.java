package tw.gov.sms.carrier.application;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tw.gov.sms.sending.domain.MessageState;

/** The carrier's answers for part of a work unit, waiting to be recorded together. */
public final class DispatchOutcomes {

    public record Retry(long id, Duration after, String code, String detail) {}

    public record Final(long id, MessageState state, String code, String detail) {}

    private final Map<Long, List<String>> submitted = new LinkedHashMap<>();
    private final List<Retry> retries = new ArrayList<>();
    private final List<Final> finals = new ArrayList<>();

    void submitted(long id, List<String> carrierIds) {
        submitted.put(id, carrierIds);
    }

    void retry(long id, Duration after, String code, String detail) {
        retries.add(new Retry(id, after, code, detail));
    }

    void finalState(long id, MessageState state, String code, String detail) {
        finals.add(new Final(id, state, code, detail));
    }

    int size() {
        return submitted.size() + retries.size() + finals.size();
    }

    public Map<Long, List<String>> submitted() {
        return submitted;
    }

    public List<Retry> retries() {
        return retries;
    }

    public List<Final> finals() {
        return finals;
    }
}
