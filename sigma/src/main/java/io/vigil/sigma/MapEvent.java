package io.vigil.sigma;

import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A {@link SigmaEvent} backed by a map. A field name is looked up as-is first; when absent and it
 * contains dots, it is resolved through nested maps ({@code a.b.c}).
 */
public final class MapEvent implements SigmaEvent {
    private final Map<String, ?> fields;
    private final LogSource logSource;

    private MapEvent(Map<String, ?> fields, LogSource logSource) {
        this.fields = fields;
        this.logSource = logSource;
    }

    /**
     * Wraps the map without copying it, declaring no log source; the caller must not change it while
     * the event is used.
     */
    public static MapEvent of(Map<String, ?> fields) {
        return new MapEvent(fields, LogSource.NONE);
    }

    /** Wraps the map without copying it, declaring the event's log source. */
    public static MapEvent of(Map<String, ?> fields, LogSource logSource) {
        return new MapEvent(fields, Objects.requireNonNull(logSource, "logSource"));
    }

    @Override
    public LogSource logSource() {
        return logSource;
    }

    @Override
    public boolean has(String field) {
        if (fields.containsKey(field)) {
            return true;
        }
        return field.indexOf('.') >= 0 && lookupNested(field) != MISSING;
    }

    @Override
    public @Nullable Object get(String field) {
        Object v = fields.get(field);
        if (v != null || field.indexOf('.') < 0 || fields.containsKey(field)) {
            return v; // present, or absent and not a path: one lookup
        }
        Object nested = lookupNested(field);
        return nested == MISSING ? null : nested;
    }

    private static final Object MISSING = new Object();

    /** Returns the nested value, or {@link #MISSING}. */
    private @Nullable Object lookupNested(String path) {
        Object current = fields;
        int start = 0;
        while (true) {
            int dot = path.indexOf('.', start);
            String part = dot < 0 ? path.substring(start) : path.substring(start, dot);
            if (!(current instanceof Map<?, ?> map) || !map.containsKey(part)) {
                return MISSING;
            }
            current = map.get(part);
            if (dot < 0) {
                return current;
            }
            start = dot + 1;
        }
    }

    @Override
    public void forEachValue(Consumer<Object> visitor) {
        visit(fields.values(), visitor);
    }

    private static void visit(Collection<?> values, Consumer<Object> visitor) {
        for (Object v : values) {
            if (v instanceof Map<?, ?> m) {
                visit(m.values(), visitor);
            } else if (v instanceof Collection<?> c) {
                visit(c, visitor);
            } else if (v != null) {
                visitor.accept(v);
            }
        }
    }

    @Override
    public String toString() {
        return "MapEvent" + (logSource.isNone() ? "" : "[" + logSource + "]") + fields;
    }
}
