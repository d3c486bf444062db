package tw.gov.sms.carrier.infrastructure.smpp;

/** How a carrier wants long messages split into submit_sm PDUs; configured per carrier. */
public enum ConcatenationMode {
    /** User data header, IEI 0x00, 8-bit reference: {@code 05 00 03 ref total seq}. */
    UDH8,
    /** User data header, IEI 0x08, 16-bit reference: {@code 06 08 04 refHi refLo total seq}. */
    UDH16,
    /** sar_msg_ref_num, sar_total_segments, sar_segment_seqnum TLVs; no header in the text. */
    SAR,
    /** One submit_sm with the whole text in message_payload; the SMSC splits it. */
    PAYLOAD
}
