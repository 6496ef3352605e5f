package io.vigil.server.api;

import io.swagger.v3.oas.annotations.tags.Tag;
import io.vigil.server.detection.DetectionProperties;
import io.vigil.server.detection.TenantRuleText;
import io.vigil.server.detection.TenantRulesService;
import io.vigil.server.platform.Actor;
import io.vigil.server.platform.TenantId;
import io.vigil.server.platform.ValidationException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Native API for a tenant's own detection settings: custom rules and exclusions (Sigma text, as JSON
 * {@code {"name", "text"}} or as the raw YAML with {@code ?name=}), a dry-run validation, rules and
 * packs switched on or off, placeholder values, and the tenant's rules with their state. The tenant
 * is checked before the body is read; roles are checked by {@link TenantRulesService}.
 */
@Tag(name = "detection")
@RestController
class TenantRulesApiController {

    private static final String BASE = "/api/tenants/{tenantId}/detection";

    private final TenantRulesService service;
    private final DetectionProperties properties;
    private final JsonMapper json;

    TenantRulesApiController(TenantRulesService service, DetectionProperties properties, JsonMapper json) {
        this.service = service;
        this.properties = properties;
        this.json = json;
    }

    /** A stored text as the API shows it. */
    record TextView(
            String id,
            String kind,
            String name,
            String text,
            java.time.Instant createdAt,
            String createdBy,
            java.time.Instant updatedAt,
            String updatedBy) {
        static TextView of(TenantRuleText t) {
            return new TextView(
                    t.id(),
                    t.kind() == TenantRuleText.Kind.RULE ? "rule" : "exclusion",
                    t.name(),
                    t.text(),
                    t.createdAt(),
                    t.createdBy(),
                    t.updatedAt(),
                    t.updatedBy());
        }
    }

    @GetMapping(BASE + "/settings")
    TenantRulesService.Settings settings(Actor actor, @PathVariable String tenantId) {
        return service.settings(actor, TenantId.parse(tenantId));
    }

    @GetMapping(BASE + "/rules")
    TenantRulesService.RulePage rules(
            Actor actor,
            @PathVariable String tenantId,
            @RequestParam(required = false) @Nullable String pack,
            @RequestParam(required = false) @Nullable Boolean enabled,
            @RequestParam(required = false) @Nullable String q,
            @RequestParam(defaultValue = "0") int offset,
            @RequestParam(defaultValue = "500") int limit) {
        return service.rules(actor, TenantId.parse(tenantId), pack, enabled, q, offset, limit);
    }

    @GetMapping(BASE + "/packs")
    List<TenantRulesService.PackView> packs(Actor actor, @PathVariable String tenantId) {
        return service.packs(actor, TenantId.parse(tenantId));
    }

    /** Switches one rule on or off for the tenant: {@code {"enabled": false}}. */
    @PutMapping(BASE + "/rules/{ruleId}/enabled")
    Map<String, Object> switchRule(
            Actor actor, @PathVariable String tenantId, @PathVariable String ruleId, HttpServletRequest request)
            throws IOException {
        TenantId tenant = visible(actor, tenantId);
        boolean enabled = enabled(request);
        service.switchRule(actor, tenant, ruleId, enabled, request.getRemoteAddr());
        return Map.of("ruleId", ruleId, "enabled", enabled);
    }

    /** Switches a pack on or off for the tenant: {@code {"enabled": false}}. */
    @PutMapping(BASE + "/packs/{packId}/enabled")
    Map<String, Object> switchPack(
            Actor actor, @PathVariable String tenantId, @PathVariable String packId, HttpServletRequest request)
            throws IOException {
        TenantId tenant = visible(actor, tenantId);
        boolean enabled = enabled(request);
        service.switchPack(actor, tenant, packId, enabled, request.getRemoteAddr());
        return Map.of("packId", packId, "enabled", enabled);
    }

    @GetMapping(BASE + "/placeholders")
    Map<String, List<String>> placeholders(Actor actor, @PathVariable String tenantId) {
        return service.settings(actor, TenantId.parse(tenantId)).placeholders();
    }

