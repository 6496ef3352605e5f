package io.vigil.server.ingest;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * Enough of the Elasticsearch HTTP API for log shippers (Winlogbeat, Elastic Agent, Vector, Fluent
 * Bit, Logstash) to send to Vigil: the root and {@code _license} answers they check on connect, the
 * {@code X-Elastic-Product} header the official clients require, acknowledgements for index
 * template / ILM set-up requests, and {@code _bulk}. Everything else gets a 404 that says what is
 * supported. Mounted at {@code /ingest/elastic}; see docs/ingest.md for shipper settings.
 */
@RestController
class ElasticIngestController {

    static final String PRODUCT_HEADER = "X-Elastic-Product";
    static final String PRODUCT = "Elasticsearch";
    private static final String BASE = "/ingest/elastic";
    private static final List<String> BULK_TYPES = List.of(
            "application/json",
            "application/x-ndjson",
            "application/vnd.elasticsearch+x-ndjson",
            "application/vnd.elasticsearch+json");

    private final ElasticBulkService bulk;
    private final IngestProperties properties;
    private final Clock clock;
    private final IngestBuffers buffers;

    ElasticIngestController(ElasticBulkService bulk, IngestProperties properties, Clock clock, IngestBuffers buffers) {
        this.bulk = bulk;
        this.properties = properties;
        this.clock = clock;
        this.buffers = buffers;
    }

    @RequestMapping(
            path = {BASE, BASE + "/"},
            method = {RequestMethod.GET, RequestMethod.HEAD})
    ResponseEntity<Map<String, Object>> root() {
        Map<String, Object> version = new LinkedHashMap<>();
        version.put("number", properties.elasticVersion());
        version.put("build_flavor", "default");
        version.put("build_type", "vigil");
        version.put("lucene_version", "9.12.0");
        version.put("minimum_wire_compatibility_version", "7.17.0");
        version.put("minimum_index_compatibility_version", "7.0.0");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "vigil");
        body.put("cluster_name", "vigil");
        body.put("cluster_uuid", "vigil-telemetry-ingest");
        body.put("version", version);
        body.put("tagline", "Vigil telemetry ingest (Elasticsearch bulk compatible)");
        return elastic(HttpStatus.OK, body);
    }

    @RequestMapping(path = BASE + "/_license", method = RequestMethod.GET)
    ResponseEntity<Map<String, Object>> license() {
        Map<String, Object> license = new LinkedHashMap<>();
        license.put("status", "active");
        license.put("uid", "vigil");
        license.put("type", "basic");
        license.put("mode", "basic");
        license.put("issued_to", "vigil");
        license.put("issuer", "vigil");
        return elastic(HttpStatus.OK, Map.of("license", license));
    }

    /** Index templates, component templates, ILM policies, ingest pipelines: acknowledged, ignored. */
    @RequestMapping(
            path = {
                BASE + "/_index_template/{name}",
                BASE + "/_template/{name}",
                BASE + "/_component_template/{name}",
                BASE + "/_ilm/policy/{name}",
                BASE + "/_ingest/pipeline/{name}"
            },
            method = {RequestMethod.PUT, RequestMethod.POST})
    ResponseEntity<Map<String, Object>> acknowledge(@PathVariable String name) {
        return elastic(HttpStatus.OK, Map.of("acknowledged", true));
    }

    @RequestMapping(
            path = {BASE + "/_bulk", BASE + "/{index}/_bulk"},
            method = {RequestMethod.POST, RequestMethod.PUT})
    ResponseEntity<Map<String, Object>> bulk(
            @AuthenticationPrincipal IngestCredential who,
            @PathVariable(required = false) @Nullable String index,
            HttpServletRequest request)
            throws IOException {
        Bodies.requireContentType(request, BULK_TYPES);
        long started = clock.millis();
        ElasticBulkService.Result result;
        try (IngestBuffers.Lease lease = buffers.lease()) {
            byte[] body = Bodies.read(request, properties.maxBatchSize(), properties.maxDecompressedSize(), lease);
            result = bulk.bulk(who, body, index);
        }
        List<Map<String, Object>> items = new ArrayList<>(result.items().size());
        for (ElasticBulkService.Item item : result.items()) {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("_index", item.index());
            if (item.id() != null) {
                detail.put("_id", item.id());
            }
            detail.put("status", item.status());
            if (item.result() != null) {
                detail.put("result", item.result());
                detail.put("_version", 1);
            }
            if (item.error() != null) {
                detail.put("error", Map.of("type", "document_parsing_exception", "reason", item.error()));
            }
            items.add(Map.of(item.action(), detail));
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("took", Math.max(0, clock.millis() - started));
        answer.put("errors", result.errors());
        answer.put("items", items);
        return elastic(HttpStatus.OK, answer);
    }

    /** Anything else under the mount point: a 404 that says what Vigil answers. */
    @RequestMapping(path = BASE + "/**")
    ResponseEntity<Map<String, Object>> unsupported(HttpServletRequest request) {
        String message = "Vigil's Elasticsearch-compatible ingest answers GET /, GET /_license, template and ILM"
                + " set-up, and POST /_bulk; " + request.getMethod() + " " + Bodies.clip(request.getRequestURI())
                + " is not supported. Shipper settings: docs/ingest.md.";
        return elastic(HttpStatus.NOT_FOUND, IngestErrors.body(BASE, 404, message));
    }

    private static ResponseEntity<Map<String, Object>> elastic(HttpStatus status, Map<String, Object> body) {
        return ResponseEntity.status(status).header(PRODUCT_HEADER, PRODUCT).body(body);
    }
}
