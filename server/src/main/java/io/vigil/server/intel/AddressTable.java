package io.vigil.server.intel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * IPv4 and IPv6 addresses and networks, looked up by longest prefix: per prefix length a sorted
 * array of network addresses, searched from the longest length down. Lookups allocate nothing.
 */
final class AddressTable {

    /** One prefix length's networks: sorted keys (IPv6: high/low pairs) and their IoCs. */
    private static final class Level {
        private final int prefix;
        private final long[] keys;
        private final List<List<Ioc>> iocs;

        Level(int prefix, long[] keys, List<List<Ioc>> iocs) {
            this.prefix = prefix;
            this.keys = keys;
            this.iocs = iocs;
        }

        int prefix() {
            return prefix;
        }

        long[] keys() {
            return keys;
        }

        List<List<Ioc>> iocs() {
            return iocs;
        }
    }

    private final Level[] v4;
    private final Level[] v6;

    private AddressTable(Level[] v4, Level[] v6) {
        this.v4 = v4;
        this.v6 = v6;
    }

    /** Collects networks before the table is built. */
    static final class Builder {
        private final Map<Integer, TreeMap<Long, List<Ioc>>> v4 = new TreeMap<>();
        private final Map<Integer, TreeMap<V6, List<Ioc>>> v6 = new TreeMap<>();

        private record V6(long hi, long lo) implements Comparable<V6> {
            @Override
            public int compareTo(V6 o) {
                int c = Long.compareUnsigned(hi, o.hi);
                return c != 0 ? c : Long.compareUnsigned(lo, o.lo);
            }
        }

        /** Adds an IPV4, IPV6 or CIDR IoC (normalised). */
        void add(Ioc ioc) {
            String value = ioc.value();
            int slash = value.indexOf('/');
            String addr = slash < 0 ? value : value.substring(0, slash);
            if (addr.indexOf(':') >= 0) {
                int prefix = slash < 0 ? 128 : Integer.parseInt(value.substring(slash + 1));
                long[] v = new long[2];
                if (Addresses.parseV6(addr, 0, addr.length(), v)) {
                    v6.computeIfAbsent(prefix, p -> new TreeMap<>())
                            .computeIfAbsent(new V6(v[0], v[1]), k -> new ArrayList<>())
                            .add(ioc);
                }
            } else {
                int prefix = slash < 0 ? 32 : Integer.parseInt(value.substring(slash + 1));
                long v = Addresses.parseV4(addr, 0, addr.length());
                if (v >= 0) {
                    v4.computeIfAbsent(prefix, p -> new TreeMap<>())
                            .computeIfAbsent(v, k -> new ArrayList<>())
                            .add(ioc);
                }
            }
        }

        AddressTable build() {
            List<Level> l4 = new ArrayList<>();
            v4.forEach((prefix, nets) -> {
                long[] keys = new long[nets.size()];
                List<List<Ioc>> iocs = new ArrayList<>();
                int i = 0;
                for (Map.Entry<Long, List<Ioc>> e : nets.entrySet()) {
                    keys[i++] = e.getKey();
                    iocs.add(List.copyOf(e.getValue()));
                }
                l4.add(new Level(prefix, keys, iocs));
            });
            List<Level> l6 = new ArrayList<>();
            v6.forEach((prefix, nets) -> {
                long[] keys = new long[nets.size() * 2];
                List<List<Ioc>> iocs = new ArrayList<>();
                int i = 0;
                for (Map.Entry<V6, List<Ioc>> e : nets.entrySet()) {
                    keys[i++] = e.getKey().hi();
                    keys[i++] = e.getKey().lo();
                    iocs.add(List.copyOf(e.getValue()));
                }
                l6.add(new Level(prefix, keys, iocs));
            });
            // longest prefix first
            return new AddressTable(
                    l4.reversed().toArray(new Level[0]), l6.reversed().toArray(new Level[0]));
        }
    }

    boolean isEmpty() {
        return v4.length == 0 && v6.length == 0;
    }

    /** The IoCs of the longest network holding the IPv4 address {@code addr}, or {@code null}. */
    @Nullable
    List<Ioc> findV4(long addr) {
        for (Level level : v4) {
            long masked = addr & (Addresses.mask64(level.prefix() + 32) & 0xffffffffL);
            int lo = 0;
            int hi = level.keys().length - 1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                long k = level.keys()[mid];
                if (k < masked) {
                    lo = mid + 1;
                } else if (k > masked) {
                    hi = mid - 1;
                } else {
                    return level.iocs().get(mid);
                }
            }
        }
        return null;
    }

    /** The IoCs of the longest network holding the IPv6 address {@code (high, low)}, or {@code null}. */
    @Nullable
    List<Ioc> findV6(long high, long low) {
        for (Level level : v6) {
            long mh = high & Addresses.mask64(level.prefix());
            long ml = low & Addresses.mask64(level.prefix() - 64);
            int lo = 0;
            int hi = level.keys().length / 2 - 1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                int c = Long.compareUnsigned(level.keys()[2 * mid], mh);
                if (c == 0) {
                    c = Long.compareUnsigned(level.keys()[2 * mid + 1], ml);
                }
                if (c < 0) {
                    lo = mid + 1;
                } else if (c > 0) {
                    hi = mid - 1;
                } else {
                    return level.iocs().get(mid);
                }
            }
        }
        return null;
    }
}
