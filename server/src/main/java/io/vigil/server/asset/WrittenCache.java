package io.vigil.server.asset;

import java.util.LinkedHashMap;
import org.jspecify.annotations.Nullable;

/**
 * What this process last wrote, per key, so the enrich stage can skip writes that would change
 * nothing. Least recently used entries go first once it is full; a miss only costs a write.
 */
final class WrittenCache<K, V> {

    private final int capacity;
    private final LinkedHashMap<K, V> entries;

    WrittenCache(int capacity) {
        this.capacity = capacity;
        this.entries = new LinkedHashMap<>(Math.min(capacity, 1024), 0.75f, true);
    }

    synchronized @Nullable V get(K key) {
        return entries.get(key);
    }

    synchronized void put(K key, V value) {
        if (capacity == 0) {
            return;
        }
        entries.put(key, value);
        if (entries.size() > capacity) {
            var it = entries.entrySet().iterator();
            it.next();
            it.remove();
        }
    }

    synchronized void clear() {
        entries.clear();
    }

    synchronized int size() {
        return entries.size();
    }
}
