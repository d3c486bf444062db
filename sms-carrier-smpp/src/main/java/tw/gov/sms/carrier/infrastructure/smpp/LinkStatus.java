package tw.gov.sms.carrier.infrastructure.smpp;

import java.util.List;

/** All binds of one carrier link; for health checks (R8.2) and the operations page. */
public record LinkStatus(String carrierCode, List<BindStatus> binds) {

    public LinkStatus {
        binds = List.copyOf(binds);
    }

    /** At least one bind can take submits. */
    public boolean ready() {
        return binds.stream().anyMatch(BindStatus::bound);
    }

    public long boundCount() {
        return binds.stream().filter(BindStatus::bound).count();
    }
}
