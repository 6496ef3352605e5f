package io.vigil.sigma.internal;

import org.jspecify.annotations.Nullable;

/** Parses textual IPv4 and IPv6 addresses without any name lookup. */
final class IpAddresses {
    private IpAddresses() {}

    static byte @Nullable [] parse(String s) {
        if (s.isEmpty() || s.length() > 45) {
            return null;
        }
        return s.indexOf(':') >= 0 ? parseV6(s) : parseV4(s);
    }

    static byte @Nullable [] parseV4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) {
                return null;
            }
            int v = Integer.parseInt(p);
            if (v > 255) {
                return null;
            }
            out[i] = (byte) v;
        }
        return out;
    }

    private static byte @Nullable [] parseV6(String s) {
        int zone = s.indexOf('%');
        if (zone >= 0) {
            s = s.substring(0, zone);
        }
        byte[] tail = null;
        int lastColon = s.lastIndexOf(':');
        if (s.indexOf('.', lastColon) >= 0) {
            tail = parseV4(s.substring(lastColon + 1));
            if (tail == null) {
                return null;
            }
            s = s.substring(0, lastColon + 1) + "0:0";
        }
        int gap = s.indexOf("::");
        if (gap >= 0 && s.indexOf("::", gap + 1) >= 0) {
            return null;
        }
        String[] head = gap < 0 ? s.split(":", -1) : split(s.substring(0, gap));
        String[] rear = gap < 0 ? new String[0] : split(s.substring(gap + 2));
        int groups = head.length + rear.length;
        if ((gap < 0 && groups != 8) || (groups > 7 && gap >= 0)) {
            return null;
        }
        byte[] out = new byte[16];
        if (!fill(head, out, 0) || !fill(rear, out, 16 - 2 * rear.length)) {
            return null;
        }
        if (tail != null) {
            System.arraycopy(tail, 0, out, 12, 4);
        }
        return out;
    }

    private static String[] split(String s) {
        return s.isEmpty() ? new String[0] : s.split(":", -1);
    }

    private static boolean fill(String[] groups, byte[] out, int offset) {
        for (int i = 0; i < groups.length; i++) {
            String g = groups[i];
            if (g.isEmpty() || g.length() > 4) {
                return false;
            }
            int v;
            try {
                v = Integer.parseInt(g, 16);
            } catch (NumberFormatException e) {
                return false;
            }
            out[offset + 2 * i] = (byte) (v >> 8);
            out[offset + 2 * i + 1] = (byte) v;
        }
        return true;
    }
}
