package io.vigil.server.platform;

/**
 * The caller's precondition does not hold, e.g. an {@code If-Match} version that is no longer the
 * current one: someone else changed the thing since the caller read it (HTTP 412).
 */
public class PreconditionFailedException extends VigilException {
    public PreconditionFailedException(String message) {
        super(message);
    }
}
