package io.vigil.server.api;

import io.vigil.server.platform.Actor;
import io.vigil.server.platform.TenantId;
import io.vigil.server.tenant.Tenant;
import io.vigil.server.tenant.TenantService;
import io.vigil.server.tenant.User;
import io.vigil.server.tenant.UserService;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Native API: who am I, the tenants I can see, and their accounts. */
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
    record TenantView(String id, String name, String description, Instant createdAt) {
        static TenantView of(Tenant t) {
            return new TenantView(t.id().value(), t.name(), t.description(), t.createdAt());
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

    TenantApiController(TenantService tenants, UserService users, java.time.Clock clock) {
        this.tenants = tenants;
        this.users = users;
        this.clock = clock;
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

    @GetMapping("/api/tenants/{tenantId}/users")
    List<UserView> users(Actor actor, @PathVariable String tenantId) {
        TenantId id = TenantId.parse(tenantId);
        tenants.get(actor, id);
        actor.requireAdministers(id);
        Instant now = clock.instant();
        return users.ofTenant(actor, id).stream().map(u -> UserView.of(u, now)).toList();
    }
}
