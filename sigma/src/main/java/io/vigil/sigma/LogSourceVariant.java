package io.vigil.sigma;

import java.util.List;
import java.util.Map;

/**
 * One way an event belongs to a log source: field conditions (each field equals one of its
 * values, case-insensitively) and the renames of Sigma field names for such events.
 *
 * @param conditions field name to accepted values, e.g. {@code EventID: [1]}
 * @param fieldRenames Sigma field name to the event's field name, e.g. {@code Image: NewProcessName}
 */
public record LogSourceVariant(Map<String, List<String>> conditions, Map<String, String> fieldRenames) {
    public LogSourceVariant {
        Map<String, List<String>> copy = new java.util.LinkedHashMap<>();
        conditions.forEach((field, values) -> copy.put(field, List.copyOf(values)));
        conditions = java.util.Collections.unmodifiableMap(copy);
        fieldRenames = Map.copyOf(fieldRenames);
    }
}
