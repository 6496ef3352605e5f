package io.vigil.server.ingest;

import io.vigil.telemetry.CanonicalEvent;
import java.util.List;

/**
 * A consumer of the telemetry log (the store writer, the detection pipeline). Every Spring bean of
 * this type gets its own reader thread and committed position; delivery is at-least-once, so {@link
 * #handle} must be idempotent (a crash between handling and committing redelivers the events).
 */
public interface TelemetryLogHandler {

    /** {@return the consumer's name; its committed position is kept under it} */
    String name();

    /**
     * Handles events in log order. Throwing makes the runner retry the same events after a pause.
     *
     * @param events the next events
     */
    void handle(List<CanonicalEvent> events);

    /**
     * Asked after every read (also when a read returned nothing) whether the runner may commit the
     * subscription now. A handler that keeps state in memory (correlation windows) saves that state
     * here and answers {@code true} only once it is saved, so a committed position always has its
     * state on disk; until then, a restart delivers the uncommitted events again.
     *
     * @return whether everything handled so far may be committed (default: always)
     */
    default boolean checkpoint() {
        return true;
    }

    /**
     * Called before the first read of every subscription and after every rewind: the next events
     * are those after the last commit. A handler with state in memory goes back to the state it
     * saved at its last {@link #checkpoint()}.
     */
    default void restart() {}
}
