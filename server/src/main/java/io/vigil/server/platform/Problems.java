package io.vigil.server.platform;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * Error answers of the native API: {@code application/problem+json} with {@code title}, {@code
 * status}, {@code detail}, and a {@code message} (the same text; MDR API v1 clients read {@code
 * message}). Shared by every capability's API controllers.
 */
public final class Problems {

    private Problems() {}

    public static ProblemDetail of(int status, String message) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(status), message);
        problem.setType(URI.create("about:blank"));
        problem.setProperty("message", message);
        return problem;
    }
}
