package io.vigil.sigma;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The complete state of a {@link CorrelationEngine}, as plain values: the pipeline stores it to
 * survive restarts or to move a group-by key to another node, then {@link
 * CorrelationEngine#restore restores} it.
 *
 * @param groups every open window
 */
public record CorrelationSnapshot(List<Group> groups) {
    public CorrelationSnapshot {
        groups = List.copyOf(groups);
    }

    /** One window: a correlation rule and a group-by key. */
    public record Group(String correlationId, List<String> key, Instant latest, List<Entry> entries) {
        public Group {
            key = List.copyOf(key);
            entries = List.copyOf(entries);
        }
    }

    /** One counted event: when, which referenced rule (index in the correlation), its value. */
    public record Entry(Instant time, int rule, @Nullable String value) {}
}
