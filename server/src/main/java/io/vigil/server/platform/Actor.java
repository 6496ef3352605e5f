package io.vigil.server.platform;

import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Who is asking: a signed-in person or an API connection. Built fresh for every request from the
 * stored user or connection, so a role change or a revocation takes effect at once.
 *
 * @param kind a person or an API connection
 * @param id the user id or the connection's client id
 * @param name the user name or the connection's name (the author of changes made through it)
 * @param role what it may do
 * @param tenant the home tenant of a tenant role; {@code null} for provider roles
 * @param scope the tenants it may see
 */
public record Actor(
        Kind kind,
        String id,
        String name,
        Role role,
        @Nullable TenantId tenant,
        TenantScope scope) {

    /** A person or an API connection. */
    public enum Kind {
        USER,
        API_CONNECTION
    }

    public Actor {
        if (role.providerSide() != (tenant == null)) {
            throw new IllegalArgumentException(
                    "role " + role + (tenant == null ? " needs a home tenant" : " cannot have a home tenant"));
        }
        if (role != Role.PROVIDER_ADMIN && kind == Kind.USER && scope instanceof TenantScope.All) {
            throw new IllegalArgumentException("only provider admins see every tenant");
        }
    }

    /** The scope a person with this role, home tenant and analyst assignments sees. */
    public static TenantScope scopeFor(Role role, @Nullable TenantId tenant, Set<TenantId> assigned) {
        return switch (role) {
            case PROVIDER_ADMIN -> TenantScope.all();
            case SOC_ANALYST -> TenantScope.only(assigned);
            case TENANT_ADMIN, TENANT_VIEWER -> {
                SortedSet<TenantId> own = new TreeSet<>();
                if (tenant != null) {
                    own.add(tenant);
                }
                yield TenantScope.only(own);
            }
        };
    }

    public boolean isProviderAdmin() {
        return role == Role.PROVIDER_ADMIN;
    }

    /** May manage users and API connections of {@code target}. */
    public boolean administers(TenantId target) {
        return switch (role) {
            case PROVIDER_ADMIN -> true;
            case TENANT_ADMIN -> target.equals(tenant);
            case SOC_ANALYST, TENANT_VIEWER -> false;
        };
    }

    /** Throws {@link NotFoundException} (not 403: ids of other tenants are not confirmed) when out of scope. */
    public void requireVisible(TenantId target) {
        if (!scope.includes(target)) {
            throw new NotFoundException("No tenant with id '" + target + "'.");
        }
    }

    /** Throws {@link ForbiddenException} unless this actor administers {@code target}. */
    public void requireAdministers(TenantId target) {
        requireVisible(target);
        if (!administers(target)) {
            throw new ForbiddenException(
                    "Your role (" + role.label() + ") cannot manage this tenant's users or API connections.");
        }
    }

    /** Throws {@link ForbiddenException} unless this actor is a provider admin. */
    public void requireProviderAdmin() {
        if (!isProviderAdmin()) {
            throw new ForbiddenException("Only a provider admin can do this; your role is " + role.label() + ".");
        }
    }
}
