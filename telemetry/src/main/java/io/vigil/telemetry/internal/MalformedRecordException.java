package io.vigil.telemetry.internal;

import io.vigil.telemetry.TelemetryException;
import java.io.Serial;

/**
 * Thrown inside a parser when one record is malformed; the parser catches it at the record boundary
 * and turns it into a located {@link io.vigil.telemetry.ParseIssue}. It never escapes a parser.
 */
public final class MalformedRecordException extends TelemetryException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final String reason;

    /**
     * Creates the exception.
     *
     * @param message what is wrong with the record
     */
    public MalformedRecordException(String message) {
        super(message, false);
        this.reason = message;
    }

    /** {@return what is wrong with the record} */
    public String reason() {
        return reason;
    }
}
