package io.vigil.server.api;

import io.swagger.v3.oas.annotations.tags.Tag;
import io.vigil.server.asset.Asset;
import io.vigil.server.asset.AssetPage;
import io.vigil.server.asset.AssetService;
import io.vigil.server.asset.Criticality;
import io.vigil.server.asset.PrevalenceKind;
import io.vigil.server.asset.PrevalenceReport;
import io.vigil.server.asset.PrevalenceService;
import io.vigil.server.platform.Actor;
import io.vigil.server.platform.Problems;
import io.vigil.server.platform.TenantId;
import io.vigil.server.platform.ValidationException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Native API: a tenant's asset inventory, asset criticality, and fleet prevalence for analysts.
 * The tenant in the path is checked before the body is read, so nothing is learnt about tenants out
 * of scope.
 */
@Tag(name = "assets")
@RestController
class AssetApiController {

    /** The largest criticality body read. */
    static final int MAX_BODY = 4096;

    private final AssetService assets;
    private final PrevalenceService prevalence;
    private final JsonMapper json;

    AssetApiController(AssetService assets, PrevalenceService prevalence, JsonMapper json) {
        this.assets = assets;
        this.prevalence = prevalence;
        this.json = json;
    }

    /** A tenant's assets in id order: {@code limit} (1–1000, default 100), {@code cursor} from the previous page. */
    @GetMapping("/api/tenants/{tenantId}/assets")
    AssetPage list(
            Actor actor,
            @PathVariable String tenantId,
            @RequestParam(required = false) @Nullable Integer limit,
            @RequestParam(required = false) @Nullable String cursor) {
        return assets.list(
                actor,
                TenantId.parse(tenantId),
                limit == null ? 100 : limit,
                cursor == null || cursor.isBlank() ? null : cursor);
    }

    /** One asset. */
    @GetMapping("/api/tenants/{tenantId}/assets/{assetId}")
    Asset asset(Actor actor, @PathVariable String tenantId, @PathVariable String assetId) {
        return assets.find(actor, TenantId.parse(tenantId), assetId);
    }

    /** Sets an asset's criticality: {@code {"criticality": "HIGH"}} (LOW, NORMAL, HIGH, CRITICAL). */
    @PutMapping("/api/tenants/{tenantId}/assets/{assetId}/criticality")
    ResponseEntity<?> criticality(
            Actor actor, @PathVariable String tenantId, @PathVariable String assetId, HttpServletRequest request)
            throws IOException {
        TenantId tenant = TenantId.parse(tenantId);
        assets.find(actor, tenant, assetId); // 404 for tenants and assets out of scope, before the body
        if (request.getContentLengthLong() > MAX_BODY) {
            return tooLarge();
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(MAX_BODY + 1);
        }
        if (body.length > MAX_BODY) {
            return tooLarge();
        }
        JsonNode root;
        try {
            root = body.length == 0 ? null : json.readTree(new String(body, StandardCharsets.UTF_8));
        } catch (JacksonException e) {
            throw new ValidationException("body", "Not valid JSON (" + e.getOriginalMessage() + ").");
        }
        if (root == null || !root.isObject()) {
            throw new ValidationException("body", "Send a JSON object such as {\"criticality\": \"HIGH\"}.");
        }
        JsonNode c = root.path("criticality");
        if (!c.isString()) {
            throw new ValidationException("criticality", "Required: one of LOW, NORMAL, HIGH, CRITICAL.");
        }
        Criticality criticality = Criticality.parse("criticality", c.asString());
        return ResponseEntity.ok(assets.setCriticality(actor, tenant, assetId, criticality, request.getRemoteAddr()));
    }

    /**
     * Fleet prevalence of an image, file hash or command line: {@code kind} ({@code image}, {@code
     * hash}, {@code command_line}), {@code value} or {@code key} (the SHA-256 an alert shows), {@code
     * limit} (1–1000, default 100) and {@code cursor} for the page of assets.
     */
    @GetMapping("/api/tenants/{tenantId}/prevalence")
    PrevalenceReport prevalence(
            Actor actor,
            @PathVariable String tenantId,
            @RequestParam(required = false) @Nullable String kind,
            @RequestParam(required = false) @Nullable String value,
            @RequestParam(required = false) @Nullable String key,
            @RequestParam(required = false) @Nullable Integer limit,
            @RequestParam(required = false) @Nullable String cursor) {
        TenantId tenant = TenantId.parse(tenantId);
        actor.requireVisible(tenant);
        if (kind == null || kind.isBlank()) {
            throw new ValidationException("kind", "Required: image, hash or command_line.");
        }
        return prevalence.report(
                actor,
                tenant,
                PrevalenceKind.parse("kind", kind),
                value,
                key == null || key.isBlank() ? null : key,
                limit == null ? 100 : limit,
                cursor == null || cursor.isBlank() ? null : cursor);
    }

    private static ResponseEntity<?> tooLarge() {
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
                .body(Problems.of(
                        413, "The body is larger than " + MAX_BODY + " bytes; send {\"criticality\": \"HIGH\"}."));
    }
}
