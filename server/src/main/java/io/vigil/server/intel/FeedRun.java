package io.vigil.server.intel;

import java.time.Instant;
import java.util.List;

/**
 * One refresh of a feed (or one upload): what it read and what went wrong.
 *
 * @param startedAt when it started
 * @param finishedAt when it ended
 * @param status OK, PARTIAL (some entries skipped) or FAILED (nothing imported)
 * @param entries entries read (indicators, attributes, rows)
 * @param added new IoCs stored
 * @param updated known IoCs refreshed
 * @param skipped entries not imported (malformed or unsupported)
 * @param problems what was skipped and why, with where (first {@link ImportReport#MAX_PROBLEMS})
 */
public record FeedRun(
        Instant startedAt,
        Instant finishedAt,
        Status status,
        int entries,
        int added,
        int updated,
        int skipped,
        List<String> problems) {

    /** How a run ended. */
    public enum Status {
        OK,
        PARTIAL,
        FAILED
    }

    public FeedRun {
        problems = List.copyOf(problems);
    }
}
