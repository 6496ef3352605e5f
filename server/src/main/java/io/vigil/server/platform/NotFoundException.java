package io.vigil.server.platform;

/** The thing asked for does not exist, or exists in a tenant the caller cannot see (HTTP 404). */
public class NotFoundException extends VigilException {
    public NotFoundException(String message) {
        super(message);
    }
}
