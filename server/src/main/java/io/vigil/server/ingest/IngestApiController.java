package io.vigil.server.ingest;

import io.swagger.v3.oas.annotations.tags.Tag;
import io.vigil.server.platform.Actor;
import io.vigil.server.platform.TenantId;
import io.vigil.server.platform.ValidationException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Native API: a tenant's ingest keys and agents, and telemetry file uploads. */
@Tag(name = "telemetry")
@RestController
class IngestApiController {

    /** An ingest key without its secret. */
    record KeyView(
            String id,
            String name,
            String purpose,
            String createdBy,
            Instant createdAt,
            @Nullable Instant revokedAt,
            @Nullable Instant lastUsedAt) {
        static KeyView of(IngestKey k) {
            return new KeyView(
                    k.id(),
                    k.name(),
                    k.purpose().name().toLowerCase(Locale.ROOT),
                    k.createdBy(),
                    k.createdAt(),
                    k.revokedAt(),
                    k.lastUsedAt());
        }
    }

    /** A new key with its secret in every form shippers take; shown once. */
    record IssuedKeyView(KeyView key, String token, String apiKey, String basicUser, String basicPassword) {}

    /** What to create. */
    record NewKey(@Nullable String name, @Nullable String purpose) {}

    /** An agent without its secret. */
    record AgentView(
            String id,
            String hostName,
            String os,
            String osVersion,
            String agentVersion,
            Instant enrolledAt,
            @Nullable Instant lastSeenAt,
            @Nullable Instant revokedAt) {
        static AgentView of(Agent a) {
            return new AgentView(
                    a.id(),
                    a.hostName(),
                    a.os(),
                    a.osVersion(),
                    a.agentVersion(),
                    a.enrolledAt(),
                    a.lastSeenAt(),
                    a.revokedAt());
        }
    }

    private final IngestCredentialService credentials;
    private final TelemetryUploadService uploads;

    IngestApiController(IngestCredentialService credentials, TelemetryUploadService uploads) {
        this.credentials = credentials;
        this.uploads = uploads;
    }

    @GetMapping("/api/tenants/{tenantId}/ingest-keys")
    List<KeyView> keys(Actor actor, @PathVariable String tenantId) {
        return credentials.keys(actor, TenantId.parse(tenantId)).stream()
                .map(KeyView::of)
                .toList();
    }

    @PostMapping("/api/tenants/{tenantId}/ingest-keys")
    ResponseEntity<IssuedKeyView> createKey(
            Actor actor, @PathVariable String tenantId, @RequestBody NewKey body, HttpServletRequest request) {
        TenantId tenant = TenantId.parse(tenantId);
        IngestKey.Purpose purpose = purpose(body.purpose());
        IngestCredentialService.IssuedKey issued = credentials.createKey(
                actor, tenant, body.name() == null ? "" : body.name(), purpose, request.getRemoteAddr());
        return ResponseEntity.status(HttpStatus.CREATED).body(view(issued));
    }

    @DeleteMapping("/api/tenants/{tenantId}/ingest-keys/{keyId}")
    ResponseEntity<Void> revokeKey(
            Actor actor, @PathVariable String tenantId, @PathVariable String keyId, HttpServletRequest request) {
        credentials.revokeKey(actor, TenantId.parse(tenantId), keyId, request.getRemoteAddr());
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/tenants/{tenantId}/agents")
    List<AgentView> agents(Actor actor, @PathVariable String tenantId) {
        return credentials.agents(actor, TenantId.parse(tenantId)).stream()
                .map(AgentView::of)
                .toList();
    }

    @DeleteMapping("/api/tenants/{tenantId}/agents/{agentId}")
    ResponseEntity<Void> revokeAgent(
            Actor actor, @PathVariable String tenantId, @PathVariable String agentId, HttpServletRequest request) {
        credentials.revokeAgent(actor, TenantId.parse(tenantId), agentId, request.getRemoteAddr());
        return ResponseEntity.noContent().build();
    }

    /** The body is the file itself (any content type); gzip Content-Encoding is undone. */
    @PostMapping("/api/tenants/{tenantId}/telemetry/files")
    IngestReport upload(
            Actor actor,
            @PathVariable String tenantId,
            @RequestParam(required = false) @Nullable String name,
            @RequestParam(required = false) @Nullable String format,
            @RequestParam(required = false) @Nullable String asset,
            HttpServletRequest request)
            throws IOException {
        return uploads.upload(actor, TenantId.parse(tenantId), name == null ? "upload" : name, format, asset, request);
    }

    static IngestKey.Purpose purpose(@Nullable String purpose) {
        if (purpose == null || purpose.isBlank()) {
            return IngestKey.Purpose.SHIPPER;
        }
        try {
            return IngestKey.Purpose.valueOf(purpose.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ValidationException("purpose", "Either 'shipper' (log shippers) or 'enrollment' (agents).");
        }
    }

    static IssuedKeyView view(IngestCredentialService.IssuedKey issued) {
        String id = issued.key().id();
        return new IssuedKeyView(KeyView.of(issued.key()), issued.token(), issued.apiKey(), id, issued.secret());
    }
}
