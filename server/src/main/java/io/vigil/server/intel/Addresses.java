package io.vigil.server.intel;

/**
 * IPv4 and IPv6 text without DNS and, on the matcher's path, without allocating: an IPv4 address
 * is an {@code long} in {@code 0..2^32-1}, an IPv6 address two {@code long}s (high, low).
 */
final class Addresses {

    private Addresses() {}

    /** Dotted-quad IPv4 in {@code s[from, to)}: the address, or -1 when it is not one. */
    static long parseV4(CharSequence s, int from, int to) {
        if (to - from < 7 || to - from > 15) {
            return -1;
        }
        long value = 0;
        int parts = 0;
        int i = from;
        while (i < to) {
            int start = i;
            int part = 0;
            while (i < to && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                part = part * 10 + (s.charAt(i) - '0');
                i++;
            }
            int len = i - start;
            if (len == 0 || len > 3 || part > 255 || (len > 1 && s.charAt(start) == '0')) {
                return -1;
            }
            value = (value << 8) | part;
            parts++;
            if (i < to) {
                if (s.charAt(i) != '.' || parts == 4) {
                    return -1;
                }
                i++;
                if (i == to) {
                    return -1;
                }
            }
        }
        return parts == 4 ? value : -1;
    }

    /** IPv6 text in {@code s[from, to)} into {@code out[0]} (high) and {@code out[1]} (low); false when invalid. */
    static boolean parseV6(CharSequence s, int from, int to, long[] out) {
        if (to - from < 2 || to - from > 45) {
            return false;
        }
        int[] g = new int[8];
        int n = 0;
        int gap = -1;
        int i = from;
        if (s.charAt(i) == ':') {
            if (s.charAt(i + 1) != ':') {
                return false;
            }
            gap = 0;
            i += 2;
        }
        while (i < to) {
            int start = i;
            int v = 0;
            while (i < to && hex(s.charAt(i)) >= 0 && i - start < 5) {
                v = v * 16 + hex(s.charAt(i));
                i++;
            }
            if (i < to && s.charAt(i) == '.') {
                long v4 = parseV4(s, start, to);
                if (v4 < 0 || n > 6) {
                    return false;
                }
                g[n++] = (int) (v4 >>> 16);
                g[n++] = (int) (v4 & 0xffff);
                i = to;
                break;
            }
            int len = i - start;
            if (len == 0 || len > 4 || n == 8) {
                return false;
            }
            g[n++] = v;
            if (i == to) {
                break;
            }
            if (s.charAt(i) != ':') {
                return false;
            }
            i++;
            if (i < to && s.charAt(i) == ':') {
                if (gap >= 0) {
                    return false;
                }
                gap = n;
                i++;
            } else if (i == to) {
                return false;
            }
        }
        if ((gap < 0 && n != 8) || (gap >= 0 && n > 7)) {
            return false;
        }
        int zeros = 8 - n;
        long hi = 0;
        long lo = 0;
        for (int p = 0; p < 8; p++) {
            int value;
            if (gap >= 0 && p >= gap && p < gap + zeros) {
                value = 0;
            } else {
                value = g[gap < 0 || p < gap ? p : p - zeros];
            }
            if (p < 4) {
                hi = (hi << 16) | value;
            } else {
                lo = (lo << 16) | value;
            }
        }
        out[0] = hi;
        out[1] = lo;
        return true;
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    static String formatV4(long v) {
        return ((v >>> 24) & 0xff) + "." + ((v >>> 16) & 0xff) + "." + ((v >>> 8) & 0xff) + "." + (v & 0xff);
    }

    /** RFC 5952 text: lower case, no leading zeros, the longest run of two or more zero groups as {@code ::}. */
    static String formatV6(long hi, long lo) {
        int[] g = new int[8];
        for (int p = 0; p < 8; p++) {
            long word = p < 4 ? hi : lo;
            g[p] = (int) ((word >>> (16 * (3 - (p % 4)))) & 0xffff);
        }
        int bestStart = -1;
        int bestLen = 1;
        for (int p = 0; p < 8; ) {
            if (g[p] != 0) {
                p++;
                continue;
            }
            int q = p;
            while (q < 8 && g[q] == 0) {
                q++;
            }
            if (q - p > bestLen) {
                bestStart = p;
                bestLen = q - p;
            }
            p = q;
        }
        StringBuilder b = new StringBuilder(39);
        for (int p = 0; p < 8; p++) {
            if (p == bestStart) {
                b.append("::");
                p += bestLen - 1;
                continue;
            }
            if (b.length() > 0 && b.charAt(b.length() - 1) != ':') {
                b.append(':');
            }
            b.append(Integer.toHexString(g[p]));
        }
        return b.toString();
    }

    /** The mask of the first {@code prefix} bits of a 64-bit word ({@code prefix} 0..64). */
    static long mask64(int prefix) {
        return prefix <= 0 ? 0 : prefix >= 64 ? -1L : -1L << (64 - prefix);
    }
}
