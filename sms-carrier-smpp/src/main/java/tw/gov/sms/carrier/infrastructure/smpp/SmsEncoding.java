package tw.gov.sms.carrier.infrastructure.smpp;

/** The data_coding of an outbound message; the payload bytes are already encoded by the caller. */
public enum SmsEncoding {
    /** GSM 03.38 default alphabet, one septet per octet (unpacked), data_coding 0. */
    GSM7((byte) 0x00),
    /** UCS-2 big-endian, data_coding 8. */
    UCS2((byte) 0x08);

    private final byte dataCoding;

    SmsEncoding(byte dataCoding) {
        this.dataCoding = dataCoding;
    }

    public byte dataCoding() {
        return dataCoding;
    }
}
