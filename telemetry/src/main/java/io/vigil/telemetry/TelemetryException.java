package io.vigil.telemetry;

import java.io.Serial;

/**
 * The root exception of the telemetry module. Malformed input never raises it (that becomes a
 * {@link ParseIssue}); it signals failures of the environment, such as an unreadable stream.
 */
public class TelemetryException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final boolean retriable;

    /**
     * Creates the exception.
     *
     * @param message what failed, for a human
     * @param cause the underlying failure
     * @param retriable whether trying again may succeed (I/O) or not (a bug, a missing resource)
     */
    public TelemetryException(String message, Throwable cause, boolean retriable) {
        super(message, cause);
        this.retriable = retriable;
    }

    /**
     * Creates the exception without a cause.
     *
     * @param message what failed, for a human
     * @param retriable whether trying again may succeed
     */
    public TelemetryException(String message, boolean retriable) {
        super(message);
        this.retriable = retriable;
    }

    /** {@return whether trying the same operation again may succeed} */
    public boolean retriable() {
        return retriable;
    }
}
