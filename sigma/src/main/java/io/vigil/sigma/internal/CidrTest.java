package io.vigil.sigma.internal;

import io.vigil.sigma.SigmaEvent;
import org.jspecify.annotations.Nullable;

/** {@code |cidr}: the value is an IPv4 or IPv6 address inside the network. */
public final class CidrTest implements ValueTest {
    private final byte[] network;
    private final int prefix;
    private final String source;

    private CidrTest(byte[] network, int prefix, String source) {
        this.network = network.clone();
        this.prefix = prefix;
        this.source = source;
    }

    /** Parses {@code a.b.c.d/n} or an IPv6 prefix; {@code null} when malformed. */
    public static @Nullable CidrTest parse(String cidr) {
        int slash = cidr.indexOf('/');
        byte[] address = IpAddresses.parse(
                slash < 0 ? cidr.trim() : cidr.substring(0, slash).trim());
        if (address == null) {
            return null;
        }
        int prefix = address.length * 8;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(cidr.substring(slash + 1).trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        if (prefix < 0 || prefix > address.length * 8) {
            return null;
        }
        return new CidrTest(address, prefix, cidr);
    }

    @Override
    public boolean test(Object value, SigmaEvent event, FieldNames names) {
        return contains(address(value));
    }

    /** The address a value holds, parsed once for every network it is tested against, or null. */
    static byte @Nullable [] address(Object value) {
        return IpAddresses.parse(Values.text(value).trim());
    }

    /** Whether the network contains the address ({@code null}: not an address). */
    boolean contains(byte @Nullable [] address) {
        if (address == null || address.length != network.length) {
            return false;
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (address[i] != network[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return (address[full] & mask) == (network[full] & mask);
    }

    @Override
    public String describe() {
        return "cidr " + source;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof CidrTest c && c.prefix == prefix && java.util.Arrays.equals(c.network, network);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(network) * 31 + prefix;
    }

    @Override
    public String toString() {
        return describe();
    }
}
