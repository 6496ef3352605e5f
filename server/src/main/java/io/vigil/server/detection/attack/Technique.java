package io.vigil.server.detection.attack;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An ATT&amp;CK technique or sub-technique of the catalog's version.
 *
 * @param id e.g. {@code T1003} or {@code T1003.001}
 * @param name its own name, e.g. {@code LSASS Memory}
 * @param tactics the tactics it belongs to, in the data set's order
 * @param deprecated whether ATT&amp;CK marks it deprecated (kept, but no longer maintained)
 * @param parentName the parent technique's name for a sub-technique, else {@code null}
 */
public record Technique(
        String id,
        String name,
        List<Tactic> tactics,
        boolean deprecated,
        @Nullable String parentName) {

    /** Validates the technique. */
    public Technique {
        if (!id.matches("T\\d{4}(\\.\\d{3})?") || name.isBlank()) {
            throw new IllegalArgumentException("bad technique: " + id + " " + name);
        }
        tactics = List.copyOf(tactics);
    }

    /** Whether it is a sub-technique ({@code T1003.001}). */
    public boolean isSubTechnique() {
        return id.indexOf('.') > 0;
    }

    /** The name as ATT&amp;CK shows it: {@code OS Credential Dumping: LSASS Memory} for a sub-technique. */
    public String fullName() {
        return parentName == null ? name : parentName + ": " + name;
    }
}
