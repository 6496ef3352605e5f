package io.vigil.server.intel;

import java.net.IDN;
import java.util.Locale;

/**
 * Normalises indicator values so that the store keeps one row per indicator and the matcher
 * compares like with like. Hashes: lower-case hex of the right length. Addresses: canonical text
 * (IPv6 per RFC 5952). CIDRs: host bits cleared; a /32 (IPv4) or /128 (IPv6) network is an
 * address. Domains: lower case, IDNA (punycode), no trailing dot, at least two labels. URLs:
 * scheme and host lower case, default port, user info and fragment dropped, empty path {@code /};
 * path and query are kept as they are.
 */
public final class IocValues {

    /** The longest URL stored; longer ones are refused. */
    public static final int MAX_URL_LENGTH = 4096;

    private IocValues() {}

    /** A normalised indicator: the type may change (a {@code /32} CIDR is an IPv4 address). */
    public record Normalised(IocType type, String value) {}

    /**
     * Normalises {@code raw} as {@code type}.
     *
     * @throws IllegalArgumentException saying why the value is not a valid {@code type}
     */
    public static Normalised normalise(IocType type, String raw) {
        String s = raw.trim();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("empty " + type.name().toLowerCase(Locale.ROOT) + " value");
        }
        return switch (type) {
            case MD5 -> new Normalised(type, hash(s, 32, "MD5"));
            case SHA1 -> new Normalised(type, hash(s, 40, "SHA-1"));
            case SHA256 -> new Normalised(type, hash(s, 64, "SHA-256"));
            case IPV4 -> new Normalised(type, ipv4(s));
            case IPV6 -> new Normalised(type, ipv6(s));
            case CIDR -> cidr(s);
            case DOMAIN -> new Normalised(type, domain(s));
            case URL -> new Normalised(type, url(s));
        };
    }

    /** The hash type for a hex string's length (32, 40, 64), or throws. */
    public static IocType hashType(String hex) {
        return switch (hex.trim().length()) {
            case 32 -> IocType.MD5;
            case 40 -> IocType.SHA1;
            case 64 -> IocType.SHA256;
            default ->
                throw new IllegalArgumentException(
                        "a file hash has 32 (MD5), 40 (SHA-1) or 64 (SHA-256) hex digits, not "
                                + hex.trim().length());
        };
    }

    /** An address of either family: IPv4 or IPv6 by its text. */
    public static Normalised address(String raw) {
        String s = raw.trim();
        return s.indexOf(':') >= 0 ? new Normalised(IocType.IPV6, ipv6(s)) : new Normalised(IocType.IPV4, ipv4(s));
    }

    private static String hash(String s, int length, String name) {
        if (s.length() != length) {
            throw new IllegalArgumentException(
                    "a " + name + " hash has " + length + " hex digits, '" + clip(s) + "' has " + s.length());
        }
        for (int i = 0; i < s.length(); i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                throw new IllegalArgumentException("'" + clip(s) + "' is not hexadecimal (character " + (i + 1) + ")");
            }
        }
        return s.toLowerCase(Locale.ROOT);
    }

    private static String ipv4(String s) {
        long v = Addresses.parseV4(s, 0, s.length());
        if (v < 0) {
            throw new IllegalArgumentException("'" + clip(s) + "' is not a dotted-quad IPv4 address");
        }
        return Addresses.formatV4(v);
    }

    private static String ipv6(String s) {
        long[] v = new long[2];
        if (!Addresses.parseV6(s, 0, s.length(), v)) {
            throw new IllegalArgumentException("'" + clip(s) + "' is not an IPv6 address");
        }
        return Addresses.formatV6(v[0], v[1]);
    }

    private static Normalised cidr(String s) {
        int slash = s.indexOf('/');
        if (slash < 0) {
            return address(s);
        }
        String addr = s.substring(0, slash);
        int prefix;
        try {
            prefix = Integer.parseInt(s.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + clip(s) + "' has no prefix length after '/'");
        }
        if (addr.indexOf(':') >= 0) {
            long[] v = new long[2];
            if (!Addresses.parseV6(addr, 0, addr.length(), v) || prefix < 0 || prefix > 128) {
                throw new IllegalArgumentException("'" + clip(s) + "' is not an IPv6 network (address/0-128)");
            }
            if (prefix == 128) {
                return new Normalised(IocType.IPV6, Addresses.formatV6(v[0], v[1]));
            }
            long hi = v[0] & Addresses.mask64(prefix);
            long lo = v[1] & Addresses.mask64(prefix - 64);
            return new Normalised(IocType.CIDR, Addresses.formatV6(hi, lo) + "/" + prefix);
        }
        long v = Addresses.parseV4(addr, 0, addr.length());
        if (v < 0 || prefix < 0 || prefix > 32) {
            throw new IllegalArgumentException("'" + clip(s) + "' is not an IPv4 network (address/0-32)");
        }
        if (prefix == 32) {
            return new Normalised(IocType.IPV4, Addresses.formatV4(v));
        }
        long masked = v & (Addresses.mask64(prefix + 32) & 0xffffffffL);
        return new Normalised(IocType.CIDR, Addresses.formatV4(masked) + "/" + prefix);
    }

    static String domain(String raw) {
        String s = raw.toLowerCase(Locale.ROOT);
        if (s.endsWith(".")) {
            s = s.substring(0, s.length() - 1);
        }
        if (s.startsWith("*.")) {
            s = s.substring(2);
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 127) {
                try {
                    s = IDN.toASCII(s, IDN.ALLOW_UNASSIGNED);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("'" + clip(raw) + "' is not a valid international domain name");
                }
                break;
            }
        }
        if (s.length() > 253) {
            throw new IllegalArgumentException(
                    "a domain name has at most 253 characters, '" + clip(raw) + "' has " + s.length());
        }
        String[] labels = s.split("\\.", -1);
        boolean numeric = true;
        for (String label : labels) {
            if (label.isEmpty() || label.length() > 63) {
                throw new IllegalArgumentException("'" + clip(raw) + "' has an empty or over-long (>63) label");
            }
            for (int i = 0; i < label.length(); i++) {
                char c = label.charAt(i);
                boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
                if (!ok) {
                    throw new IllegalArgumentException(
                            "'" + clip(raw) + "' contains '" + c + "', which a domain name cannot hold");
                }
                numeric &= c >= '0' && c <= '9';
            }
        }
        if (labels.length < 2) {
            throw new IllegalArgumentException(
                    "'" + clip(raw) + "' has a single label; a domain IoC needs at least two (example.com)");
        }
        if (numeric) {
            throw new IllegalArgumentException("'" + clip(raw) + "' is an IPv4 address, not a domain name");
        }
        return s;
    }

    static String url(String s) {
        if (s.length() > MAX_URL_LENGTH) {
            throw new IllegalArgumentException(
                    "a URL has at most " + MAX_URL_LENGTH + " characters, this one has " + s.length());
        }
        int colon = s.indexOf("://");
        if (colon <= 0) {
            throw new IllegalArgumentException("'" + clip(s) + "' is not an absolute URL (scheme://host/…)");
        }
        String scheme = s.substring(0, colon).toLowerCase(Locale.ROOT);
        if (!scheme.matches("[a-z][a-z0-9+.-]*")) {
            throw new IllegalArgumentException("'" + clip(s) + "' has an invalid scheme");
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= ' ' || c == 0x7f) {
                throw new IllegalArgumentException("'" + clip(s) + "' contains whitespace or a control character");
            }
        }
        int start = colon + 3;
        int end = start;
        while (end < s.length() && "/?#".indexOf(s.charAt(end)) < 0) {
            end++;
        }
        String authority = s.substring(start, end);
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            authority = authority.substring(at + 1);
        }
        String host = authority;
        String port = "";
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("'" + clip(s) + "' has an unclosed IPv6 literal");
            }
            host = "[" + ipv6(authority.substring(1, close)) + "]";
            port = authority.substring(close + 1);
        } else {
            int p = authority.lastIndexOf(':');
            if (p >= 0) {
                host = authority.substring(0, p);
                port = authority.substring(p);
            }
            host = host.toLowerCase(Locale.ROOT);
            if (host.endsWith(".")) {
                host = host.substring(0, host.length() - 1);
            }
        }
        if (host.isEmpty() || host.equals("[]")) {
            throw new IllegalArgumentException("'" + clip(s) + "' has no host");
        }
        if (!port.isEmpty() && !port.matches(":\\d{1,5}")) {
            throw new IllegalArgumentException("'" + clip(s) + "' has an invalid port");
        }
        if (port.equals(":") || port.equals(defaultPort(scheme))) {
            port = "";
        }
        String rest = s.substring(end);
        int hash = rest.indexOf('#');
        if (hash >= 0) {
            rest = rest.substring(0, hash);
        }
        if (rest.isEmpty() || rest.charAt(0) == '?') {
            rest = "/" + rest;
        }
        return scheme + "://" + host + port + rest;
    }

    /** The host of a normalised or raw URL ({@code [v6]} without brackets), lower case; empty when none. */
    static String urlHost(CharSequence s) {
        int colon = indexOf(s, "://");
        if (colon <= 0) {
            return "";
        }
        int start = colon + 3;
        int end = start;
        int at = -1;
        while (end < s.length() && "/?#".indexOf(s.charAt(end)) < 0) {
            if (s.charAt(end) == '@') {
                at = end;
            }
            end++;
        }
        if (at >= 0) {
            start = at + 1;
        }
        String authority = s.subSequence(start, end).toString();
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            return close < 0 ? "" : authority.substring(1, close).toLowerCase(Locale.ROOT);
        }
        int p = authority.lastIndexOf(':');
        String host = p >= 0 ? authority.substring(0, p) : authority;
        host = host.toLowerCase(Locale.ROOT);
        return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    }

    private static int indexOf(CharSequence s, String needle) {
        outer:
        for (int i = 0; i + needle.length() <= s.length(); i++) {
            for (int j = 0; j < needle.length(); j++) {
                if (s.charAt(i + j) != needle.charAt(j)) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static String defaultPort(String scheme) {
        return switch (scheme) {
            case "http" -> ":80";
            case "https" -> ":443";
            case "ftp" -> ":21";
            default -> "-";
        };
    }

    /** Undoes common defanging: {@code [.]}, {@code (.)}, {@code hxxp}, {@code [:]}. */
    public static String refang(String s) {
        String r = s.replace("[.]", ".").replace("(.)", ".").replace("[:]", ":").replace("[://]", "://");
        if (r.regionMatches(true, 0, "hxxp", 0, 4)) {
            r = "http" + r.substring(4);
        }
        return r;
    }

    /** A value cut to 80 characters for messages. */
    static String clip(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "…";
    }
}
