package io.vigil.server.api;

import io.swagger.v3.oas.annotations.tags.Tag;
import io.vigil.server.platform.Actor;
import io.vigil.server.platform.TenantId;
import io.vigil.server.platform.ValidationException;
import io.vigil.server.tenant.Tenant;
import io.vigil.server.tenant.TenantService;
import io.vigil.server.tenant.User;
import io.vigil.server.tenant.UserService;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Native API: who am I, the tenants I can see, and their accounts. */
@Tag(name = "tenants")
@RestController
class TenantApiController {

    /** The caller. */
    record Me(
            String kind,
            String id,
            String name,
            String role,
            @Nullable String tenantId,
            List<String> tenantIds) {}

    /** A tenant. */
    record TenantView(String id, String name, String description, Instant createdAt, int telemetryRetentionDays) {
        static TenantView of(Tenant t) {
            return new TenantView(t.id().value(), t.name(), t.description(), t.createdAt(), t.telemetryRetentionDays());
        }
    }

    /** An account, without secrets. */
    record UserView(
            String id,
            String username,
            String displayName,
            String role,
            boolean enabled,
            boolean locked,
            @Nullable Instant lastLoginAt) {
        static UserView of(User u, Instant now) {
            return new UserView(
                    u.id().value(),
                    u.username(),
                    u.displayName(),
                    u.role().name(),
                    u.enabled(),
                    u.lockedAt(now),
                    u.lastLoginAt());
        }
    }

    private final TenantService tenants;
    private final UserService users;
    private final java.time.Clock clock;
    private final JsonMapper json;

    TenantApiController(TenantService tenants, UserService users, java.time.Clock clock, JsonMapper json) {
        this.tenants = tenants;
        this.users = users;
        this.clock = clock;
        this.json = json;
    }

    @GetMapping("/api/me")
    Me me(Actor actor) {
        List<String> visible =
                tenants.visible(actor).stream().map(t -> t.id().value()).toList();
        return new Me(
                actor.kind().name(),
                actor.id(),
                actor.name(),
                actor.role().name(),
                actor.tenant() == null ? null : actor.tenant().value(),
                visible);
    }

    @GetMapping("/api/tenants")
    List<TenantView> tenants(Actor actor) {
        return tenants.visible(actor).stream().map(TenantView::of).toList();
    }

    @GetMapping("/api/tenants/{tenantId}")
    TenantView tenant(Actor actor, @PathVariable String tenantId) {
        return TenantView.of(tenants.get(actor, TenantId.parse(tenantId)));
    }

    /** Changes a tenant's settings (provider admins): {@code {"telemetryRetentionDays": 30}}. */
    @PatchMapping("/api/tenants/{tenantId}")
    TenantView updateTenant(
            Actor actor,
            @PathVariable String tenantId,
            @RequestBody(required = false) @Nullable String body,
            HttpServletRequest request) {
        TenantId id = TenantId.parse(tenantId);
        Tenant tenant = tenants.get(actor, id);
        actor.requireProviderAdmin();
        JsonNode root;
        try {
            root = body == null || body.isBlank() ? null : json.readTree(body);
        } catch (JacksonException e) {
            throw new ValidationException("body", "Not valid JSON (" + e.getOriginalMessage() + ").");
        }
        if (root == null || !root.isObject()) {
            throw new ValidationException("body", "Send a JSON object such as {\"telemetryRetentionDays\": 30}.");
        }
        for (String name : root.propertyNames()) {
            if (!name.equals("telemetryRetentionDays")) {
                throw new ValidationException(
                        name.length() <= 40 ? name : name.substring(0, 40) + "…",
                        "Unknown or read-only property; this endpoint changes telemetryRetentionDays.");
            }
        }
        JsonNode days = root.get("telemetryRetentionDays");
        if (days != null) {
            if (!days.isInt()) {
                throw new ValidationException(
                        "telemetryRetentionDays",
                        "Must be a whole number of days between " + Tenant.MIN_RETENTION_DAYS + " and "
                                + Tenant.MAX_RETENTION_DAYS + ".");
            }
            tenant = tenants.setRetention(actor, id, days.intValue(), request.getRemoteAddr());
        }
        return TenantView.of(tenant);
    }

    @GetMapping("/api/tenants/{tenantId}/users")
    List<UserView> users(Actor actor, @PathVariable String tenantId) {
        TenantId id = TenantId.parse(tenantId);
        tenants.get(actor, id);
        actor.requireAdministers(id);
        Instant now = clock.instant();
        return users.ofTenant(actor, id).stream().map(u -> UserView.of(u, now)).toList();
    }
}
