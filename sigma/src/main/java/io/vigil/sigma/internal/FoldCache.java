package io.vigil.sigma.internal;

import io.vigil.sigma.SigmaEvent;
import java.util.HashMap;
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
    private final Map<String, Object> values = new HashMap<>(64);
    private final Map<String, String> folded = new HashMap<>(64);

    FoldCache(SigmaEvent event) {
        this.event = event;
    }

    @Override
    public boolean has(String field) {
        return event.has(field);
    }

    @Override
    public @Nullable Object get(String field) {
        Object v = values.get(field);
        if (v == null) {
            Object fresh = event.get(field);
            v = fresh == null ? ABSENT : fresh;
            values.put(field, v);
        }
        return v == ABSENT ? null : v;
    }

    /** The folded text of a scalar value of {@code field} (the caller passes that value). */
    String folded(String field, Object value) {
        String f = folded.get(field);
        if (f == null) {
            f = Fold.fold(Values.text(value));
            folded.put(field, f);
        }
        return f;
    }

    @Override
    public void forEachValue(Consumer<Object> visitor) {
        event.forEachValue(visitor);
    }
}
