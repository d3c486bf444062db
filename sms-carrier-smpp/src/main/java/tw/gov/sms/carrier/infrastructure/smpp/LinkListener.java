package tw.gov.sms.carrier.infrastructure.smpp;

/** What a carrier link reports back; called on jSMPP's threads, so keep it short. */
public interface LinkListener {

    /**
     * A delivery receipt arrived. If this throws, the deliver_sm is answered with
     * ESME_RX_T_APPN (0x64) so the SMSC sends the receipt again later: nothing is lost when the
     * platform cannot record it right now.
     */
    void onReceipt(ReceiptEvent receipt) throws Exception;

    /** A bind came up or went down. */
    default void onLinkStateChanged(LinkStatus status) {}
}
