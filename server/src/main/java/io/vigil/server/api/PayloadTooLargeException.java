package io.vigil.server.api;

import io.vigil.server.platform.VigilException;

/** A request body over its limit (HTTP 413); nothing of it was kept. */
class PayloadTooLargeException extends VigilException {
    PayloadTooLargeException(String message) {
        super(message);
    }
}
