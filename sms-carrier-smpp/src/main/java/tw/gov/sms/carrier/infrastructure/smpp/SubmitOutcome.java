package tw.gov.sms.carrier.infrastructure.smpp;

import java.util.List;

/**
 * What the SMSC answered.
 *
 * @param carrierMessageIds one per segment, in order; with {@link ConcatenationMode#PAYLOAD} there is
 *     one submit_sm, so its id is repeated for every segment (its one receipt covers them all)
 */
public record SubmitOutcome(List<String> carrierMessageIds) {

    public SubmitOutcome {
        carrierMessageIds = List.copyOf(carrierMessageIds);
    }
}
