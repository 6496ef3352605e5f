package io.vigil.server.asset;

import io.vigil.server.platform.ValidationException;
import java.util.Locale;

/** How much an asset matters to its owner; set by the SOC or an admin, {@link #NORMAL} until then. */
public enum Criticality {
    LOW,
    NORMAL,
    HIGH,
    CRITICAL;

    /** Parses a name as sent by a user (any case); unknown names are a validation error naming the field. */
    public static Criticality parse(String field, String name) {
        String upper = name.trim().toUpperCase(Locale.ROOT);
        for (Criticality c : values()) {
            if (c.name().equals(upper)) {
                return c;
            }
        }
        throw new ValidationException(
                field, "Unknown criticality '" + Texts.clip(name, 32) + "'; use one of LOW, NORMAL, HIGH, CRITICAL.");
    }
}
