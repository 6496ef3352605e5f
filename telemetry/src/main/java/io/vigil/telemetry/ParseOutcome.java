package io.vigil.telemetry;

/** What a parser hands to its sink for each record: an event, or a located issue. */
public sealed interface ParseOutcome permits ParseOutcome.Parsed, ParseOutcome.Failed {

    /**
     * A record became an event.
     *
     * @param event the event
     */
    record Parsed(CanonicalEvent event) implements ParseOutcome {}

    /**
     * A problem was found; see {@link ParseIssue#severity()} for whether a record was lost.
     *
     * @param issue the problem and where it is
     */
    record Failed(ParseIssue issue) implements ParseOutcome {}
}
