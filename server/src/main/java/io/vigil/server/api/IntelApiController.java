package io.vigil.server.api;

import io.swagger.v3.oas.annotations.tags.Tag;
import io.vigil.server.intel.Feed;
import io.vigil.server.intel.FeedKind;
import io.vigil.server.intel.FeedRun;
import io.vigil.server.intel.Indicator;
import io.vigil.server.intel.IntelService;
import io.vigil.server.intel.Ioc;
import io.vigil.server.intel.IocQuery;
import io.vigil.server.intel.IocType;
import io.vigil.server.intel.Tlp;
import io.vigil.server.platform.Actor;
import io.vigil.server.platform.Problems;
import io.vigil.server.platform.TenantId;
import io.vigil.server.platform.ValidationException;
import io.vigil.server.tenant.TenantService;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
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
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Native threat-intelligence API: IoCs (search; a tenant's own: add, delete, upload a file) and
 * provider-wide feeds (list, add, runs, refresh, delete). Roles are checked by {@link IntelService};
 * a tenant named in the path is checked first, so nothing is learnt about tenants out of scope.
 */
@Tag(name = "intel")
@RestController
class IntelApiController {

    /** An IoC. */
    record IocView(
            long id,
            @Nullable String tenantId,
            String source,
            String type,
            String value,
            int confidence,
            Instant firstSeen,
            Instant lastSeen,
            @Nullable Instant expiresAt,
            List<String> tags,
            String tlp,
            String description,
            String createdBy) {
        static IocView of(Ioc i) {
            return new IocView(
                    i.id(),
                    i.tenant() == null ? null : i.tenant().value(),
                    i.source(),
                    i.type().name().toLowerCase(Locale.ROOT),
                    i.value(),
                    i.confidence(),
                    i.firstSeen(),
                    i.lastSeen(),
                    i.expiresAt(),
                    i.tags(),
                    i.tlp().name(),
                    i.description(),
                    i.createdBy());
        }
    }

    /** A feed with its last run. */
    record FeedView(
            String id,
            String name,
            String kind,
            String location,
            @Nullable String collection,
            long intervalSeconds,
            int confidence,
            long ttlSeconds,
            String tlp,
            boolean enabled,
            @Nullable FeedRun lastRun) {
        static FeedView of(Feed f) {
            return new FeedView(
                    f.id(),
                    f.name(),
                    f.kind().name().toLowerCase(Locale.ROOT),
                    f.location(),
                    f.collection(),
                    f.interval().toSeconds(),
                    f.confidence(),
                    f.ttl().toSeconds(),
                    f.tlp().name(),
                    f.enabled(),
                    f.lastRun());
        }
    }

    private final IntelService intel;
    private final TenantService tenants;
    private final JsonMapper json;

    IntelApiController(IntelService intel, TenantService tenants, JsonMapper json) {
        this.intel = intel;
        this.tenants = tenants;
        this.json = json;
    }

    /** Every IoC the caller may see: provider-wide ones and those of its tenants. */
    @GetMapping("/api/intel/iocs")
    List<IocView> search(
            Actor actor,
            @RequestParam(required = false) @Nullable String type,
            @RequestParam(required = false) @Nullable String value,
            @RequestParam(required = false) @Nullable String source,
            @RequestParam(defaultValue = "false") boolean providerWide,
            @RequestParam(defaultValue = "false") boolean includeExpired,
            @RequestParam(defaultValue = "100") int limit,
            @RequestParam(defaultValue = "0") int offset) {
        return intel
                .search(actor, query(null, providerWide, type, value, source, includeExpired, limit, offset))
                .stream()
                .map(IocView::of)
                .toList();
    }

    /** A tenant's own IoCs. */
    @GetMapping("/api/tenants/{tenantId}/iocs")
    List<IocView> tenantIocs(
            Actor actor,
            @PathVariable String tenantId,
            @RequestParam(required = false) @Nullable String type,
            @RequestParam(required = false) @Nullable String value,
            @RequestParam(defaultValue = "false") boolean includeExpired,
            @RequestParam(defaultValue = "100") int limit,
            @RequestParam(defaultValue = "0") int offset) {
        TenantId id = visibleTenant(actor, tenantId);
        return intel.search(actor, query(id, false, type, value, null, includeExpired, limit, offset)).stream()
                .map(IocView::of)
                .toList();
    }

    /**
     * Adds an IoC of the tenant: {@code {"type": "domain", "value": "evil.example", "confidence": 80,
     * "tags": ["c2"], "tlp": "amber", "expiresAt": "2027-01-01T00:00:00Z", "description": "…"}}.
     */
    @PostMapping("/api/tenants/{tenantId}/iocs")
    ResponseEntity<IocView> add(
            Actor actor,
            @PathVariable String tenantId,
            @RequestBody(required = false) @Nullable String body,
            HttpServletRequest request) {
        TenantId id = visibleTenant(actor, tenantId);
        Indicator indicator = indicator(body);
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(IocView.of(intel.add(actor, id, indicator, request.getRemoteAddr())));
    }

    @DeleteMapping("/api/tenants/{tenantId}/iocs/{iocId}")
    ResponseEntity<Void> delete(
            Actor actor, @PathVariable String tenantId, @PathVariable String iocId, HttpServletRequest request) {
        TenantId id = visibleTenant(actor, tenantId);
        intel.delete(actor, id, iocId(iocId), request.getRemoteAddr());
        return ResponseEntity.noContent().build();
    }

    /** Deletes a provider-wide IoC (provider admins). */
    @DeleteMapping("/api/intel/iocs/{iocId}")
    ResponseEntity<Void> deleteProviderWide(Actor actor, @PathVariable String iocId, HttpServletRequest request) {
        intel.delete(actor, null, iocId(iocId), request.getRemoteAddr());
        return ResponseEntity.noContent().build();
    }

    /** Uploads a file of IoCs for the tenant: the raw body, {@code ?format=stix|misp_event|urlhaus|…}. */
    @PostMapping("/api/tenants/{tenantId}/iocs/import")
    ResponseEntity<?> upload(
            Actor actor,
            @PathVariable String tenantId,
            @RequestParam(required = false) @Nullable String format,
            @RequestParam(defaultValue = "upload") String name,
            HttpServletRequest request)
            throws IOException {
        TenantId id = visibleTenant(actor, tenantId);
        return importBody(actor, id, format, name, request);
    }

    /** Uploads a file of provider-wide IoCs (provider admins). */
    @PostMapping("/api/intel/iocs/import")
    ResponseEntity<?> uploadProviderWide(
            Actor actor,
            @RequestParam(required = false) @Nullable String format,
            @RequestParam(defaultValue = "upload") String name,
            HttpServletRequest request)
            throws IOException {
        actor.requireProviderAdmin();
        return importBody(actor, null, format, name, request);
    }

    private ResponseEntity<?> importBody(
            Actor actor, @Nullable TenantId tenant, @Nullable String format, String name, HttpServletRequest request)
            throws IOException {
        FeedKind kind = parse("format", format, FeedKind::parse);
        long max = intel.properties().maxUploadSize().toBytes();
        if (request.getContentLengthLong() > max) {
            return tooLarge(max);
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 16, max + 1));
        }
        if (body.length > max) {
            return tooLarge(max);
        }
        return ResponseEntity.ok(intel.upload(actor, tenant, kind, body, name, request.getRemoteAddr()));
    }

    private static ResponseEntity<?> tooLarge(long max) {
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
                .body(Problems.of(
                        413,
                        "The file is larger than " + max + " bytes (vigil.intel.max-upload-size); split it or ask"
                                + " the provider to raise the limit."));
    }

    @GetMapping("/api/intel/feeds")
    List<FeedView> feeds(Actor actor) {
        return intel.feeds(actor).stream().map(FeedView::of).toList();
    }

    /**
     * Adds a feed (provider admins): {@code {"name": "URLhaus", "kind": "urlhaus", "location":
     * "https://…", "collection": null, "intervalMinutes": 60, "confidence": 70, "ttlDays": 30,
     * "tlp": "clear"}}.
     */
    @PostMapping("/api/intel/feeds")
    ResponseEntity<FeedView> createFeed(
            Actor actor, @RequestBody(required = false) @Nullable String body, HttpServletRequest request) {
        actor.requireProviderAdmin();
        JsonNode root = object(body);
        List<ValidationException.Problem> problems = new ArrayList<>();
        String name = text(root, "name", problems);
        String kind = text(root, "kind", problems);
        String location = text(root, "location", problems);
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        Feed feed = intel.createFeed(
                actor,
                name,
                parse("kind", kind, FeedKind::parse),
                location,
                root.path("collection").isString() ? root.path("collection").asString() : null,
                Duration.ofMinutes(root.path("intervalMinutes").asLong(60)),
                root.path("confidence").asInt(50),
                Duration.ofDays(root.path("ttlDays").asLong(30)),
                parse("tlp", root.path("tlp").asString("clear"), Tlp::parse),
                request.getRemoteAddr());
        return ResponseEntity.status(HttpStatus.CREATED).body(FeedView.of(feed));
    }

    @GetMapping("/api/intel/feeds/{feedId}/runs")
    List<FeedRun> runs(Actor actor, @PathVariable String feedId, @RequestParam(defaultValue = "20") int limit) {
        return intel.runs(actor, feedId, limit);
    }

    /** Refreshes a feed now (provider admins) and answers with the run. */
    @PostMapping("/api/intel/feeds/{feedId}/refresh")
    FeedRun refresh(Actor actor, @PathVariable String feedId, HttpServletRequest request) {
        return intel.refresh(actor, feedId, request.getRemoteAddr());
    }

    @DeleteMapping("/api/intel/feeds/{feedId}")
    ResponseEntity<Void> deleteFeed(Actor actor, @PathVariable String feedId, HttpServletRequest request) {
        intel.deleteFeed(actor, feedId, request.getRemoteAddr());
        return ResponseEntity.noContent().build();
    }

    // ---- helpers

    private TenantId visibleTenant(Actor actor, String tenantId) {
        TenantId id = TenantId.parse(tenantId);
        tenants.get(actor, id);
        return id;
    }

    private static long iocId(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new ValidationException("iocId", "An IoC id is a number, not '" + clip(s) + "'.");
        }
    }

    private static IocQuery query(
            @Nullable TenantId tenant,
            boolean providerWide,
            @Nullable String type,
            @Nullable String value,
            @Nullable String source,
            boolean includeExpired,
            int limit,
            int offset) {
        if (limit < 1 || limit > IocQuery.MAX_LIMIT || offset < 0) {
            throw new ValidationException(
                    "limit", "limit must be 1-" + IocQuery.MAX_LIMIT + " and offset not negative.");
        }
        IocType t = type == null ? null : parse("type", type, IocType::parse);
        return new IocQuery(tenant, providerWide, t, value, source, includeExpired, limit, offset);
    }

    private Indicator indicator(@Nullable String body) {
        JsonNode root = object(body);
        List<ValidationException.Problem> problems = new ArrayList<>();
        String type = text(root, "type", problems);
        String value = text(root, "value", problems);
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        List<String> tags = new ArrayList<>();
        root.path("tags").forEach(t -> {
            if (t.isString() && !t.asString().isBlank()) {
                tags.add(clip(t.asString().replace('\n', ' ')));
            }
        });
        Indicator indicator;
        try {
            indicator = Indicator.of(
                    IocType.parse(type),
                    value,
                    tags,
                    clip(root.path("description").asString("")));
        } catch (IllegalArgumentException e) {
            throw new ValidationException("value", message(e));
        }
        JsonNode confidence = root.path("confidence");
        if (!confidence.isMissingNode() && !confidence.isNull()) {
            if (!confidence.isInt() || confidence.intValue() < 0 || confidence.intValue() > 100) {
                throw new ValidationException("confidence", "Must be a whole number 0-100.");
            }
            indicator = indicator.withConfidence(confidence.intValue());
        }
        if (root.path("tlp").isString()) {
            indicator = indicator.withTlp(parse("tlp", root.path("tlp").asString(), Tlp::parse));
        }
        if (root.path("expiresAt").isString()) {
            try {
                indicator = indicator.withValidUntil(
                        Instant.parse(root.path("expiresAt").asString()));
            } catch (DateTimeParseException e) {
                throw new ValidationException("expiresAt", "Not an ISO-8601 time; use e.g. 2027-01-01T00:00:00Z.");
            }
        }
        return indicator;
    }

    private JsonNode object(@Nullable String body) {
        JsonNode root;
        try {
            root = body == null || body.isBlank() ? null : json.readTree(body);
        } catch (JacksonException e) {
            throw new ValidationException("body", "Not valid JSON (" + e.getOriginalMessage() + ").");
        }
        if (root == null || !root.isObject()) {
            throw new ValidationException("body", "Send a JSON object.");
        }
        return root;
    }

    private static String text(JsonNode root, String name, List<ValidationException.Problem> problems) {
        JsonNode n = root.path(name);
        if (!n.isString() || n.asString().isBlank()) {
            problems.add(new ValidationException.Problem(name, "Required: a non-empty string."));
            return "";
        }
        return n.asString();
    }

    private static <T> T parse(String field, @Nullable String value, java.util.function.Function<String, T> parser) {
        if (value == null || value.isBlank()) {
            throw new ValidationException(field, "Required.");
        }
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException e) {
            throw new ValidationException(field, message(e));
        }
    }

    private static String message(IllegalArgumentException e) {
        return java.util.Objects.requireNonNullElse(e.getMessage(), "invalid");
    }

    private static String clip(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "…";
    }
}
