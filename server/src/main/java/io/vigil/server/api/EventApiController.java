package io.vigil.server.api;

import io.swagger.v3.oas.annotations.tags.Tag;
import io.vigil.server.platform.Actor;
import io.vigil.server.platform.TenantId;
import io.vigil.server.platform.ValidationException;
import io.vigil.server.store.EventPage;
import io.vigil.server.store.EventQuery;
import io.vigil.server.store.FieldPredicate;
import io.vigil.server.store.ProcessTree;
import io.vigil.server.store.StoredEvent;
import io.vigil.server.store.TelemetryStore;
import io.vigil.server.tenant.TenantService;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
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
 * Native hunting API over the telemetry store: search a tenant's events, fetch one with its raw
 * record, and rebuild a process tree. The tenant is checked before the body is read, so a caller
 * learns nothing about tenants it cannot see.
 */
@Tag(name = "telemetry")
@RestController
class EventApiController {

    private static final int DEFAULT_LIMIT = 100;
    private static final Set<String> SEARCH_PROPERTIES = Set.of(
            "from", "to", "assets", "where", "text", "categories", "channels", "windowsEventIds", "limit", "cursor");

    private final TenantService tenants;
    private final TelemetryStore store;
    private final JsonMapper json;

    EventApiController(TenantService tenants, TelemetryStore store, JsonMapper json) {
        this.tenants = tenants;
        this.store = store;
        this.json = json;
    }

    @PostMapping("/api/tenants/{tenantId}/events/search")
    EventPage search(Actor actor, @PathVariable String tenantId, @RequestBody(required = false) @Nullable String body) {
        TenantId id = TenantId.parse(tenantId);
        tenants.get(actor, id);
        return store.search(actor, query(id, body));
    }

    @GetMapping("/api/tenants/{tenantId}/events/{eventId}")
    StoredEvent event(Actor actor, @PathVariable String tenantId, @PathVariable String eventId) {
        TenantId id = TenantId.parse(tenantId);
        tenants.get(actor, id);
        return store.find(actor, id, eventId);
    }

    @GetMapping("/api/tenants/{tenantId}/process-tree")
    ProcessTree processTree(
            Actor actor,
            @PathVariable String tenantId,
            @RequestParam(required = false) @Nullable String asset,
            @RequestParam(required = false) @Nullable String process) {
        TenantId id = TenantId.parse(tenantId);
        tenants.get(actor, id);
        List<ValidationException.Problem> problems = new ArrayList<>();
        if (asset == null || asset.isBlank()) {
            problems.add(new ValidationException.Problem("asset", "Name the asset: ?asset=<asset id>."));
        }
        if (process == null || process.isBlank()) {
            problems.add(new ValidationException.Problem(
                    "process", "Name the process: ?process=<ProcessGuid or process key>."));
        }
        if (asset == null || process == null || !problems.isEmpty()) {
            throw new ValidationException(problems);
        }
        return store.processTree(actor, id, asset, process);
    }

    private EventQuery query(TenantId tenant, @Nullable String body) {
        JsonNode root;
        try {
            root = body == null || body.isBlank() ? null : json.readTree(body);
        } catch (JacksonException e) {
            throw new ValidationException(
                    "body", "Not valid JSON (" + e.getOriginalMessage() + "); send a JSON object.");
        }
        if (root == null || !root.isObject()) {
            throw new ValidationException("body", "Send a JSON object with at least 'from' and 'to'.");
        }
        List<ValidationException.Problem> problems = new ArrayList<>();
        for (String name : root.propertyNames()) {
            if (!SEARCH_PROPERTIES.contains(name)) {
                problems.add(new ValidationException.Problem(
                        clip(name),
                        "Unknown property; use " + String.join(", ", new java.util.TreeSet<>(SEARCH_PROPERTIES))
                                + "."));
            }
        }
        Instant from = instant(root, "from", problems);
        Instant to = instant(root, "to", problems);
        List<String> assets = strings(root, "assets", problems);
        List<String> categories = strings(root, "categories", problems);
        List<String> channels = strings(root, "channels", problems);
        List<Integer> codes = list(root, "windowsEventIds", problems, n -> n.isInt() ? n.intValue() : null, "integers");
        List<FieldPredicate> where = predicates(root, problems);
        String text = optionalString(root, "text", problems);
        String cursor = optionalString(root, "cursor", problems);
        int limit = DEFAULT_LIMIT;
        JsonNode l = root.get("limit");
        if (l != null && !l.isNull()) {
            if (l.isInt()) {
                limit = l.intValue();
            } else {
                problems.add(new ValidationException.Problem(
                        "limit",
                        "Must be a whole number between 1 and "
                                + store.properties().maxPageSize() + "."));
            }
        }
        if (!problems.isEmpty() || from == null || to == null) {
            throw new ValidationException(problems);
        }
        return new EventQuery(tenant, from, to, assets, where, text, categories, channels, codes, limit, cursor);
    }

