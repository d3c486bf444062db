package tw.gov.sms.carrier.infrastructure.smpp;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One message to submit, already encoded and split by the caller (segmentation is a domain rule
 * and lives in one place, not in the adapter).
 *
 * @param messageId the platform's id, for logs only
 * @param sourceAddr "111", or the test sender id for test traffic (R11.3)
 * @param destination international digits, e.g. 886912345678 (sent with TON 1, NPI 1)
 * @param segments each segment's encoded payload without any concatenation header
 * @param concatReference 0..65535; the caller keeps it unique per destination (UDH8 uses the low byte)
 * @param validity relative validity period, or null for the SMSC default
 */
public record OutboundSms(
        long messageId,
        String sourceAddr,
        String destination,
        SmsEncoding encoding,
        List<byte[]> segments,
        int concatReference,
        Duration validity) {

    public OutboundSms {
        Objects.requireNonNull(sourceAddr, "sourceAddr");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(encoding, "encoding");
        segments = List.copyOf(segments);
        if (segments.isEmpty() || segments.size() > 255) {
            throw new IllegalArgumentException("1..255 segments, got " + segments.size());
        }
        if (concatReference < 0 || concatReference > 0xFFFF) {
            throw new IllegalArgumentException("concatReference must be 0..65535");
        }
    }
}
