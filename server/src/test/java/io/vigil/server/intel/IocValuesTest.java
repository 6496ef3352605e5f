package io.vigil.server.intel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IocValuesTest {

    @ParameterizedTest
    @CsvSource({
        "IPV4, 10.1.2.3, IPV4, 10.1.2.3",
        "IPV6, 2001:DB8:0:0:0:0:0:1, IPV6, 2001:db8::1",
        "IPV6, ::ffff:192.0.2.1, IPV6, ::ffff:c000:201",
        "IPV6, 2001:db8:0:1:1:1:1:1, IPV6, 2001:db8:0:1:1:1:1:1",
        "IPV6, 2001:0:0:1:0:0:0:1, IPV6, 2001:0:0:1::1",
        "CIDR, 223.166.1.7/15, CIDR, 223.166.0.0/15",
        "CIDR, 198.51.100.1/32, IPV4, 198.51.100.1",
        "CIDR, 2001:db8::ff/64, CIDR, 2001:db8::/64",
        "CIDR, 2001:db8::1/128, IPV6, 2001:db8::1",
        "DOMAIN, WWW.Example.COM., DOMAIN, www.example.com",
        "DOMAIN, bücher.example, DOMAIN, xn--bcher-kva.example",
        "URL, HTTP://Evil.Example:80/Path?Q=1#frag, URL, http://evil.example/Path?Q=1",
        "URL, https://user:pw@EXAMPLE.org, URL, https://example.org/",
        "URL, http://[2001:DB8::1]:8080/x, URL, http://[2001:db8::1]:8080/x",
        "SHA1, DA39A3EE5E6B4B0D3255BFEF95601890AFD80709, SHA1, da39a3ee5e6b4b0d3255bfef95601890afd80709",
    })
    void shouldNormaliseValues(IocType type, String raw, IocType expectedType, String expected) {
        IocValues.Normalised n = IocValues.normalise(type, raw);
        assertThat(n.type()).isEqualTo(expectedType);
        assertThat(n.value()).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "IPV4|256.1.1.1|not a dotted-quad",
                "IPV4|01.1.1.1|not a dotted-quad",
                "IPV6|1::2::3|not an IPv6",
                "IPV6|example.com|not an IPv6",
                "CIDR|10.0.0.0/33|not an IPv4 network",
                "DOMAIN|localhost|single label",
                "DOMAIN|domain autuo.xicp.net|contains ' '",
                "DOMAIN|1.2.3.4|is an IPv4 address",
                "URL|evil.example/path|not an absolute URL",
                "URL|http://evil.example/a b|whitespace",
                "MD5|xyz|32 hex digits",
                "SHA256|" + "g0000000000000000000000000000000000000000000000000000000000000000" + "|64 hex digits",
            })
    void shouldRefuseInvalidValuesSayingWhy(IocType type, String raw, String why) {
        assertThatThrownBy(() -> IocValues.normalise(type, raw))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(why);
    }

    @Test
    void shouldRefangDefangedIndicators() {
        assertThat(IocValues.refang("hxxps://evil[.]example[.]com/x")).isEqualTo("https://evil.example.com/x");
        assertThat(IocValues.refang("comalign[.]pro")).isEqualTo("comalign.pro");
    }
}
