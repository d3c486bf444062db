package tw.gov.sms.carrier.infrastructure.smpp;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.OptionalParameter;

/**
 * Reads a delivery receipt from a deliver_sm. The TLVs receipted_message_id and message_state win
 * when present (they are unambiguous); otherwise the de-facto text format of SMPP 3.4 Appendix B,
 * {@code id:… sub:… dlvrd:… submit date:… done date:… stat:… err:… text:…}, read leniently: keys
 * in any case, fields missing or in another order, dates with or without seconds.
 */
public final class DeliveryReceiptParser {

    static final int TAG_RECEIPTED_MESSAGE_ID = 0x001E;
    static final int TAG_NETWORK_ERROR_CODE = 0x0423;
    static final int TAG_MESSAGE_PAYLOAD = 0x0424;
    static final int TAG_MESSAGE_STATE = 0x0427;

    private static final int ESM_TYPE_MASK = 0x3C;
    private static final int ESM_SMSC_DELIVERY_RECEIPT = 0x04;
    private static final int ESM_INTERMEDIATE_NOTIFICATION = 0x20;

    /** Taiwan's carriers stamp receipts in local time. */
    private static final ZoneId CARRIER_ZONE = ZoneId.of("Asia/Taipei");

    private static final Pattern KEY =
            Pattern.compile("(?i)(?<![\\p{Alnum}])(id|sub|dlvrd|submit[ _]?date|done[ _]?date|stat|err|text)\\s*:");

    private static final String[] STATES_BY_MESSAGE_STATE = {
        "UNKNOWN", // 0 SCHEDULED (SMPP 5): not a 3.4 receipt state
        "ENROUTE", "DELIVRD", "EXPIRED", "DELETED", "UNDELIV", "ACCEPTD", "UNKNOWN", "REJECTD"
    };

    private DeliveryReceiptParser() {}

    /** Whether esm_class marks an SMSC delivery receipt or an intermediate notification. */
    public static boolean isReceipt(byte esmClass) {
        int type = esmClass & ESM_TYPE_MASK;
        return type == ESM_SMSC_DELIVERY_RECEIPT || type == ESM_INTERMEDIATE_NOTIFICATION;
    }

    /** Reads a jSMPP deliver_sm. */
    public static Optional<ReceiptEvent> parse(String carrierCode, DeliverSm deliverSm) {
        return parse(
                carrierCode,
                deliverSm.getEsmClass(),
                deliverSm.getShortMessage(),
                tlvs(deliverSm.getOptionalParameters()));
    }

    /**
     * Reads a receipt.
     *
     * @param tlvs optional parameters by tag, raw values
     * @return empty when esm_class does not mark a receipt or no message id can be found
     */
    public static Optional<ReceiptEvent> parse(
            String carrierCode, byte esmClass, byte[] shortMessage, Map<Integer, byte[]> tlvs) {
        if (!isReceipt(esmClass)) {
            return Optional.empty();
        }
        byte[] body = shortMessage;
        if ((body == null || body.length == 0) && tlvs.containsKey(TAG_MESSAGE_PAYLOAD)) {
            body = tlvs.get(TAG_MESSAGE_PAYLOAD);
        }
        // Receipt text is ASCII in practice; Latin-1 never fails on odd bytes.
        String text = body == null ? "" : new String(body, StandardCharsets.ISO_8859_1);
        Map<String, String> fields = fields(text);

        String id = cString(tlvs.get(TAG_RECEIPTED_MESSAGE_ID));
        if (id == null || id.isEmpty()) {
            id = fields.get("id");
        }
        if (id == null || id.isEmpty()) {
            return Optional.empty();
        }
        byte[] state = tlvs.get(TAG_MESSAGE_STATE);
        String stat = state != null && state.length == 1 ? stateOf(state[0] & 0xFF) : normalizeStat(fields.get("stat"));
        String err = fields.get("err");
        if ((err == null || err.isEmpty()) && tlvs.get(TAG_NETWORK_ERROR_CODE) != null) {
            err = networkError(tlvs.get(TAG_NETWORK_ERROR_CODE));
        }
        if (err != null && err.isEmpty()) {
            err = null;
        }
        return Optional.of(new ReceiptEvent(carrierCode, id, stat, err, date(fields.get("done date")), text));
    }

