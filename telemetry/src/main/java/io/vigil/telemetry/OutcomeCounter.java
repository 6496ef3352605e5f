package io.vigil.telemetry;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A sink wrapper for streaming parses: forwards every outcome and counts events, errors and warnings,
 * keeping the first issues for a summary (e.g. a hunt run's "records, parse errors" line). Not
 * thread-safe; use one per parse.
 */
public final class OutcomeCounter implements Consumer<ParseOutcome> {
    private final Consumer<ParseOutcome> downstream;
    private final int keptIssues;
    private final List<ParseIssue> firstIssues = new ArrayList<>();
    private long events;
    private long errors;
    private long warnings;

    /**
     * Creates a counter.
     *
     * @param downstream receives every outcome after it is counted
     * @param keptIssues how many of the first issues to keep
     */
    public OutcomeCounter(Consumer<ParseOutcome> downstream, int keptIssues) {
        if (keptIssues < 0) {
            throw new IllegalArgumentException("keptIssues must not be negative");
        }
        this.downstream = downstream;
        this.keptIssues = keptIssues;
    }

    @Override
    public void accept(ParseOutcome outcome) {
        switch (outcome) {
            case ParseOutcome.Parsed ignored -> events++;
            case ParseOutcome.Failed failed -> {
                switch (failed.issue().severity()) {
                    case ERROR -> errors++;
                    case WARNING -> warnings++;
                }
                if (firstIssues.size() < keptIssues) {
                    firstIssues.add(failed.issue());
                }
            }
        }
        downstream.accept(outcome);
    }

    /** {@return the number of events emitted} */
    public long events() {
        return events;
    }

    /** {@return the number of errors (records lost)} */
    public long errors() {
        return errors;
    }

    /** {@return the number of warnings (parts skipped, e.g. corrupt EVTX chunks)} */
    public long warnings() {
        return warnings;
    }

    /** {@return the first issues, up to the number asked for} */
    public List<ParseIssue> firstIssues() {
        return List.copyOf(firstIssues);
    }
}
