package tw.gov.sms.identity;

import java.util.Optional;

/** An IP allow-list entry that cannot be accepted, with a stable {@link #code()} and messages naming the input. */
public final class IpRangeException extends IllegalArgumentException {

    public static final String INVALID = "IP_RANGE_INVALID";
    public static final String HOST_BITS = "IP_RANGE_HOST_BITS";
    public static final String TOO_WIDE = "IP_RANGE_TOO_WIDE";

    private final String code;
    private final String input;
    private final String zh;
    private final String en;
    private final String suggestion;

    private IpRangeException(String code, String input, String zh, String en, String suggestion) {
        super(code + ": " + en);
        this.code = code;
        this.input = input;
        this.zh = zh;
        this.en = en;
        this.suggestion = suggestion;
    }

    static IpRangeException invalid(String input) {
        return new IpRangeException(
                INVALID,
                input,
                "「" + input + "」不是有效的 IP 位址或 CIDR 網段（例如 203.0.113.7、203.0.113.0/24、2001:db8::/32；不接受主機名稱）",
                "\"" + input + "\" is not an IP address or CIDR range"
                        + " (e.g. 203.0.113.7, 203.0.113.0/24, 2001:db8::/32; host names are not accepted)",
                null);
    }

    static IpRangeException hostBits(String input, String network) {
        return new IpRangeException(
                HOST_BITS,
                input,
                "「" + input + "」的主機位元不為零；網段應寫為 " + network,
                "\"" + input + "\" has host bits set; the range is written " + network,
                network);
    }

    static IpRangeException tooWide(String input) {
        return new IpRangeException(
                TOO_WIDE,
                input,
                "「" + input + "」會允許整個網際網路連線，不可設定",
                "\"" + input + "\" would admit the whole Internet and is not allowed",
                null);
    }

    public String code() {
        return code;
    }

    public String input() {
        return input;
    }

    public String zh() {
        return zh;
    }

    public String en() {
        return en;
    }

    /** The corrected entry, when there is an obvious one (the network form of a range with host bits set). */
    public Optional<String> suggestion() {
        return Optional.ofNullable(suggestion);
    }
}
