package io.vigil.server.ingest;

import io.vigil.telemetry.SourceFormat;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * OTLP/HTTP logs ({@code /v1/logs} under {@code /ingest/otlp}), JSON or protobuf, gzip or not — what
 * the OpenTelemetry Collector's {@code otlphttp} exporter sends. Records that cannot be read are
 * answered with OTLP's {@code partial_success} (count and first messages), so the collector does not
 * retry them; the rest is stored.
 */
@RestController
class OtlpIngestController {

    static final String PROTOBUF = "application/x-protobuf";

    private final IngestService ingest;
    private final IngestProperties properties;
    private final IngestBuffers buffers;

    OtlpIngestController(IngestService ingest, IngestProperties properties, IngestBuffers buffers) {
        this.ingest = ingest;
        this.properties = properties;
        this.buffers = buffers;
    }

    @PostMapping("/ingest/otlp/v1/logs")
    ResponseEntity<?> logs(@AuthenticationPrincipal IngestCredential who, HttpServletRequest request)
            throws IOException {
        String type = Bodies.requireContentType(request, List.of(MediaType.APPLICATION_JSON_VALUE, PROTOBUF));
        return type.equals(PROTOBUF) ? protobuf(who, request) : json(who, request);
    }

    private ResponseEntity<Map<String, Object>> json(IngestCredential who, HttpServletRequest request)
            throws IOException {
        IngestReport report = ingest(who, request, SourceFormat.OTLP_JSON);
        Map<String, Object> answer = new LinkedHashMap<>();
        if (report.rejected() > 0) {
            // OTLP's JSON mapping writes 64-bit integers as strings.
            answer.put(
                    "partialSuccess",
                    Map.of("rejectedLogRecords", Integer.toString(report.rejected()), "errorMessage", message(report)));
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(answer);
    }

    private ResponseEntity<byte[]> protobuf(IngestCredential who, HttpServletRequest request) throws IOException {
        IngestReport report = ingest(who, request, SourceFormat.OTLP_PROTOBUF);
        byte[] answer = report.rejected() > 0 ? partialSuccess(report.rejected(), message(report)) : new byte[0];
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(PROTOBUF))
                .body(answer);
    }

    private IngestReport ingest(IngestCredential who, HttpServletRequest request, SourceFormat format)
            throws IOException {
        try (IngestBuffers.Lease lease = buffers.lease()) {
            byte[] body = Bodies.read(request, properties.maxBatchSize(), properties.maxDecompressedSize(), lease);
            return ingest.ingest(who, format, new ByteArrayInputStream(body), "otlp");
        }
    }

    private static String message(IngestReport report) {
        StringBuilder s = new StringBuilder();
        s.append(report.rejected()).append(" log record(s) could not be read");
        int shown = 0;
        for (IngestReport.Issue issue : report.issues()) {
            if (issue.severity().equals("error") && shown < 5) {
                s.append(shown == 0 ? ": " : "; ")
                        .append(issue.location())
                        .append(": ")
                        .append(issue.message());
                shown++;
            }
        }
        return s.toString();
    }

    /** {@code ExportLogsServiceResponse { partial_success = 1 { rejected_log_records = 1; error_message = 2 } }}. */
    static byte[] partialSuccess(long rejected, String message) {
        ByteArrayOutputStream inner = new ByteArrayOutputStream();
        inner.write(0x08);
        varint(inner, rejected);
        byte[] text = message.getBytes(StandardCharsets.UTF_8);
        inner.write(0x12);
        varint(inner, text.length);
        inner.writeBytes(text);
        ByteArrayOutputStream outer = new ByteArrayOutputStream();
        outer.write(0x0A);
        varint(outer, inner.size());
        outer.writeBytes(inner.toByteArray());
        return outer.toByteArray();
    }

    private static void varint(ByteArrayOutputStream out, long value) {
        long v = value;
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }
}
