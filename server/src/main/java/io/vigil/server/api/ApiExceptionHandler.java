package io.vigil.server.api;

import io.vigil.server.detection.RuleTextException;
import io.vigil.server.platform.ConflictException;
import io.vigil.server.platform.ForbiddenException;
import io.vigil.server.platform.NotFoundException;
import io.vigil.server.platform.PreconditionFailedException;
import io.vigil.server.platform.ValidationException;
import io.vigil.server.triage.IncidentSinkMissingException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** Turns failures in API controllers into problem+json answers with a message a user can act on. */
@RestControllerAdvice(basePackageClasses = ApiExceptionHandler.class)
class ApiExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler
    ProblemDetail notFound(NotFoundException e) {
        return ApiErrors.problem(404, e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail forbidden(ForbiddenException e) {
        return ApiErrors.problem(403, e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail refused(TokenRefusedException e) {
        return ApiErrors.problem(403, e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail conflict(ConflictException e) {
        return ApiErrors.problem(409, e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail preconditionFailed(PreconditionFailedException e) {
        return ApiErrors.problem(412, e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail unavailable(IncidentSinkMissingException e) {
        return ApiErrors.problem(503, e.getMessage());
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> tooLarge(PayloadTooLargeException e) {
        return ResponseEntity.status(413).body(ApiErrors.problem(413, e.getMessage()));
    }

    @ExceptionHandler
    ProblemDetail invalid(ValidationException e) {
        ProblemDetail p = ApiErrors.problem(400, e.getMessage());
        p.setProperty("errors", e.problems());
        return p;
    }

    @ExceptionHandler
    ProblemDetail ruleText(RuleTextException e) {
        ProblemDetail p = ApiErrors.problem(
                400, e.ruleProblems().size() + " problem(s) in the rule text; nothing was stored. " + e.getMessage());
        p.setProperty(
                "errors",
                e.ruleProblems().stream()
                        .map(r -> Map.of("field", "text", "text", r.text(), "line", r.line(), "message", r.message()))
                        .toList());
        return p;
    }

    @ExceptionHandler
    ProblemDetail tooLarge(TenantRulesApiController.BodyTooLarge e) {
        return ApiErrors.problem(413, String.valueOf(e.getMessage()));
    }

    @ExceptionHandler
    ProblemDetail unreadable(HttpMessageNotReadableException e) {
        return ApiErrors.problem(400, "The request body is not valid JSON of the expected shape.");
    }

    @ExceptionHandler
    ProblemDetail mediaType(HttpMediaTypeNotSupportedException e) {
        return ApiErrors.problem(415, "Send the body as application/json.");
    }

    @ExceptionHandler
    ProblemDetail method(HttpRequestMethodNotSupportedException e) {
        return ApiErrors.problem(405, "Method " + e.getMethod() + " is not allowed here.");
    }

    @ExceptionHandler
    ProblemDetail noRoute(NoResourceFoundException e) {
        return ApiErrors.problem(404, "No API route " + e.getResourcePath() + ".");
    }

    @ExceptionHandler
    ProblemDetail unexpected(RuntimeException e) {
        LOG.error("API request failed", e);
        return ApiErrors.problem(500, "Vigil could not complete the request; the error is logged.");
    }
}
