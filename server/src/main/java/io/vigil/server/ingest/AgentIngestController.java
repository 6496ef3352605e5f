package io.vigil.server.ingest;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.vigil.server.platform.ForbiddenException;
import io.vigil.telemetry.SourceFormat;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The Vigil agent's endpoints: enrollment and telemetry batches (docs/agent-protocol.md). */
@RestController
class AgentIngestController {

    /** What an agent says about itself when it enrolls. */
    record EnrollRequest(
            @JsonProperty("host_name") @Nullable String hostName,
            @Nullable String os,
            @JsonProperty("os_version") @Nullable String osVersion,
            @JsonProperty("agent_version") @Nullable String agentVersion) {}

    /** The agent's identity and its token, sent once. */
    record EnrollResponse(
            @JsonProperty("agent_id") String agentId,
            @JsonProperty("tenant_id") String tenantId,
            String asset,
            String token) {}

    private final IngestService ingest;
    private final IngestCredentialService credentials;
    private final IngestProperties properties;
    private final IngestBuffers buffers;

    AgentIngestController(
            IngestService ingest,
            IngestCredentialService credentials,
            IngestProperties properties,
            IngestBuffers buffers) {
        this.ingest = ingest;
        this.credentials = credentials;
        this.properties = properties;
        this.buffers = buffers;
    }

    @PostMapping("/ingest/agent/v1/enroll")
    ResponseEntity<EnrollResponse> enroll(
            @AuthenticationPrincipal IngestCredential who,
            @RequestBody EnrollRequest body,
            HttpServletRequest request) {
        if (!(who instanceof IngestCredential.Key key)) {
            throw new ForbiddenException("This agent is already enrolled; enrollment needs an enrollment key.");
        }
        IngestCredentialService.EnrolledAgent enrolled = credentials.enroll(
                key,
                nonNull(body.hostName()),
                nonNull(body.os()),
                nonNull(body.osVersion()),
                nonNull(body.agentVersion()),
                request.getRemoteAddr());
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(new EnrollResponse(
                        enrolled.agent().id(),
                        enrolled.agent().tenant().value(),
                        enrolled.agent().hostName(),
                        enrolled.token()));
    }

    @PostMapping("/ingest/agent/v1/batches")
    ResponseEntity<IngestReport> batch(@AuthenticationPrincipal IngestCredential who, HttpServletRequest request)
            throws IOException {
        if (!(who instanceof IngestCredential.AgentCredential)) {
            throw new ForbiddenException("Batches need an agent's own credentials (Bearer vga_…, from enrollment);"
                    + " log shippers send to /ingest/elastic/_bulk or /ingest/otlp/v1/logs.");
        }
        Bodies.requireContentType(request, List.of("application/x-ndjson", MediaType.APPLICATION_JSON_VALUE));
        IngestReport report;
        try (IngestBuffers.Lease lease = buffers.lease()) {
            InputStream body =
                    Bodies.readStream(request, properties.maxBatchSize(), properties.maxDecompressedSize(), lease);
            report = ingest.ingest(who, SourceFormat.AGENT_NDJSON, body, "batch");
        }
        // Nothing readable at all (e.g. no valid header): 400, so the agent does not retry it.
        boolean refused = report.events() == 0 && report.rejected() > 0;
        return ResponseEntity.status(refused ? HttpStatus.BAD_REQUEST : HttpStatus.OK)
                .body(report);
    }

    private static String nonNull(@Nullable String s) {
        return s == null ? "" : s;
    }
}
