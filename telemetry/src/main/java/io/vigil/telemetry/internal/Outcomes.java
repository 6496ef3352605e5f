package io.vigil.telemetry.internal;

import io.vigil.telemetry.CanonicalEvent;
import io.vigil.telemetry.ParseIssue;
import io.vigil.telemetry.ParseOutcome;
import io.vigil.telemetry.SourceLocation;
import java.util.function.Consumer;

/** Small helpers to hand outcomes to a sink. */
public final class Outcomes {
    private Outcomes() {}

    /**
     * Emits an event.
     *
     * @param sink the sink
     * @param event the event
     */
    public static void event(Consumer<ParseOutcome> sink, CanonicalEvent event) {
        sink.accept(new ParseOutcome.Parsed(event));
    }

    /**
     * Emits an error: a record is missing from the output.
     *
     * @param sink the sink
     * @param location where
     * @param message what
     */
    public static void error(Consumer<ParseOutcome> sink, SourceLocation location, String message) {
        sink.accept(new ParseOutcome.Failed(new ParseIssue(location, ParseIssue.Severity.ERROR, message)));
    }

    /**
     * Emits a warning: something was skipped or repaired.
     *
     * @param sink the sink
     * @param location where
     * @param message what
     */
    public static void warning(Consumer<ParseOutcome> sink, SourceLocation location, String message) {
        sink.accept(new ParseOutcome.Failed(new ParseIssue(location, ParseIssue.Severity.WARNING, message)));
    }
}
