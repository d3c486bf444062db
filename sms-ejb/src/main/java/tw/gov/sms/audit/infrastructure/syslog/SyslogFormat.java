package tw.gov.sms.audit.infrastructure.syslog;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import tw.gov.sms.audit.domain.AuditEvent;
import tw.gov.sms.audit.domain.ChainedEvent;
import tw.gov.sms.audit.domain.Outcome;

/**
 * An audit event as an RFC 5424 syslog message, framed for TCP by octet counting (RFC 6587 §3.4.1):
 *
 * <pre>
 * 112 &lt;109&gt;1 2026-03-01T02:03:04.123456Z app01 sms-111 - LOGIN [audit@32473 seq="42" hash="…" prevHash="…"
 *     actorKind="USER" actorId="7" actor="王小明" role="USER" agency="3" group="5" action="LOGIN" target="account:7"
 *     source="192.0.2.1" outcome="SUCCESS"] BOM detail
 * </pre>
 *
 * <p>Facility 13 (log audit); severity 5 (notice) for a success, 4 (warning) for a failure or a denial. The time is
 * the event's, in UTC with microseconds (what the chain hashes). MSGID is the action (cut to the 32 characters RFC
 * 5424 allows; the structured data has it whole). Parameters whose value is null are left out. The detail, if any, is
 * the MSG, UTF-8 with a BOM as RFC 5424 §6.4 asks. The SD-ID names the documentation enterprise number 32473 (RFC
 * 5612) until the operator registers one: configurable, {@code sms.audit.forward.sd-id}.
 */
public final class SyslogFormat {

    /** RFC 5424 facility 13: log audit. */
    static final int FACILITY = 13;

    public static final String DEFAULT_SD_ID = "audit@32473";

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final String hostname;
    private final String appName;
    private final String sdId;

    /**
     * @param hostname this instance's name, cut to 255 printable ASCII characters ({@code -} when none)
     * @param appName e.g. {@code sms-111}, cut to 48 printable ASCII characters
     * @param sdId the SD-ID of the structured data element, {@code name@enterprise-number}
     */
    public SyslogFormat(String hostname, String appName, String sdId) {
        this.hostname = header(hostname, 255);
        this.appName = header(appName, 48);
        if (sdId == null || !sdId.matches("[\\x21\\x23-\\x3C\\x3E-\\x5C\\x5E-\\x7E]{1,32}")) {
            throw new IllegalArgumentException("not an RFC 5424 SD-ID: " + sdId);
        }
        this.sdId = sdId;
    }

    /** The SYSLOG-MSG of RFC 5424, without framing. */
    public String message(ChainedEvent chained) {
        AuditEvent e = chained.event();
        int severity = e.outcome() == Outcome.SUCCESS ? 5 : 4;
        StringBuilder out = new StringBuilder(512);
        out.append('<').append(FACILITY * 8 + severity).append(">1 ");
        out.append(TIME.format(e.occurredAt())).append(' ');
        out.append(hostname).append(' ');
        out.append(appName).append(" - ");
        out.append(header(e.action(), 32)).append(" [").append(sdId);
        param(out, "seq", Long.toString(chained.seq()));
        param(out, "hash", chained.hash());
        param(out, "prevHash", chained.prevHash());
        param(out, "actorKind", e.actorKind().name());
        param(out, "actorId", str(e.actorId()));
        param(out, "actor", e.actorName());
        param(out, "role", e.role());
        param(out, "agency", str(e.agencyId()));
        param(out, "group", str(e.groupId()));
        param(out, "action", e.action());
        param(out, "target", e.target());
        param(out, "source", e.sourceAddress());
        param(out, "outcome", e.outcome().name());
        out.append(']');
        return out.toString();
    }

    /** The message as it goes on the wire: {@code MSG-LEN SP SYSLOG-MSG}, the length counted in UTF-8 bytes. */
    public byte[] frame(ChainedEvent chained) {
        String detail = chained.event().detail();
        ByteArrayOutputStream msg = new ByteArrayOutputStream(512);
        msg.writeBytes(message(chained).getBytes(StandardCharsets.UTF_8));
        if (detail != null && !detail.isEmpty()) {
            msg.write(' ');
            msg.writeBytes(BOM);
            msg.writeBytes(detail.getBytes(StandardCharsets.UTF_8));
        }
        return frame(msg.toByteArray());
    }

    /** Octet-counting framing of a message already encoded as UTF-8. */
    static byte[] frame(byte[] message) {
        byte[] length = (message.length + " ").getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[length.length + message.length];
        System.arraycopy(length, 0, out, 0, length.length);
        System.arraycopy(message, 0, out, length.length, message.length);
        return out;
    }

    /** An SD-PARAM value: {@code "}, {@code \} and {@code ]} escaped with a backslash (RFC 5424 §6.3.3). */
    static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\' || c == ']') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    /** A header field: printable US-ASCII only (others become {@code ?}), at most {@code max}, {@code -} if empty. */
    static String header(String value, int max) {
        if (value == null || value.isBlank()) {
            return "-";
        }
        StringBuilder out = new StringBuilder(Math.min(value.length(), max));
        for (int i = 0; i < value.length() && out.length() < max; i++) {
            char c = value.charAt(i);
            out.append(c > 32 && c < 127 ? c : '?');
        }
        return out.toString();
    }

    private static void param(StringBuilder out, String name, String value) {
        if (value != null) {
            out.append(' ').append(name).append("=\"").append(escape(value)).append('"');
        }
    }

    private static String str(Long v) {
        return v == null ? null : v.toString();
    }
}
