package io.vigil.server.platform;

/** The caller can see the thing but their role may not do this to it (HTTP 403). */
public class ForbiddenException extends VigilException {
    public ForbiddenException(String message) {
        super(message);
    }
}
