package tw.gov.sms.simulator;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Puts submit_sm segments back together, whichever concatenation the sender used, and decodes the
 * text. Segments are decoded only once the whole message is present, so a character split across a
 * segment boundary still decodes (and a sender that splits badly shows up as garbage in the text).
 */
final class SegmentAssembler {

    static final int TAG_SAR_MSG_REF_NUM = 0x020C;
    static final int TAG_SAR_TOTAL_SEGMENTS = 0x020E;
    static final int TAG_SAR_SEGMENT_SEQNUM = 0x020F;
    static final int TAG_MESSAGE_PAYLOAD = 0x0424;
    private static final int ESM_UDHI = 0x40;
    private static final Duration PARTIAL_TTL = Duration.ofMinutes(10);
    private static final int MAX_PARTIALS = 10_000;

    /** What arrived in one submit_sm. */
    record Segment(
            String carrier,
            String sourceAddr,
            String destination,
            int dataCoding,
            int esmClass,
            byte[] shortMessage,
            Map<Integer, byte[]> tlvs,
            String messageId) {}

    /** The text of this segment alone (for the receipt) and the message, once complete. */
    record Result(String segmentText, Optional<ReceivedMessage> completed) {}

    private record Key(String carrier, String source, String destination, ConcatMode mode, int ref, int total) {}

    private static final class Partial {
        final byte[][] bodies;
        final String[] ids;
        final Instant firstSeen = Instant.now();
        int received;

        Partial(int total) {
            bodies = new byte[total][];
            ids = new String[total];
        }
    }

    /** Concatenation info found in one segment; seq is 1-based. */
    private record Concat(ConcatMode mode, int ref, int total, int seq, byte[] body) {}

    private final Map<Key, Partial> partials = new HashMap<>();

    synchronized Result accept(Segment segment) {
        Concat concat = concatOf(segment);
        String segmentText = decode(segment.dataCoding(), concat.body());
        if (concat.total() <= 1 || concat.seq() < 1 || concat.seq() > concat.total()) {
            return new Result(
                    segmentText,
                    Optional.of(message(segment, concat.mode(), List.of(segment.messageId()), concat.body())));
        }
        evictStale();
        Key key = new Key(
                segment.carrier(),
                segment.sourceAddr(),
                segment.destination(),
                concat.mode(),
                concat.ref(),
                concat.total());
        Partial partial = partials.computeIfAbsent(key, k -> new Partial(k.total()));
        int index = concat.seq() - 1;
        if (partial.bodies[index] == null) {
            partial.received++;
        }
        partial.bodies[index] = concat.body();
        partial.ids[index] = segment.messageId();
        if (partial.received < concat.total()) {
            return new Result(segmentText, Optional.empty());
        }
        partials.remove(key);
        ByteArrayOutputStream whole = new ByteArrayOutputStream();
        for (byte[] body : partial.bodies) {
            whole.writeBytes(body);
        }
        return new Result(
                segmentText,
                Optional.of(message(segment, concat.mode(), Arrays.asList(partial.ids), whole.toByteArray())));
    }

    synchronized void clear() {
        partials.clear();
    }

    private static ReceivedMessage message(Segment segment, ConcatMode mode, List<String> ids, byte[] body) {
        return new ReceivedMessage(
                segment.carrier(),
                segment.sourceAddr(),
                segment.destination(),
                segment.dataCoding(),
                mode,
                ids,
                decode(segment.dataCoding(), body),
                Instant.now());
    }

    private static Concat concatOf(Segment segment) {
        byte[] sm = segment.shortMessage() == null ? new byte[0] : segment.shortMessage();
        byte[] payload = segment.tlvs().get(TAG_MESSAGE_PAYLOAD);
        if (payload != null && sm.length == 0) {
            return new Concat(ConcatMode.PAYLOAD, 0, 1, 1, payload);
        }
        if ((segment.esmClass() & ESM_UDHI) != 0 && sm.length > 0) {
            return fromUdh(sm);
        }
        byte[] ref = segment.tlvs().get(TAG_SAR_MSG_REF_NUM);
        byte[] total = segment.tlvs().get(TAG_SAR_TOTAL_SEGMENTS);
        byte[] seq = segment.tlvs().get(TAG_SAR_SEGMENT_SEQNUM);
        if (ref != null && total != null && seq != null) {
            return new Concat(ConcatMode.SAR, unsigned(ref), unsigned(total), unsigned(seq), sm);
        }
        return new Concat(ConcatMode.NONE, 0, 1, 1, sm);
    }

    private static Concat fromUdh(byte[] sm) {
        int udhLength = sm[0] & 0xFF;
        int end = Math.min(sm.length, 1 + udhLength);
        byte[] body = Arrays.copyOfRange(sm, end, sm.length);
        int i = 1;
        while (i + 1 < end) {
            int iei = sm[i] & 0xFF;
            int length = sm[i + 1] & 0xFF;
            int data = i + 2;
            if (iei == 0x00 && length == 3 && data + 3 <= end) {
                return new Concat(ConcatMode.UDH8, sm[data] & 0xFF, sm[data + 1] & 0xFF, sm[data + 2] & 0xFF, body);
            }
            if (iei == 0x08 && length == 4 && data + 4 <= end) {
                int ref = ((sm[data] & 0xFF) << 8) | (sm[data + 1] & 0xFF);
                return new Concat(ConcatMode.UDH16, ref, sm[data + 2] & 0xFF, sm[data + 3] & 0xFF, body);
            }
            i = data + length;
        }
        return new Concat(ConcatMode.NONE, 0, 1, 1, body);
    }

    private static int unsigned(byte[] bytes) {
        int value = 0;
        for (byte b : bytes) {
            value = (value << 8) | (b & 0xFF);
        }
        return value;
    }

    static String decode(int dataCoding, byte[] body) {
        return switch (dataCoding & 0xFF) {
            case 0x00 -> Gsm7.decode(body);
            case 0x08 -> new String(body, 0, body.length & ~1, StandardCharsets.UTF_16BE);
            case 0x01 -> new String(body, StandardCharsets.US_ASCII);
            default -> new String(body, StandardCharsets.ISO_8859_1);
        };
    }

    private void evictStale() {
        if (partials.size() < MAX_PARTIALS) {
            return;
        }
        Instant cutoff = Instant.now().minus(PARTIAL_TTL);
        partials.values().removeIf(p -> p.firstSeen.isBefore(cutoff));
        if (partials.size() >= MAX_PARTIALS) {
            partials.clear(); // a sender that never completes its messages; keep memory bounded
        }
    }
}
