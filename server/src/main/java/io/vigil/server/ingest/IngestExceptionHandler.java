package io.vigil.server.ingest;

import io.vigil.server.platform.ForbiddenException;
import io.vigil.server.platform.NotFoundException;
import io.vigil.server.platform.Problems;
import io.vigil.server.platform.ValidationException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Failures of the ingest controllers as JSON with a message: problem+json under {@code /api}, plain
 * JSON ({@code status}, {@code error}, {@code message}) under {@code /ingest}, Elasticsearch's error
 * shape under {@code /ingest/elastic}.
 */
@RestControllerAdvice(basePackageClasses = IngestExceptionHandler.class)
class IngestExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(IngestExceptionHandler.class);

    @ExceptionHandler
    ResponseEntity<Object> refused(IngestException e, HttpServletRequest request) {
        ResponseEntity<Object> answer = answer(request, e.status(), e.getMessage());
        if (e.status() == 503) {
            return ResponseEntity.status(503)
                    .headers(answer.getHeaders())
                    .header("Retry-After", "5")
                    .body(java.util.Objects.requireNonNull(answer.getBody()));
        }
        return answer;
    }

    @ExceptionHandler
    ResponseEntity<Object> notFound(NotFoundException e, HttpServletRequest request) {
        return answer(request, 404, e.getMessage());
    }

    @ExceptionHandler
    ResponseEntity<Object> forbidden(ForbiddenException e, HttpServletRequest request) {
        return answer(request, 403, e.getMessage());
    }

    @ExceptionHandler
    ResponseEntity<Object> invalid(ValidationException e, HttpServletRequest request) {
        if (request.getRequestURI().startsWith("/api/")) {
            ProblemDetail problem = Problems.of(400, e.getMessage());
            problem.setProperty("errors", e.problems());
            return ResponseEntity.status(400)
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(problem);
        }
        Map<String, Object> body = IngestErrors.body(request.getRequestURI(), 400, e.getMessage());
        body.put("errors", e.problems());
        return ResponseEntity.status(400)
                .contentType(MediaType.APPLICATION_JSON)
                .body(body);
    }

    @ExceptionHandler
    ResponseEntity<Object> unreadable(HttpMessageNotReadableException e, HttpServletRequest request) {
        return answer(request, 400, "The request body is not valid JSON of the expected shape.");
    }

    @ExceptionHandler
    ResponseEntity<Object> mediaType(HttpMediaTypeNotSupportedException e, HttpServletRequest request) {
        return answer(
                request,
                415,
                "Content-Type '" + (e.getContentType() == null ? "" : e.getContentType()) + "' is not accepted here;"
                        + " send " + e.getSupportedMediaTypes() + ".");
    }

    @ExceptionHandler
    ResponseEntity<Object> method(HttpRequestMethodNotSupportedException e, HttpServletRequest request) {
        return answer(request, 405, "Method " + e.getMethod() + " is not allowed here.");
    }

    @ExceptionHandler
    ResponseEntity<Object> storage(DataAccessException e, HttpServletRequest request) {
        LOG.error("Ingest could not write to the telemetry log", e);
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header("Retry-After", "5")
                .contentType(MediaType.APPLICATION_JSON)
                .body(IngestErrors.body(
                        request.getRequestURI(),
                        503,
                        "The telemetry log cannot take the batch right now; nothing of it was acknowledged."
                                + " Retry it unchanged (retries are not duplicated)."));
    }

    @ExceptionHandler
    ResponseEntity<Object> unexpected(RuntimeException e, HttpServletRequest request) {
        LOG.error("Ingest request failed", e);
        return answer(request, 500, "Vigil could not complete the request; the error is logged.");
    }

    private static ResponseEntity<Object> answer(HttpServletRequest request, int status, String message) {
        String path = request.getRequestURI();
        if (path.startsWith("/api/")) {
            return ResponseEntity.status(status)
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(Problems.of(status, message));
        }
        ResponseEntity.BodyBuilder builder = ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON);
        if (path.startsWith("/ingest/elastic")) {
            builder.header(ElasticIngestController.PRODUCT_HEADER, ElasticIngestController.PRODUCT);
        }
        return builder.body(IngestErrors.body(path, status, message));
    }
}
