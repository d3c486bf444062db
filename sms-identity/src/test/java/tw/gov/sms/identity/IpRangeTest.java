package tw.gov.sms.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet6Address;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpRangeTest {

    @ParameterizedTest
    @CsvSource({
        "203.0.113.7, 203.0.113.7/32",
        "203.0.113.0/24, 203.0.113.0/24",
        " 10.0.0.0/8 , 10.0.0.0/8",
        "2001:db8::/32, 2001:db8::/32",
        "2001:0DB8:0000::/48, 2001:db8::/48",
        "::1, ::1/128",
        "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1/128",
        "2001:db8:0:1:0:0:0:1, 2001:db8:0:1::1/128",
        "2001:db8:1:0:1:1:1:1, 2001:db8:1:0:1:1:1:1/128",
        "::ffff:203.0.113.7, 203.0.113.7/32",
        "::ffff:203.0.113.0/120, 203.0.113.0/24",
        "::ffff:cb00:7100/120, 203.0.113.0/24"
    })
    void parsesToCanonicalCidr(String input, String canonical) {
        IpRange range = IpRange.parse(input);

        assertThat(range).hasToString(canonical);
        assertThat(IpRange.parse(canonical)).isEqualTo(range).hasSameHashCodeAs(range);
    }

    @Test
    void containsTheAddressesOfItsNetworkOnly() {
        IpRange range = IpRange.parse("203.0.113.0/24");

        assertThat(range.contains("203.0.113.0")).isTrue();
        assertThat(range.contains("203.0.113.255")).isTrue();
        assertThat(range.contains("203.0.112.255")).isFalse();
        assertThat(range.contains("203.0.114.0")).isFalse();
        assertThat(range.network().getHostAddress()).isEqualTo("203.0.113.0");
        assertThat(range.last().getHostAddress()).isEqualTo("203.0.113.255");
        assertThat(range.isIpv4()).isTrue();
        assertThat(range.prefixLength()).isEqualTo(24);
    }

    @Test
    void containsIpv6() throws Exception {
        IpRange range = IpRange.parse("2001:db8::/32");

        assertThat(range.contains("2001:db8:ffff::1")).isTrue();
        assertThat(range.contains(InetAddress.getByName("2001:db9::"))).isFalse();
        assertThat(range.last().getHostAddress()).isEqualTo("2001:db8:ffff:ffff:ffff:ffff:ffff:ffff");
        assertThat(IpRange.parse("::1").contains("0:0:0:0:0:0:0:1")).isTrue();
    }

    @Test
    void matchesIpv4MappedIpv6AddressesAgainstIpv4Ranges() throws Exception {
        IpRange range = IpRange.parse("203.0.113.0/24");
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, (byte) 203, 0, 113, 9};

        assertThat(range.contains("::ffff:203.0.113.9")).isTrue();
        assertThat(range.contains("::FFFF:cb00:7109")).isTrue();
        assertThat(range.contains(Inet6Address.getByAddress(null, mapped, -1))).isTrue();
        assertThat(range.contains("::ffff:203.0.114.9")).isFalse();
    }

    @Test
    void neverMixesFamilies() {
        assertThat(IpRange.parse("0.0.0.0/1", false).contains("::1")).isFalse();
        assertThat(IpRange.parse("::/1", false).contains("1.2.3.4")).isFalse();
        assertThat(IpRange.parse("::/1", false).contains("::1")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                " ",
                "example.com",
                "localhost",
                "sms.gov.tw",
                "1.2.3",
                "1.2.3.4.5",
                "256.1.1.1",
                "01.2.3.4",
                "1.2.3.04",
                "0x7f.0.0.1",
                "2130706433",
                "1.2.3.4/33",
                "1.2.3.4/",
                "1.2.3.4/-1",
                "1.2.3.4/024",
                "1.2.3.4/2 4",
                "/24",
                "1.2.3.4/24/8",
                "2001:db8::/129",
                "fe80::1%eth0",
                "fe80::1%1",
                "[::1]",
                "1::2::3",
                "2001:db8::g",
                "12345::",
                "１.２.３.４",
                "1.2.3.4 ",
                ".:",
                "a.b:",
                "::ffff:1.2.3.0/80",
                "dead:beef",
                "cafe::beef.com"
            })
    void refusesAnythingButAnAddressLiteralWithAPrefix(String input) {
        if (input.equals("1.2.3.4 ")) {
            assertThat(IpRange.parse(input)).hasToString("1.2.3.4/32");
            return;
        }
        assertThatThrownBy(() -> IpRange.parse(input)).isInstanceOfSatisfying(IpRangeException.class, e -> {
            assertThat(e.code()).isEqualTo("IP_RANGE_INVALID");
            assertThat(e.zh()).contains("「" + input.strip() + "」");
            assertThat(e.en()).contains("\"" + input.strip() + "\"");
            assertThat(e.suggestion()).isEmpty();
        });
    }

    @Test
    void refusesHostBitsAndSuggestsTheNetwork() {
        assertThatThrownBy(() -> IpRange.parse("203.0.113.9/24")).isInstanceOfSatisfying(IpRangeException.class, e -> {
            assertThat(e.code()).isEqualTo("IP_RANGE_HOST_BITS");
            assertThat(e.input()).isEqualTo("203.0.113.9/24");
            assertThat(e.suggestion()).hasValue("203.0.113.0/24");
            assertThat(e.zh()).isEqualTo("「203.0.113.9/24」的主機位元不為零；網段應寫為 203.0.113.0/24");
            assertThat(e.en()).isEqualTo("\"203.0.113.9/24\" has host bits set; the range is written 203.0.113.0/24");
            assertThat(e.getMessage()).startsWith("IP_RANGE_HOST_BITS: ");
        });
        assertThatThrownBy(() -> IpRange.parse("2001:db8::1/32"))
                .isInstanceOfSatisfying(
                        IpRangeException.class, e -> assertThat(e.suggestion()).hasValue("2001:db8::/32"));
    }

    @Test
    void refusesTheWholeInternetUnlessAllowed() {
        for (String all : new String[] {"0.0.0.0/0", "::/0", "::ffff:0:0/96"}) {
            assertThatThrownBy(() -> IpRange.parse(all)).isInstanceOfSatisfying(IpRangeException.class, e -> {
                assertThat(e.code()).isEqualTo("IP_RANGE_TOO_WIDE");
                assertThat(e.en()).contains(all).contains("would admit the whole Internet");
                assertThat(e.zh()).contains(all).contains("整個網際網路");
            });
        }
        IpRange everyone = IpRange.parse("0.0.0.0/0", true);
        assertThat(everyone.contains("8.8.8.8")).isTrue();
        assertThat(everyone.contains("2001:db8::1")).isFalse();
        assertThat(IpRange.parse("::/0", true).contains("2001:db8::1")).isTrue();
    }

    @Test
    void answersNoForWhatIsNotAnAddress() {
        IpRange range = IpRange.parse("0.0.0.0/0", true);

        assertThat(range.contains("localhost")).isFalse();
        assertThat(range.contains((String) null)).isFalse();
        assertThat(range.contains((InetAddress) null)).isFalse();
        assertThat(range.contains("1.2.3.4/32")).isFalse();
    }

    @Test
    void nullIsInvalid() {
        assertThatThrownBy(() -> IpRange.parse(null)).isInstanceOf(IpRangeException.class);
    }
}
