package io.vigil.telemetry;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/**
 * The fields of a {@link CanonicalEvent}: an immutable map in insertion order, kept in two arrays
 * with a small open-addressing index. Ingest builds one per event and reads it a few times, so this
 * replaces a {@code LinkedHashMap} (an entry object per field) plus the copy and the unmodifiable
 * wrapper that {@link CanonicalEvent} used to make. Field names are never empty.
 */
public final class FieldMap extends AbstractMap<String, String> {

    private static final FieldMap EMPTY = new FieldMap(new String[0], new String[0], 0, new int[1]);

    private final String[] keys;
    private final @Nullable String[] values;
    private final int size;
    /** Slot -> index + 1 (0 = free); its length is a power of two, at least twice {@link #size}. */
    private final int[] index;

    private FieldMap(String[] keys, @Nullable String[] values, int size, int[] index) {
        this.keys = keys;
        this.values = values;
        this.size = size;
        this.index = index;
    }

    /**
     * An immutable copy of a map, in its iteration order.
     *
     * @throws IllegalArgumentException when a name is empty
     */
    public static FieldMap copyOf(Map<String, String> fields) {
        if (fields instanceof FieldMap map) {
            return map;
        }
        Builder builder = new Builder(fields.size());
        fields.forEach(builder::put);
        return builder.build();
    }

    /**
     * A builder for about {@code expected} fields (it grows past that).
     *
     * @param expected the expected number of fields
     */
    public static Builder builder(int expected) {
        return new Builder(expected);
    }

    /** The name of the {@code i}-th field, in insertion order. */
    public String name(int i) {
        Objects.checkIndex(i, size);
        return keys[i];
    }

    /** The value of the {@code i}-th field, in insertion order. */
    public @Nullable String valueAt(int i) {
        Objects.checkIndex(i, size);
        return values[i];
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public boolean containsKey(@Nullable Object key) {
        return key instanceof String s && find(keys, index, s) >= 0;
    }

    @Override
    public @Nullable String get(@Nullable Object key) {
        if (!(key instanceof String s)) {
            return null;
        }
        int i = find(keys, index, s);
        return i < 0 ? null : values[i];
    }

    @Override
    public void forEach(BiConsumer<? super String, ? super String> action) {
        for (int i = 0; i < size; i++) {
            action.accept(keys[i], values[i]);
        }
    }

    @Override
    public Set<Map.Entry<String, String>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public int size() {
                return size;
            }

            @Override
            public Iterator<Map.Entry<String, String>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < size;
                    }

                    @Override
                    @SuppressWarnings("NullAway") // values are null only if a caller put null
                    public Map.Entry<String, String> next() {
                        if (next >= size) {
                            throw new NoSuchElementException();
                        }
                        int i = next++;
                        return new AbstractMap.SimpleImmutableEntry<>(keys[i], values[i]);
                    }
                };
            }
        };
    }

    private static int find(String[] keys, int[] index, String key) {
        int mask = index.length - 1;
        for (int slot = spread(key.hashCode()) & mask; ; slot = (slot + 1) & mask) {
            int at = index[slot];
            if (at == 0) {
                return -1;
            }
            if (keys[at - 1].equals(key)) {
                return at - 1;
            }
        }
    }

    private static int spread(int h) {
        return h ^ (h >>> 16);
    }

    /**
     * Collects fields like a {@code LinkedHashMap} would: a repeated name keeps its first position and
     * takes the last value. Not thread-safe; {@link #build} may be called once.
     */
    public static final class Builder {
        private String[] keys;
        private @Nullable String[] values;
        private int size;
        private int[] index;

        private Builder(int expected) {
            int capacity = Math.max(4, expected);
            keys = new String[capacity];
            values = new String[capacity];
            index = new int[tableSize(capacity)];
        }

        private static int tableSize(int capacity) {
            return Integer.highestOneBit(Math.max(2, capacity) * 2 - 1) << 1;
        }

        /**
         * Adds or replaces a field.
         *
         * @return this builder
         * @throws IllegalArgumentException when the name is empty
         */
        public Builder put(String name, @Nullable String value) {
            if (name.isEmpty()) {
                throw new IllegalArgumentException("field names must not be empty");
            }
            int at = find(keys, index, name);
            if (at >= 0) {
                values[at] = value;
                return this;
            }
            if (size == keys.length) {
                int capacity = Math.max(4, size * 2);
                keys = Arrays.copyOf(keys, capacity);
                values = Arrays.copyOf(values, capacity);
                index = new int[tableSize(capacity)];
                for (int i = 0; i < size; i++) {
                    insert(index, keys[i], i);
                }
            }
            keys[size] = name;
            values[size] = value;
            insert(index, name, size);
            size++;
            return this;
        }

        /**
         * The value of a field put before.
         *
         * @return the value, or {@code null} when there is none
         */
        public @Nullable String get(String name) {
            int at = find(keys, index, name);
            return at < 0 ? null : values[at];
        }

        /** How many fields were put. */
        public int size() {
            return size;
        }

        /** The fields put so far; the builder must not be used afterwards. */
        public FieldMap build() {
            if (size == 0) {
                return EMPTY;
            }
            FieldMap map = new FieldMap(keys, values, size, index);
            keys = new String[0];
            values = new String[0];
            index = new int[1];
            size = 0;
            return map;
        }

        private static void insert(int[] index, String key, int i) {
            int mask = index.length - 1;
            int slot = spread(key.hashCode()) & mask;
            while (index[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            index[slot] = i + 1;
        }
    }
}
