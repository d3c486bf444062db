package tw.gov.sms.simulator;

/** How a received message was split into submit_sm PDUs, as the simulator detected it. */
public enum ConcatMode {
    /** One submit_sm, no concatenation information. */
    NONE,
    /** UDH information element 0x00, 8-bit reference. */
    UDH8,
    /** UDH information element 0x08, 16-bit reference. */
    UDH16,
    /** sar_msg_ref_num / sar_total_segments / sar_segment_seqnum TLVs. */
    SAR,
    /** The whole text in one message_payload TLV. */
    PAYLOAD
}
