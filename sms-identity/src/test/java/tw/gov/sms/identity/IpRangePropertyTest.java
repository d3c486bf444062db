package tw.gov.sms.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigInteger;
import java.net.InetAddress;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Random networks contain their first and last address and nothing just outside. */
class IpRangePropertyTest {

    @Property(tries = 500)
    void ipv4(@ForAll @Size(4) byte[] address, @ForAll @IntRange(min = 1, max = 32) int prefix) throws Exception {
        check(address, prefix);
    }

    @Property(tries = 500)
    void ipv6(@ForAll @Size(16) byte[] address, @ForAll @IntRange(min = 1, max = 128) int prefix) throws Exception {
        address[0] |= 0x20; // never ::ffff:0:0/96, whose addresses read as IPv4
        check(address, prefix);
    }

    @Property(tries = 300)
    void hostBitsAreRefusedWithASuggestionThatContainsTheAddress(
            @ForAll @Size(4) byte[] address, @ForAll @IntRange(min = 1, max = 31) int prefix) throws Exception {
        String host = InetAddress.getByAddress(address).getHostAddress();
        IpRangeException refused =
                catchThrowableOfType(IpRangeException.class, () -> IpRange.parse(host + "/" + prefix));

        if (refused == null) {
            assertThat(IpRange.parse(host + "/" + prefix).network().getHostAddress())
                    .isEqualTo(host);
        } else {
            assertThat(refused.code()).isEqualTo("IP_RANGE_HOST_BITS");
            assertThat(IpRange.parse(refused.suggestion().orElseThrow()).contains(host))
                    .isTrue();
        }
    }

    private static void check(byte[] address, int prefix) throws Exception {
        int bits = address.length * 8;
        BigInteger hostMask = BigInteger.ONE.shiftLeft(bits - prefix).subtract(BigInteger.ONE);
        BigInteger first = new BigInteger(1, address).andNot(hostMask);
        BigInteger last = first.or(hostMask);

        IpRange range = IpRange.parse(
                InetAddress.getByAddress(bytes(first, address.length)).getHostAddress() + "/" + prefix);

        assertThat(IpRange.parse(range.toString())).isEqualTo(range);
        assertThat(range.network()).isEqualTo(InetAddress.getByAddress(bytes(first, address.length)));
        assertThat(range.last()).isEqualTo(InetAddress.getByAddress(bytes(last, address.length)));
        assertThat(range.contains(range.network())).isTrue();
        assertThat(range.contains(range.last())).isTrue();
        assertThat(range.contains(range.last().getHostAddress())).isTrue();
        BigInteger max = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE);
        if (last.compareTo(max) < 0) {
            assertThat(range.contains(InetAddress.getByAddress(bytes(last.add(BigInteger.ONE), address.length))))
                    .isFalse();
        }
        if (first.signum() > 0) {
            assertThat(range.contains(InetAddress.getByAddress(bytes(first.subtract(BigInteger.ONE), address.length))))
                    .isFalse();
        }
    }

    private static byte[] bytes(BigInteger value, int length) {
        byte[] raw = value.toByteArray();
        byte[] out = new byte[length];
        int copy = Math.min(raw.length, length);
        System.arraycopy(raw, raw.length - copy, out, length - copy, copy);
        return Arrays.copyOf(out, length);
    }
}
