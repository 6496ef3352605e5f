package io.vigil.server.api;

import io.vigil.server.platform.Problems;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Error answers of the API: {@code application/problem+json} with {@code title}, {@code status},
 * {@code detail}, and a {@code message} (the same text; MDR API v1 clients read {@code message}).
 */
@Component
class ApiErrors {

    private final JsonMapper json;

    ApiErrors(JsonMapper json) {
        this.json = json;
    }

    static ProblemDetail problem(int status, String message) {
        return Problems.of(status, message);
    }

    void write(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(json.writeValueAsString(problem(status, message)));
    }
}
