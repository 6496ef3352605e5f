package io.vigil.server.detection.attack;

/**
 * An ATT&amp;CK tactic.
 *
 * @param id e.g. {@code TA0006}
 * @param shortName the name Sigma tags use, e.g. {@code credential-access}
 * @param name e.g. {@code Credential Access}
 */
public record Tactic(String id, String shortName, String name) {

    /** Validates the tactic. */
    public Tactic {
        if (!id.matches("TA\\d{4}") || shortName.isBlank() || name.isBlank()) {
            throw new IllegalArgumentException("bad tactic: " + id + " " + shortName + " " + name);
        }
    }
}
