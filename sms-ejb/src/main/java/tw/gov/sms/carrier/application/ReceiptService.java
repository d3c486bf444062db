package tw.gov.sms.carrier.application;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.Set;
import java.util.logging.Logger;
import tw.gov.sms.carrier.infrastructure.smpp.ReceiptEvent;
import tw.gov.sms.routing.domain.Carrier;
import tw.gov.sms.sending.infrastructure.jdbc.MessageStore;
import tw.gov.sms.sending.infrastructure.jdbc.MessageStore.PendingReceipt;

/**
 * Settles messages from delivery receipts (DESIGN.md step 5). A receipt names one segment by the
 * carrier's message id; the message becomes final when every segment has its receipt. A receipt for an
 * id not recorded yet (it overtook the submit response) waits and is applied by the sweeper; a receipt
 * for an id never seen is only logged: it is never fatal.
 */
@Stateless
public class ReceiptService {

    private static final Logger LOG = Logger.getLogger(ReceiptService.class.getName());
    private static final Set<String> NOT_FINAL = Set.of("ENROUTE", "ACCEPTD");

    @Inject
    MessageStore messages;

    public void apply(ReceiptEvent receipt) {
        if (NOT_FINAL.contains(receipt.stat())) {
            return;
        }
        Carrier carrier;
        try {
            carrier = Carrier.valueOf(receipt.carrierCode());
        } catch (IllegalArgumentException e) {
            LOG.warning(() -> "receipt from an unknown carrier link " + receipt.carrierCode() + " dropped");
            return;
        }
        messages.applyReceipt(carrier, receipt.carrierMessageId(), receipt.stat(), receipt.err(), receipt.doneDate());
    }

    public void applyPending(PendingReceipt pending) {
        messages.applyReceipt(
                pending.carrier(), pending.carrierMessageId(), pending.stat(), pending.err(), pending.doneAt());
        messages.deletePendingReceipt(pending.carrier(), pending.carrierMessageId());
    }
}
