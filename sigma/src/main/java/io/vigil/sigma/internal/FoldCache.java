package io.vigil.sigma.internal;

import io.vigil.sigma.LogSource;
import io.vigil.sigma.SigmaEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Wraps an event for one evaluation pass: field values and their case-folded text are computed
 * once per event instead of once per rule.
 */
final class FoldCache implements SigmaEvent {
    private static final Object ABSENT = new Object();
    private final SigmaEvent event;
    private final Map<String, Slot> slots = new HashMap<>(256);
    private @Nullable List<String> foldedValues;

    /** One field: its value ({@link #ABSENT} when absent or null) and, once asked, its folded text. */
    private static final class Slot {
        final Object value;

        @Nullable
        String folded;

        Slot(Object value) {
            this.value = value;
        }
    }

    FoldCache(SigmaEvent event) {
        this.event = event;
    }

    @Override
    public boolean has(String field) {
        return event.has(field);
    }

    private Slot slot(String field) {
        Slot slot = slots.get(field);
        if (slot == null) {
            Object fresh = event.get(field);
            slot = new Slot(fresh == null ? ABSENT : fresh);
            slots.put(field, slot);
        }
        return slot;
    }

    @Override
    public @Nullable Object get(String field) {
        Object v = slot(field).value;
        return v == ABSENT ? null : v;
    }

    /** The folded text of a scalar value of {@code field} (the caller passes that value). */
    String folded(String field, Object value) {
        Slot slot = slot(field);
        String f = slot.folded;
        if (f == null) {
            f = Fold.fold(Values.text(value));
            slot.folded = f;
        }
        return f;
    }

    /** The folded text of every scalar value of the event, computed once (for keyword witnesses). */
    List<String> foldedValues() {
        List<String> all = foldedValues;
        if (all == null) {
            List<String> out = new ArrayList<>();
            event.forEachValue(v -> out.add(Fold.fold(Values.text(v))));
            foldedValues = out;
            all = out;
        }
        return all;
    }

    @Override
    public void forEachValue(Consumer<Object> visitor) {
        event.forEachValue(visitor);
    }

    @Override
    public LogSource logSource() {
        return event.logSource();
    }
}
