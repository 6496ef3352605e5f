package io.vigil.sigma;

/** Root unchecked exception of the Sigma module. Rule problems are values, not exceptions. */
public class SigmaException extends RuntimeException {
    public SigmaException(String message) {
        super(message);
    }

    public SigmaException(String message, Throwable cause) {
        super(message, cause);
    }
}
