package io.vigil.sigma.internal;

import java.util.Map;

/** Renames Sigma field names to the names an event carries (per log source variant). */
public record FieldNames(Map<String, String> renames) {
    public static final FieldNames IDENTITY = new FieldNames(Map.of());

    public FieldNames {
        renames = Map.copyOf(renames);
    }

    public String resolve(String sigmaName) {
        return renames.isEmpty() ? sigmaName : renames.getOrDefault(sigmaName, sigmaName);
    }
}
