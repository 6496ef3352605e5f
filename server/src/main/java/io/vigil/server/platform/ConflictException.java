package io.vigil.server.platform;

/** The change collides with existing data, e.g. a taken user name (HTTP 409). */
public class ConflictException extends VigilException {
    public ConflictException(String message) {
        super(message);
    }
}
