package io.vigil.server.ingest;

import io.vigil.server.platform.VigilException;

/** A refused ingest request with its HTTP status: 413 too large, 415 wrong content type. */
public final class IngestException extends VigilException {

    private static final long serialVersionUID = 1L;

    private final int status;

    IngestException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
