package io.vigil.server.ingest;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Error answers of the ingest endpoints: JSON with {@code status}, {@code error} and a {@code
 * message} a person can act on. Under {@code /ingest/elastic} the body also has Elasticsearch's
 * {@code error.type}/{@code error.reason} shape and the {@code X-Elastic-Product} header, so shipper
 * logs show the message.
 */
@Component
class IngestErrors {

    private final JsonMapper json;

    IngestErrors(JsonMapper json) {
        this.json = json;
    }

    static Map<String, Object> body(String path, int status, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (path.startsWith("/ingest/elastic")) {
            body.put("error", Map.of("type", type(status), "reason", message));
            body.put("status", status);
            body.put("message", message);
            return body;
        }
        body.put("status", status);
        body.put("error", type(status));
        body.put("message", message);
        return body;
    }

    static String type(int status) {
        return switch (status) {
            case 400 -> "bad_request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 413 -> "payload_too_large";
            case 415 -> "unsupported_media_type";
            case 503 -> "unavailable";
            default -> "internal_error";
        };
    }

    void write(HttpServletRequest request, HttpServletResponse response, int status, String message)
            throws IOException {
        response.setStatus(status);
        if (request.getRequestURI().startsWith("/ingest/elastic")) {
            response.setHeader(ElasticIngestController.PRODUCT_HEADER, ElasticIngestController.PRODUCT);
        }
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(json.writeValueAsString(body(request.getRequestURI(), status, message)));
    }
}
