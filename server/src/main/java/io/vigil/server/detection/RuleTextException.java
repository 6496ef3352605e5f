package io.vigil.server.detection;

import io.vigil.server.platform.ValidationException;
import java.util.List;

/**
 * A tenant's rule text (or a change that breaks one) was refused: carries every problem with the
 * text and line it is in (HTTP 400). Nothing was stored.
 */
public class RuleTextException extends ValidationException {

    private final List<RuleTextProblem> ruleProblems;

    public RuleTextException(List<RuleTextProblem> problems) {
        super(problems.stream()
                .map(p -> new Problem("text", p.text() + " line " + p.line() + ": " + p.message()))
                .toList());
        this.ruleProblems = List.copyOf(problems);
    }

    /** {@return every problem, each with its text and line} */
    public List<RuleTextProblem> ruleProblems() {
        return ruleProblems;
    }
}
