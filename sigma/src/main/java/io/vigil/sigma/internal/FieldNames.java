package io.vigil.sigma.internal;

import java.util.Arrays;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Renames Sigma field names to the names an event carries (per log source variant), by name or by
 * {@link FieldSlots slot}: the slot table is built once, so the hot path resolves a field with an
 * array read instead of a map lookup.
 */
public final class FieldNames {
    public static final FieldNames IDENTITY = new FieldNames(Map.of());

    private final Map<String, String> renames;
    /** Event slot by Sigma slot, -1 where the name is kept; as long as the largest renamed slot. */
    private final int[] slotRenames;

    public FieldNames(Map<String, String> renames) {
        this.renames = Map.copyOf(renames);
        int max = -1;
        for (String from : this.renames.keySet()) {
            max = Math.max(max, FieldSlots.of(from));
        }
        int[] table = new int[max + 1];
        Arrays.fill(table, -1);
        this.renames.forEach((from, to) -> table[FieldSlots.of(from)] = FieldSlots.of(to));
        this.slotRenames = table;
    }

    public Map<String, String> renames() {
        return renames;
    }

    public String resolve(String sigmaName) {
        return renames.isEmpty() ? sigmaName : renames.getOrDefault(sigmaName, sigmaName);
    }

    /** The event slot of a Sigma field's slot. */
    int resolve(int sigmaSlot) {
        int[] table = slotRenames;
        return sigmaSlot < table.length && table[sigmaSlot] >= 0 ? table[sigmaSlot] : sigmaSlot;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof FieldNames other && other.renames.equals(renames);
    }

    @Override
    public int hashCode() {
        return renames.hashCode();
    }

    @Override
    public String toString() {
        return "FieldNames" + renames;
    }
}
