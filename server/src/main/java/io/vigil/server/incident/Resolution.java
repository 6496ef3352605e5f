package io.vigil.server.incident;

import io.vigil.server.platform.ValidationException;

/** The verdict on an incident, set when it is resolved or closed. */
public enum Resolution {
    TRUE_POSITIVE("True positive"),
    FALSE_POSITIVE("False positive");

    private final String label;

    Resolution(String label) {
        this.label = label;
    }

    /** The MDR API v1 spelling in filters. */
    public String label() {
        return label;
    }

    /** Parses {@code TRUE_POSITIVE} or {@code True positive}, any case. */
    public static Resolution parse(String text) {
        String t = text.trim();
        for (Resolution r : values()) {
            if (r.name().equalsIgnoreCase(t.replace(' ', '_')) || r.label.equalsIgnoreCase(t)) {
                return r;
            }
        }
        throw new ValidationException(
                "resolution", "Unknown resolution '" + Texts.clip(t) + "'; use TRUE_POSITIVE or FALSE_POSITIVE.");
    }
}
