package io.vigil.server.platform;

import java.util.List;
import java.util.stream.Collectors;

/** Input that breaks a rule; carries every problem found, each naming its field (HTTP 400). */
public class ValidationException extends VigilException {

    /** One problem with one input field. */
    public record Problem(String field, String message) {}

    private final List<Problem> problems;

    public ValidationException(String field, String message) {
        this(List.of(new Problem(field, message)));
    }

    public ValidationException(List<Problem> problems) {
        super(problems.stream().map(p -> p.field() + ": " + p.message()).collect(Collectors.joining("; ")));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a validation failure needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
