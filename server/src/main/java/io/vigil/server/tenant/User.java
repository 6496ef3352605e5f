package io.vigil.server.tenant;

import io.vigil.server.platform.Actor;
import io.vigil.server.platform.Role;
import io.vigil.server.platform.TenantId;
import java.time.Instant;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * A person's account (without the password hash, which never leaves {@link UserRepository}).
 *
 * @param tenant home tenant of a customer account; {@code null} for provider accounts
 * @param assignedTenants the tenants a SOC analyst works on (empty for other roles)
 * @param lockedUntil set while the account is locked after repeated failed sign-ins
 */
public record User(
        UserId id,
        String username,
        String displayName,
        Role role,
        @Nullable TenantId tenant,
        SortedSet<TenantId> assignedTenants,
        boolean enabled,
        boolean mustChangePassword,
        int failedLogins,
        @Nullable Instant lockedUntil,
        @Nullable Instant lastLoginAt,
        Instant createdAt) {

    public User {
        if (role.providerSide() != (tenant == null)) {
            throw new IllegalArgumentException(
                    "role " + role + (tenant == null ? " needs a tenant" : " has no tenant"));
        }
        assignedTenants = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(assignedTenants));
    }

    /** The actor this account acts as in a request. */
    public Actor asActor() {
        return new Actor(
                Actor.Kind.USER, id.value(), username, role, tenant, Actor.scopeFor(role, tenant, assignedTenants));
    }

    /** Whether the account is locked at {@code now}. */
    public boolean lockedAt(Instant now) {
        return lockedUntil != null && lockedUntil.isAfter(now);
    }

    /** The tenant this account belongs to, for scoping checks: home tenant or none. */
    public Set<TenantId> ownerTenants() {
        return tenant == null ? Set.of() : Set.of(tenant);
    }
}