    /** Reads a receipt that only has text (SMSC delivery receipt, no TLVs). */
    public static Optional<ReceiptEvent> parseText(String carrierCode, String text) {
        return parse(
                carrierCode, (byte) ESM_SMSC_DELIVERY_RECEIPT, text.getBytes(StandardCharsets.ISO_8859_1), Map.of());
    }

    /** Splits the text at the known keys; whatever follows "text:" is the message excerpt. */
    private static Map<String, String> fields(String text) {
        Map<String, String> fields = new HashMap<>();
        Matcher m = KEY.matcher(text);
        String key = null;
        int valueStart = -1;
        while (m.find()) {
            if (key != null) {
                fields.putIfAbsent(key, text.substring(valueStart, m.start()).trim());
                if (key.equals("text")) {
                    return fields; // the excerpt may itself contain "stat:" and the like
                }
            }
            key = normalizeKey(m.group(1));
            valueStart = m.end();
            if (key.equals("text")) {
                fields.put(key, text.substring(valueStart));
                return fields;
            }
        }
        if (key != null) {
            fields.putIfAbsent(key, text.substring(valueStart).trim());
        }
        return fields;
    }

    private static String normalizeKey(String key) {
        String k = key.toLowerCase(Locale.ROOT).replace('_', ' ');
        if (k.startsWith("submit")) {
            return "submit date";
        }
        if (k.startsWith("done")) {
            return "done date";
        }
        return k;
    }

    static String stateOf(int messageState) {
        return messageState < STATES_BY_MESSAGE_STATE.length ? STATES_BY_MESSAGE_STATE[messageState] : "UNKNOWN";
    }

    static String normalizeStat(String stat) {
        if (stat == null) {
            return "UNKNOWN";
        }
        String s = stat.trim().toUpperCase(Locale.ROOT);
        return switch (s) {
            case "DELIVRD", "DELIVERED" -> "DELIVRD";
            case "UNDELIV", "UNDELIVERABLE", "UNDELIVERED" -> "UNDELIV";
            case "EXPIRED" -> "EXPIRED";
            case "REJECTD", "REJECTED" -> "REJECTD";
            case "DELETED" -> "DELETED";
            case "ACCEPTD", "ACCEPTED" -> "ACCEPTD";
            case "ENROUTE" -> "ENROUTE";
            default -> "UNKNOWN";
        };
    }

    /** yyMMddHHmm, or yyMMddHHmmss as some SMSCs send; anything else is treated as absent. */
    static OffsetDateTime date(String value) {
        if (value == null) {
            return null;
        }
        String digits = value.trim();
        String pattern = switch (digits.length()) {
            case 10 -> "yyMMddHHmm";
            case 12 -> "yyMMddHHmmss";
            default -> null;
        };
        if (pattern == null || !digits.chars().allMatch(Character::isDigit)) {
            return null;
        }
        try {
            LocalDateTime local = LocalDateTime.parse(digits, DateTimeFormatter.ofPattern(pattern));
            return local.atZone(CARRIER_ZONE).toOffsetDateTime();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** network_error_code: network type (1 octet) then the error code (2 octets). */
    private static String networkError(byte[] value) {
        if (value.length != 3) {
            return null;
        }
        return String.format("%03d", ((value[1] & 0xFF) << 8) | (value[2] & 0xFF));
    }

    private static String cString(byte[] value) {
        if (value == null) {
            return null;
        }
        int end = 0;
        while (end < value.length && value[end] != 0) {
            end++;
        }
        return new String(value, 0, end, StandardCharsets.ISO_8859_1).trim();
    }

    static Map<Integer, byte[]> tlvs(OptionalParameter[] parameters) {
        Map<Integer, byte[]> result = new HashMap<>();
        if (parameters != null) {
            for (OptionalParameter p : parameters) {
                byte[] raw = p.serialize(); // tag (2) + length (2) + value
                byte[] value = new byte[raw.length - 4];
                System.arraycopy(raw, 4, value, 0, value.length);
                result.put(p.tag & 0xFFFF, value);
            }
        }
        return result;
    }
}
