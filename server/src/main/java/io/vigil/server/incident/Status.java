package io.vigil.server.incident;

import io.vigil.server.platform.ValidationException;

/**
 * Where an incident is in its lifecycle. {@code OPEN} covers new and in-progress work; the labels
 * are the MDR API v1 spellings ({@code Open}, {@code On hold}, {@code Resolved}, {@code Closed}).
 */
public enum Status {
    OPEN("Open"),
    ON_HOLD("On hold"),
    RESOLVED("Resolved"),
    CLOSED("Closed");

    private final String label;

    Status(String label) {
        this.label = label;
    }

    /** The MDR API v1 spelling. */
    public String label() {
        return label;
    }

    /** Parses {@code ON_HOLD} or {@code On hold} (any case, space or underscore). */
    public static Status parse(String text) {
        String t = text.trim();
        for (Status s : values()) {
            if (s.name().equalsIgnoreCase(t.replace(' ', '_')) || s.label.equalsIgnoreCase(t)) {
                return s;
            }
        }
        throw new ValidationException(
                "status", "Unknown status '" + Texts.clip(t) + "'; use OPEN, ON_HOLD, RESOLVED or CLOSED.");
    }
}
