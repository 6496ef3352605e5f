package io.vigil.server.intel;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An immutable open-addressing table from lower-case ASCII keys to IoC lists, looked up by a region
 * of any {@link CharSequence} case-insensitively, so that the matcher's lookups allocate nothing.
 */
final class NameTable {

    static final NameTable EMPTY = new NameTable(Map.of());

    private final String[] keys;
    private final Object[] values;
    private final int mask;

    NameTable(Map<String, List<Ioc>> entries) {
        int capacity = Integer.highestOneBit(Math.max(4, entries.size() * 2 + 1) - 1) << 1;
        keys = new String[capacity];
        values = new Object[capacity];
        mask = capacity - 1;
        for (Map.Entry<String, List<Ioc>> e : entries.entrySet()) {
            String key = e.getKey();
            int i = hash(key, 0, key.length()) & mask;
            while (keys[i] != null) {
                i = (i + 1) & mask;
            }
            keys[i] = key;
            values[i] = List.copyOf(e.getValue());
        }
    }

    /** The IoCs stored under {@code s[from, to)} (ASCII case ignored), or {@code null}. */
    @SuppressWarnings("unchecked")
    @Nullable
    List<Ioc> get(CharSequence s, int from, int to) {
        int i = hash(s, from, to) & mask;
        while (true) {
            String k = keys[i];
            if (k == null) {
                return null;
            }
            if (regionEquals(k, s, from, to)) {
                return (List<Ioc>) values[i];
            }
            i = (i + 1) & mask;
        }
    }

    private static boolean regionEquals(String key, CharSequence s, int from, int to) {
        if (key.length() != to - from) {
            return false;
        }
        for (int i = 0; i < key.length(); i++) {
            if (key.charAt(i) != lower(s.charAt(from + i))) {
                return false;
            }
        }
        return true;
    }

    private static int hash(CharSequence s, int from, int to) {
        int h = 0;
        for (int i = from; i < to; i++) {
            h = 31 * h + lower(s.charAt(i));
        }
        return h ^ (h >>> 16);
    }

    private static char lower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
    }
}
