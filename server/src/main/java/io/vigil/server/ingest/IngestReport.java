package io.vigil.server.ingest;

import java.util.List;

/**
 * The answer to a batch or file: what was received, kept and refused, with each refused record's
 * location. Only the first {@link IngestService#MAX_REPORTED_ISSUES} issues are listed; the counts
 * are always complete.
 *
 * @param events records that became events
 * @param accepted events appended to the log now
 * @param duplicates events the log already held (a retried batch); always 0 with the Kafka log,
 *     which cannot recognise retries and counts them as accepted (the store still keeps them once)
 * @param rejected records that could not be read (not retried: they would fail again)
 * @param warnings records repaired or skipped parts (e.g. a corrupt EVTX chunk)
 * @param issues the first issues, each with its location and message
 */
public record IngestReport(int events, int accepted, int duplicates, int rejected, int warnings, List<Issue> issues) {

    /**
     * A refused or repaired record.
     *
     * @param location {@code line 12} or {@code byte 4096}
     * @param line the line number for text inputs, else {@code 0}
     * @param severity {@code error} or {@code warning}
     * @param message what is wrong
     */
    public record Issue(String location, long line, String severity, String message) {}
}
