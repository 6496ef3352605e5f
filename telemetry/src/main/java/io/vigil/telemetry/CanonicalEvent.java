package io.vigil.telemetry;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Vigil's canonical event: an envelope, the fields under the names Sigma rules expect (Sysmon names
 * such as {@code Image}, {@code CommandLine}, {@code TargetFilename}) and the raw record, kept for
 * investigators.
 *
 * <p>Field values are strings; numbers are rendered in decimal, Windows hex integers as {@code 0x…},
 * times as ISO-8601. Field order follows the source.
 *
 * @param envelope tenant, asset, id, times, origin
 * @param fields the event's fields by Sigma name (unmodifiable, insertion-ordered)
 * @param raw the record as found in the input (JSON text, event XML, auditd lines)
 */
public record CanonicalEvent(EventEnvelope envelope, Map<String, String> fields, String raw) {

    /**
     * Validates the event and freezes the fields: a {@link FieldMap} is taken as it is (it is
     * immutable and has no empty names), any other map is copied into one.
     */
    public CanonicalEvent {
        fields = FieldMap.copyOf(fields);
    }

    /**
     * Looks up a field by its Sigma name.
     *
     * @param name the field name, e.g. {@code CommandLine}
     * @return the value, or {@code null} when the event has no such field
     */
    public @Nullable String field(String name) {
        return fields.get(name);
    }
}
