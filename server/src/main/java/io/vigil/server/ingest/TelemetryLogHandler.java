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
}
