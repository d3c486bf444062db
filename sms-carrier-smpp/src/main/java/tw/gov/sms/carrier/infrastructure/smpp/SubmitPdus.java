package tw.gov.sms.carrier.infrastructure.smpp;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.jsmpp.bean.OptionalParameter;

/** Turns an {@link OutboundSms} into the submit_sm bodies its carrier's concatenation mode calls for. */
final class SubmitPdus {

    static final byte ESM_DEFAULT = 0x00;
    static final byte ESM_UDHI = 0x40;
    private static final short TAG_SAR_MSG_REF_NUM = 0x020C;
    private static final short TAG_SAR_TOTAL_SEGMENTS = 0x020E;
    private static final short TAG_SAR_SEGMENT_SEQNUM = 0x020F;
    private static final short TAG_MESSAGE_PAYLOAD = 0x0424;
    /** short_message holds at most 254 octets; anything longer must go in message_payload. */
    private static final int MAX_SHORT_MESSAGE = 254;
    /** Octets of user data one SMS carries over the air (GSM 03.40). */
    private static final int MAX_USER_DATA = 140;

    /** The part of a submit_sm that differs between segments. */
    record Pdu(byte esmClass, byte[] shortMessage, OptionalParameter[] tlvs) {}

    private SubmitPdus() {}

    static List<Pdu> build(OutboundSms sms, ConcatenationMode mode) {
        List<byte[]> segments = sms.segments();
        int total = segments.size();
        if (total == 1) {
            byte[] only = segments.get(0);
            return List.of(only.length <= MAX_SHORT_MESSAGE ? plain(only) : payload(only));
        }
        int ref = sms.concatReference();
        List<Pdu> pdus = new ArrayList<>(total);
        switch (mode) {
            case PAYLOAD -> {
                ByteArrayOutputStream all = new ByteArrayOutputStream();
                segments.forEach(all::writeBytes);
                pdus.add(payload(all.toByteArray()));
            }
            case UDH8 -> {
                for (int i = 0; i < total; i++) {
                    byte[] header = {0x05, 0x00, 0x03, (byte) ref, (byte) total, (byte) (i + 1)};
                    pdus.add(new Pdu(ESM_UDHI, concat(header, segments.get(i)), new OptionalParameter[0]));
                }
            }
            case UDH16 -> {
                for (int i = 0; i < total; i++) {
                    // The 7-octet header leaves 133 octets: a 67-character UCS-2 segment (134) does not fit.
                    if (segments.get(i).length + 7 > MAX_USER_DATA) {
                        throw new IllegalArgumentException("segment " + (i + 1) + " has " + segments.get(i).length
                                + " octets; with a 16-bit concatenation header at most " + (MAX_USER_DATA - 7)
                                + " fit in one SMS: plan 66 UCS-2 / 152 GSM characters per segment for UDH16");
                    }
                    byte[] header = {0x06, 0x08, 0x04, (byte) (ref >> 8), (byte) ref, (byte) total, (byte) (i + 1)};
                    pdus.add(new Pdu(ESM_UDHI, concat(header, segments.get(i)), new OptionalParameter[0]));
                }
            }
            case SAR -> {
                for (int i = 0; i < total; i++) {
                    pdus.add(new Pdu(ESM_DEFAULT, segments.get(i), new OptionalParameter[] {
                        new OptionalParameter.Short(TAG_SAR_MSG_REF_NUM, (short) ref),
                        new OptionalParameter.Byte(TAG_SAR_TOTAL_SEGMENTS, (byte) total),
                        new OptionalParameter.Byte(TAG_SAR_SEGMENT_SEQNUM, (byte) (i + 1))
                    }));
                }
            }
        }
        return pdus;
    }

    private static Pdu plain(byte[] message) {
        return new Pdu(ESM_DEFAULT, message, new OptionalParameter[0]);
    }

    private static Pdu payload(byte[] message) {
        return new Pdu(ESM_DEFAULT, new byte[0], new OptionalParameter[] {
            new OptionalParameter.OctetString(TAG_MESSAGE_PAYLOAD, message)
        });
    }

    private static byte[] concat(byte[] header, byte[] body) {
        byte[] result = new byte[header.length + body.length];
        System.arraycopy(header, 0, result, 0, header.length);
        System.arraycopy(body, 0, result, header.length, body.length);
        return result;
    }
}
