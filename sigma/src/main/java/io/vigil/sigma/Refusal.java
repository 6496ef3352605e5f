package io.vigil.sigma;

import java.util.List;

/**
 * A rule document that was not loaded, with every reason found.
 *
 * @param file the file it came from
 * @param line 1-based line of the document
 * @param title the rule's title, or {@code ""} when it has none
 * @param problems every problem of the document (at least one)
 */
public record Refusal(String file, int line, String title, List<RuleProblem> problems) {
    public Refusal {
        problems = List.copyOf(problems);
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a refusal needs at least one problem");
        }
    }
}
