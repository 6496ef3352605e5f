package io.vigil.server.platform;

/**
 * The root of the server's own exceptions. Subclasses say what went wrong in words a user can act
 * on; the web edges turn them into HTTP answers ({@code application/problem+json} for the API, a
 * page for the portal).
 */
public class VigilException extends RuntimeException {

    public VigilException(String message) {
        super(message);
    }

    public VigilException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Never null: every Vigil exception is made with a message. */
    @Override
    public String getMessage() {
        return java.util.Objects.requireNonNullElse(
                super.getMessage(), getClass().getSimpleName());
    }
}
