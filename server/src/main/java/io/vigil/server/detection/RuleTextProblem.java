package io.vigil.server.detection;

import java.util.Objects;

/**
 * One problem with a tenant's rule text, where its author can find it.
 *
 * @param text the text it is in: {@code custom-rules/<id>} or {@code exclusions/<id>}
 * @param line 1-based line in that text
 * @param message what is wrong and what to change
 */
public record RuleTextProblem(String text, int line, String message) {
    public RuleTextProblem {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(message, "message");
        line = Math.max(1, line);
    }
}
