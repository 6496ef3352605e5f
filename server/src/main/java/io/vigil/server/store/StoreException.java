package io.vigil.server.store;

import io.vigil.server.platform.VigilException;

/**
 * The store could not read or write the telemetry database. Retriable: the write was rolled back
 * as a whole, and writes are idempotent, so the caller may simply try the batch again.
 */
public class StoreException extends VigilException {

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
