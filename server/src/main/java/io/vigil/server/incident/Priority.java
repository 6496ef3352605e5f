package io.vigil.server.incident;

import io.vigil.server.platform.ValidationException;

/** How urgent an incident is; {@code NORMAL} is shown as "Medium" (the MDR API v1 names). */
public enum Priority {
    HIGH("High"),
    NORMAL("Medium"),
    LOW("Low");

    private final String label;

    Priority(String label) {
        this.label = label;
    }

    /** The word shown to people. */
    public String label() {
        return label;
    }

    /** Parses {@code HIGH}, {@code NORMAL}, {@code LOW} or a label ({@code Medium}), any case. */
    public static Priority parse(String text) {
        String t = text.trim();
        for (Priority p : values()) {
            if (p.name().equalsIgnoreCase(t) || p.label.equalsIgnoreCase(t)) {
                return p;
            }
        }
        throw new ValidationException(
                "priority", "Unknown priority '" + Texts.clip(t) + "'; use HIGH, NORMAL (Medium) or LOW.");
    }
}
