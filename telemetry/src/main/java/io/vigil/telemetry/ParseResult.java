package io.vigil.telemetry;

import java.util.List;

/**
 * Everything one parse produced, collected in memory. For large inputs pass a sink to {@link
 * EventParser#parse} instead.
 *
 * @param events the events, in input order
 * @param issues the errors and warnings, in input order
 */
public record ParseResult(List<CanonicalEvent> events, List<ParseIssue> issues) {

    /** Freezes the lists. */
    public ParseResult {
        events = List.copyOf(events);
        issues = List.copyOf(issues);
    }

    /** {@return the number of issues of severity error} */
    public long errorCount() {
        return issues.stream()
                .filter(i -> i.severity() == ParseIssue.Severity.ERROR)
                .count();
    }

    /** {@return the number of issues of severity warning} */
    public long warningCount() {
        return issues.size() - errorCount();
    }
}
