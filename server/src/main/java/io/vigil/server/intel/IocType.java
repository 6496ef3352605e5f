package io.vigil.server.intel;

import java.util.Locale;

/** The kinds of indicator Vigil stores and matches. */
public enum IocType {
    MD5,
    SHA1,
    SHA256,
    IPV4,
    IPV6,
    /** An IPv4 or IPv6 network, {@code address/prefix}. */
    CIDR,
    DOMAIN,
    URL;

    /** Whether this is a file hash. */
    public boolean isHash() {
        return this == MD5 || this == SHA1 || this == SHA256;
    }

    /** Parses a type name in any case ({@code sha256}, {@code SHA256}); throws with the accepted names. */
    public static IocType parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown IoC type '" + IocValues.clip(name)
                    + "'; use one of md5, sha1, sha256, ipv4, ipv6, cidr, domain, url");
        }
    }
}
