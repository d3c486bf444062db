package tw.gov.sms.identity;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * One entry of an IP allow-list: an IPv4 or IPv6 network in CIDR form, or a single address. Parsed from literals
 * only, never through DNS. IPv4-mapped IPv6 addresses ({@code ::ffff:203.0.113.7}) are treated as the IPv4 address
 * they carry, in ranges and in {@link #contains}.
 */
public final class IpRange {

    private final byte[] network;
    private final int prefixLength;

    private IpRange(byte[] network, int prefixLength) {
        this.network = network;
        this.prefixLength = prefixLength;
    }

    /** Parses an address or a range, refusing {@code /0}. */
    public static IpRange parse(String text) {
        return parse(text, false);
    }

    /**
     * @param allowAll whether a {@code /0} range (everyone) is acceptable
     * @throws IpRangeException with {@link IpRangeException#INVALID} for anything that is not an address literal with
     *     an optional prefix length, {@link IpRangeException#HOST_BITS} when bits beyond the prefix are set,
     *     {@link IpRangeException#TOO_WIDE} for {@code /0} unless allowed
     */
    public static IpRange parse(String text, boolean allowAll) {
        if (text == null) {
            throw IpRangeException.invalid("");
        }
        String input = text.strip();
        int slash = input.indexOf('/');
        String addressPart = slash < 0 ? input : input.substring(0, slash);
        byte[] address = literal(addressPart);
        if (address == null) {
            throw IpRangeException.invalid(input);
        }
        int bits = address.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            prefix = prefixLength(input.substring(slash + 1));
            if (isMappedIpv4Text(addressPart, address)) {
                // ::ffff:a.b.c.d/n has become an IPv4 address; its prefix counts from the IPv4 part.
                prefix -= 96;
            }
            if (prefix < 0 || prefix > bits) {
                throw IpRangeException.invalid(input);
            }
        }
        byte[] masked = mask(address, prefix);
        if (!Arrays.equals(masked, address)) {
            throw IpRangeException.hostBits(input, format(masked, prefix));
        }
        if (prefix == 0 && !allowAll) {
            throw IpRangeException.tooWide(input);
        }
        return new IpRange(masked, prefix);
    }

    public boolean contains(InetAddress address) {
        return address != null && containsBytes(unmap(address.getAddress()));
    }

    /** Whether the address literal {@code address} lies in this range; {@code false} for anything not a literal. */
    public boolean contains(String address) {
        if (address == null) {
            return false;
        }
        byte[] bytes = literal(address.strip());
        return bytes != null && containsBytes(bytes);
    }

    public int prefixLength() {
        return prefixLength;
    }

    public boolean isIpv4() {
        return network.length == 4;
    }

    /** The first address of the range. */
    public InetAddress network() {
        return toInetAddress(network);
    }

    /** The last address of the range (the broadcast address of an IPv4 network). */
    public InetAddress last() {
        byte[] last = network.clone();
        for (int i = 0; i < last.length; i++) {
            int hostBits = Math.min(8, Math.max(0, (i + 1) * 8 - prefixLength));
            last[i] |= (byte) ((1 << hostBits) - 1);
        }
        return toInetAddress(last);
    }

    /** Canonical CIDR, always with the prefix length: {@code 203.0.113.0/24}, {@code 2001:db8::/32}. */
    @Override
    public String toString() {
        return format(network, prefixLength);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IpRange other
                && prefixLength == other.prefixLength
                && Arrays.equals(network, other.network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefixLength;
    }

    private boolean containsBytes(byte[] address) {
        return address.length == network.length && Arrays.equals(mask(address, prefixLength), network);
    }

    /** The 4 or 16 bytes of an address literal (mapped IPv6 reduced to IPv4), or {@code null}. */
    private static byte[] literal(String text) {
        if (text.isEmpty()) {
            return null;
        }
        if (text.indexOf(':') < 0) {
            return ipv4(text);
        }
        // InetAddress parses a literal without DNS only when it starts with a hex digit or ':' and has a ':'.
        char first = text.charAt(0);
        if (!(first == ':' || Character.digit(first, 16) >= 0) || !text.chars().allMatch(IpRange::ipv6Char)) {
            return null;
        }
        try {
            return unmap(InetAddress.getByName(text).getAddress());
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static boolean ipv6Char(int c) {
        return c == ':' || c == '.' || (c < 128 && Character.digit(c, 16) >= 0);
    }

    /** Four decimal octets 0-255 without leading zeros (which some parsers read as octal). */
    private static byte[] ipv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            String part = parts[i];
            if (!part.matches("0|[1-9][0-9]{0,2}")) {
                return null;
            }
            int value = Integer.parseInt(part);
            if (value > 255) {
                return null;
            }
            bytes[i] = (byte) value;
        }
        return bytes;
    }

    private static int prefixLength(String text) {
        return text.matches("0|[1-9][0-9]{0,2}") ? Integer.parseInt(text) : -1;
    }

    private static boolean isMappedIpv4Text(String text, byte[] address) {
        return address.length == 4 && text.indexOf(':') >= 0;
    }

    private static byte[] unmap(byte[] address) {
        if (address.length != 16) {
            return address;
        }
        for (int i = 0; i < 10; i++) {
            if (address[i] != 0) {
                return address;
            }
        }
        if (address[10] != (byte) 0xff || address[11] != (byte) 0xff) {
            return address;
        }
        return Arrays.copyOfRange(address, 12, 16);
    }

    private static byte[] mask(byte[] address, int prefix) {
        byte[] masked = address.clone();
        for (int i = 0; i < masked.length; i++) {
            int keep = Math.min(8, Math.max(0, prefix - i * 8));
            masked[i] &= (byte) (0xff << (8 - keep));
        }
        return masked;
    }

    private static String format(byte[] address, int prefix) {
        String host = address.length == 4 ? toInetAddress(address).getHostAddress() : ipv6(address);
        return host + "/" + prefix;
    }

    /** RFC 5952: lower case, no leading zeros, the longest run (first if tied) of two or more zero groups as "::". */
    private static String ipv6(byte[] address) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((address[2 * i] & 0xff) << 8) | (address[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int start = i;
            while (i < 8 && groups[i] == 0) {
                i++;
            }
            if (i - start > bestLength) {
                bestStart = start;
                bestLength = i - start;
            }
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }

    private static InetAddress toInetAddress(byte[] address) {
        try {
            // Cannot resolve anything: getByAddress only wraps the bytes.
            return InetAddress.getByAddress(address);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
