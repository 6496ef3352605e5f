package io.vigil.server.intel;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Traffic Light Protocol marking of an indicator (TLP 2.0; TLP 1.0 WHITE is read as CLEAR). */
public enum Tlp {
    CLEAR,
    GREEN,
    AMBER,
    AMBER_STRICT,
    RED;

    /**
     * Reads {@code tlp:amber}, {@code TLP:AMBER+STRICT}, {@code white}, {@code clear}…; {@code null}
     * when the text is not a TLP marking.
     */
    public static @Nullable Tlp fromLabel(String label) {
        String s = label.trim().toLowerCase(Locale.ROOT);
        if (s.startsWith("tlp:")) {
            s = s.substring(4);
        }
        return switch (s) {
            case "white", "clear" -> CLEAR;
            case "green" -> GREEN;
            case "amber" -> AMBER;
            case "amber+strict", "amber_strict" -> AMBER_STRICT;
            case "red" -> RED;
            default -> null;
        };
    }

    /** Parses a TLP name for the API; throws with the accepted names. */
    public static Tlp parse(String name) {
        Tlp tlp = fromLabel(name);
        if (tlp == null) {
            throw new IllegalArgumentException("unknown TLP '" + IocValues.clip(name)
                    + "'; use one of clear (white), green, amber, amber+strict, red");
        }
        return tlp;
    }
}
