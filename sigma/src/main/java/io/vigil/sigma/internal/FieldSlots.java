package io.vigil.sigma.internal;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Event field names interned to small ints when rules are compiled, so that the per-event cache
 * ({@link FoldCache}) is an array indexed by slot instead of a hash map keyed by name. The table
 * only grows (one entry per distinct field name of every rule set compiled in the JVM: a few
 * thousand names, tens of KB).
 */
final class FieldSlots {
    private FieldSlots() {}

    private static final ConcurrentHashMap<String, Integer> IDS = new ConcurrentHashMap<>();
    private static volatile String[] names = new String[0];

    /** The slot of {@code name}, assigned on first use. */
    static int of(String name) {
        Integer id = IDS.get(name);
        return id != null ? id : assign(name);
    }

    private static synchronized int assign(String name) {
        Integer id = IDS.get(name);
        if (id != null) {
            return id;
        }
        String[] old = names;
        String[] grown = Arrays.copyOf(old, old.length + 1);
        grown[old.length] = name;
        names = grown; // published before the id, so a reader holding the id finds the name
        IDS.put(name, old.length);
        return old.length;
    }

    /** The name of a slot returned by {@link #of}. */
    static String name(int slot) {
        return names[slot];
    }

    /** How many slots are assigned (an upper bound for every slot a reader holds). */
    static int count() {
        return names.length;
    }
}
