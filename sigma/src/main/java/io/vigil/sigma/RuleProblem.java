package io.vigil.sigma;

import java.util.Objects;

/**
 * One problem found while loading a rule: where it is and what the author should change.
 *
 * @param file the rule file name as given to the loader
 * @param line 1-based line in that file
 * @param message what is wrong, phrased so a rule author can act on it
 */
public record RuleProblem(String file, int line, String message) {
    public RuleProblem {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(message, "message");
        if (line < 1) {
            line = 1;
        }
    }

    @Override
    public String toString() {
        return file + ":" + line + ": " + message;
    }
}