    private static @Nullable Instant instant(JsonNode root, String name, List<ValidationException.Problem> problems) {
        JsonNode n = root.get(name);
        if (n == null || n.isNull()) {
            problems.add(
                    new ValidationException.Problem(name, "Required: an ISO-8601 time such as 2026-11-27T00:00:00Z."));
            return null;
        }
        try {
            if (n.isString()) {
                return Instant.parse(n.asString());
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        problems.add(new ValidationException.Problem(
                name, "Not an ISO-8601 time ('" + clip(n.toString()) + "'); use e.g. 2026-11-27T00:00:00Z."));
        return null;
    }

    private static @Nullable String optionalString(
            JsonNode root, String name, List<ValidationException.Problem> problems) {
        JsonNode n = root.get(name);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isString()) {
            problems.add(new ValidationException.Problem(name, "Must be a string."));
            return null;
        }
        return n.asString();
    }

    private static List<String> strings(JsonNode root, String name, List<ValidationException.Problem> problems) {
        return list(
                root,
                name,
                problems,
                n -> n.isString() && !n.asString().isBlank() ? n.asString() : null,
                "non-empty strings");
    }

    private static <T> List<T> list(
            JsonNode root,
            String name,
            List<ValidationException.Problem> problems,
            Function<JsonNode, @Nullable T> item,
            String what) {
        JsonNode n = root.get(name);
        if (n == null || n.isNull()) {
            return List.of();
        }
        if (!n.isArray()) {
            problems.add(new ValidationException.Problem(name, "Must be an array of " + what + "."));
            return List.of();
        }
        List<T> values = new ArrayList<>();
        for (int i = 0; i < n.size(); i++) {
            T v = item.apply(n.get(i));
            if (v == null) {
                problems.add(new ValidationException.Problem(name + "[" + i + "]", "Must be one of " + what + "."));
            } else {
                values.add(v);
            }
        }
        return values;
    }

    private static List<FieldPredicate> predicates(JsonNode root, List<ValidationException.Problem> problems) {
        JsonNode where = root.get("where");
        if (where == null || where.isNull()) {
            return List.of();
        }
        if (!where.isArray()) {
            problems.add(new ValidationException.Problem(
                    "where", "Must be an array of {\"field\": …, \"op\": …, \"value\": …}."));
            return List.of();
        }
        List<FieldPredicate> predicates = new ArrayList<>();
        for (int i = 0; i < where.size(); i++) {
            String at = "where[" + i + "]";
            JsonNode p = where.get(i);
            JsonNode field = p.get("field");
            JsonNode op = p.get("op");
            JsonNode value = p.get("value");
            if (!p.isObject() || field == null || !field.isString() || op == null || !op.isString()) {
                problems.add(new ValidationException.Problem(
                        at, "Must be an object with string 'field' and 'op' (and 'value' unless op is exists)."));
                continue;
            }
            if (value != null && !value.isNull() && !value.isString()) {
                problems.add(new ValidationException.Problem(at + ".value", "Must be a string."));
                continue;
            }
            try {
                predicates.add(new FieldPredicate(
                        field.asString(),
                        FieldPredicate.Op.parse(op.asString(), at + ".op"),
                        value == null || value.isNull() ? null : value.asString()));
            } catch (ValidationException e) {
                for (ValidationException.Problem problem : e.problems()) {
                    String f = problem.field();
                    problems.add(new ValidationException.Problem(
                            f.startsWith("where.") ? at + f.substring("where".length()) : f, problem.message()));
                }
            }
        }
        return predicates;
    }

    private static String clip(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }
}
