package io.vigil.telemetry;

/**
 * A problem found while parsing, with its location. Errors mean a record was not turned into an
 * event; warnings mean something was skipped or repaired (e.g. a corrupt EVTX chunk) while the rest
 * was read.
 *
 * @param location where in the input
 * @param severity error or warning
 * @param message what is wrong, for a human
 */
public record ParseIssue(SourceLocation location, Severity severity, String message) {

    /** How bad an issue is. */
    public enum Severity {
        /** A record could not be parsed; it is missing from the output. */
        ERROR,
        /** Something was skipped or repaired; parsing went on. */
        WARNING
    }

    /** Validates the issue. */
    public ParseIssue {
        if (message.isBlank()) {
            throw new IllegalArgumentException("an issue needs a message");
        }
    }

    @Override
    public String toString() {
        return severity + " " + location + ": " + message;
    }
}