    /** Replaces the placeholder values: {@code {"admins": ["alice", "bob"]}}. */
    @PutMapping(BASE + "/placeholders")
    Map<String, List<String>> setPlaceholders(Actor actor, @PathVariable String tenantId, HttpServletRequest request)
            throws IOException {
        TenantId tenant = visible(actor, tenantId);
        JsonNode root = jsonBody(request);
        Map<String, List<String>> values = new LinkedHashMap<>();
        List<ValidationException.Problem> problems = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : root.properties()) {
            if (!e.getValue().isArray()) {
                problems.add(
                        new ValidationException.Problem("placeholders." + clip(e.getKey()), "give a list of strings"));
                continue;
            }
            List<String> list = new ArrayList<>();
            for (JsonNode v : e.getValue()) {
                if (!v.isString()) {
                    problems.add(new ValidationException.Problem(
                            "placeholders." + clip(e.getKey()), "every value must be a string"));
                    break;
                }
                list.add(v.asString());
            }
            values.put(e.getKey(), list);
        }
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        service.setPlaceholders(actor, tenant, values, request.getRemoteAddr());
        return service.settings(actor, tenant).placeholders();
    }

    /**
     * Compiles a text with the tenant's settings and the rules in force without storing it: {@code
     * {"kind": "rule" | "exclusion", "text": "...", "replaces": "<id of the text it would replace>"}}.
     */
    @PostMapping(BASE + "/validate")
    TenantRulesService.Validation validate(Actor actor, @PathVariable String tenantId, HttpServletRequest request)
            throws IOException {
        TenantId tenant = visible(actor, tenantId);
        Body body = body(request, "validation");
        String kind = body.kind == null ? "rule" : body.kind;
        TenantRuleText.Kind k = switch (kind) {
            case "rule" -> TenantRuleText.Kind.RULE;
            case "exclusion" -> TenantRuleText.Kind.EXCLUSION;
            default ->
                throw new ValidationException("kind", "Unknown kind '" + clip(kind) + "'; use 'rule' or 'exclusion'.");
        };
        return service.validate(actor, tenant, k, body.replaces, body.text);
    }

    @GetMapping(BASE + "/custom-rules")
    List<TextView> customRules(Actor actor, @PathVariable String tenantId) {
        return service.settings(actor, TenantId.parse(tenantId)).customRules().stream()
                .map(TextView::of)
                .toList();
    }

    @PostMapping(BASE + "/custom-rules")
    ResponseEntity<TextView> createCustomRule(Actor actor, @PathVariable String tenantId, HttpServletRequest request)
            throws IOException {
        return create(actor, tenantId, TenantRuleText.Kind.RULE, request);
    }

    @GetMapping(BASE + "/custom-rules/{customRuleId}")
    TextView customRule(Actor actor, @PathVariable String tenantId, @PathVariable String customRuleId) {
        return TextView.of(service.text(actor, TenantId.parse(tenantId), TenantRuleText.Kind.RULE, customRuleId));
    }

    @PutMapping(BASE + "/custom-rules/{customRuleId}")
    TextView updateCustomRule(
            Actor actor, @PathVariable String tenantId, @PathVariable String customRuleId, HttpServletRequest request)
            throws IOException {
        return update(actor, tenantId, TenantRuleText.Kind.RULE, customRuleId, request);
    }

    @DeleteMapping(BASE + "/custom-rules/{customRuleId}")
    ResponseEntity<Void> deleteCustomRule(
            Actor actor, @PathVariable String tenantId, @PathVariable String customRuleId, HttpServletRequest request) {
        service.delete(
                actor, TenantId.parse(tenantId), TenantRuleText.Kind.RULE, customRuleId, request.getRemoteAddr());
        return ResponseEntity.noContent().build();
    }

    @GetMapping(BASE + "/exclusions")
    List<TextView> exclusions(Actor actor, @PathVariable String tenantId) {
        return service.settings(actor, TenantId.parse(tenantId)).exclusions().stream()
                .map(TextView::of)
                .toList();
    }

    @PostMapping(BASE + "/exclusions")
    ResponseEntity<TextView> createExclusion(Actor actor, @PathVariable String tenantId, HttpServletRequest request)
            throws IOException {
        return create(actor, tenantId, TenantRuleText.Kind.EXCLUSION, request);
    }

    @GetMapping(BASE + "/exclusions/{exclusionId}")
    TextView exclusion(Actor actor, @PathVariable String tenantId, @PathVariable String exclusionId) {
        return TextView.of(service.text(actor, TenantId.parse(tenantId), TenantRuleText.Kind.EXCLUSION, exclusionId));
    }

    @PutMapping(BASE + "/exclusions/{exclusionId}")
    TextView updateExclusion(
            Actor actor, @PathVariable String tenantId, @PathVariable String exclusionId, HttpServletRequest request)
            throws IOException {
        return update(actor, tenantId, TenantRuleText.Kind.EXCLUSION, exclusionId, request);
    }

    @DeleteMapping(BASE + "/exclusions/{exclusionId}")
    ResponseEntity<Void> deleteExclusion(
            Actor actor, @PathVariable String tenantId, @PathVariable String exclusionId, HttpServletRequest request) {
        service.delete(
                actor, TenantId.parse(tenantId), TenantRuleText.Kind.EXCLUSION, exclusionId, request.getRemoteAddr());
        return ResponseEntity.noContent().build();
    }

    private ResponseEntity<TextView> create(
            Actor actor, String tenantId, TenantRuleText.Kind kind, HttpServletRequest request) throws IOException {
        TenantId tenant = visible(actor, tenantId);
        Body body = body(request, kind == TenantRuleText.Kind.RULE ? "custom rule" : "exclusion");
        TenantRuleText created = service.create(actor, tenant, kind, body.name, body.text, request.getRemoteAddr());
        return ResponseEntity.status(HttpStatus.CREATED).body(TextView.of(created));
    }

    private TextView update(
            Actor actor, String tenantId, TenantRuleText.Kind kind, String id, HttpServletRequest request)
            throws IOException {
        TenantId tenant = visible(actor, tenantId);
        Body body = body(request, kind == TenantRuleText.Kind.RULE ? "custom rule" : "exclusion");
        return TextView.of(service.update(actor, tenant, kind, id, body.name, body.text, request.getRemoteAddr()));
    }

    private TenantId visible(Actor actor, String tenantId) {
        TenantId tenant = TenantId.parse(tenantId);
        service.requireVisible(actor, tenant);
        return tenant;
    }

    /** A text request: JSON {@code name}, {@code text} (and for validation {@code kind}, {@code replaces}), or raw YAML. */
    private record Body(
            String name,
            String text,
            @Nullable String kind,
            @Nullable String replaces) {}

    private Body body(HttpServletRequest request, String what) throws IOException {
        String type = request.getContentType() == null ? "" : request.getContentType();
        String paramName = request.getParameter("name");
        String fallbackName = paramName == null || paramName.isBlank() ? "unnamed " + what : paramName;
        if (!type.startsWith("application/json")) {
            return new Body(
                    fallbackName, utf8(read(request)), request.getParameter("kind"), request.getParameter("replaces"));
        }
        JsonNode root = jsonBody(request);
        JsonNode text = root.get("text");
        if (text == null || !text.isString()) {
            throw new ValidationException("text", "Give the Sigma rule's YAML as the string field 'text'.");
        }
        String name = optional(root, "name");
        return new Body(
                name == null ? fallbackName : name,
                text.asString(),
                optional(root, "kind"),
                optional(root, "replaces"));
    }

    private static @Nullable String optional(JsonNode root, String field) {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isString()) {
            throw new ValidationException(field, "Must be a string.");
        }
        return n.asString();
    }

    private boolean enabled(HttpServletRequest request) throws IOException {
        JsonNode enabled = jsonBody(request).get("enabled");
        if (enabled == null || !enabled.isBoolean()) {
            throw new ValidationException("enabled", "Send {\"enabled\": true} or {\"enabled\": false}.");
        }
        return enabled.asBoolean();
    }

    private JsonNode jsonBody(HttpServletRequest request) throws IOException {
        String text = utf8(read(request));
        try {
            JsonNode root = json.readTree(text);
            if (root == null || !root.isObject()) {
                throw new ValidationException("body", "Send a JSON object.");
            }
            return root;
        } catch (JacksonException e) {
            tools.jackson.core.TokenStreamLocation where = e.getLocation();
            throw new ValidationException(
                    "body",
                    "Not valid JSON"
                            + (where == null ? "" : " at line " + where.getLineNr() + ", column " + where.getColumnNr())
                            + ": " + clip(e.getOriginalMessage()));
        }
    }

    /** The body, refused (413) beyond six times the text limit (JSON escapes) plus 64 KB. */
    private byte[] read(HttpServletRequest request) throws IOException {
        long max = properties.tenantRuleMaxTextSize().toBytes() * 6 + 64 * 1024;
        if (request.getContentLengthLong() > max) {
            throw new BodyTooLarge(max, properties.tenantRuleMaxTextSize().toBytes());
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes((int) max + 1);
        }
        if (body.length > max) {
            throw new BodyTooLarge(max, properties.tenantRuleMaxTextSize().toBytes());
        }
        return body;
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new ValidationException("body", "The body is not valid UTF-8; send the rule text as UTF-8.");
        }
    }

    /** A request body over the limit (HTTP 413). */
    static final class BodyTooLarge extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BodyTooLarge(long max, long text) {
            super("The request body is larger than " + max + " bytes; a rule text may have at most " + text
                    + " bytes (vigil.detection.tenant-rule-max-text-size). Split it into several rules.");
        }
    }

    private static String clip(@Nullable String s) {
        if (s == null) {
            return "";
        }
        return s.length() > 64 ? s.substring(0, 64) + "…" : s;
    }
}
