package io.vigil.server.api;

import io.vigil.server.platform.Actor;
import io.vigil.server.platform.Role;
import io.vigil.server.platform.TenantId;
import io.vigil.server.platform.TenantScope;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * An API connection: the identity an integration (SOAR, SIEM, ticketing) acts as.
 *
 * @param clientId public identifier, part of every MDR API v1 path
 * @param name shown as the author of changes made through the connection
 * @param tenant its tenant scope; {@code null} means every tenant (provider roles only)
 */
public record ApiConnection(
        String clientId,
        String name,
        Role role,
        @Nullable TenantId tenant,
        String createdBy,
        Instant createdAt,
        @Nullable Instant revokedAt,
        @Nullable String revokedBy) {

    public ApiConnection {
        if (!role.providerSide() && tenant == null) {
            throw new IllegalArgumentException("a " + role + " connection needs a tenant");
        }
    }

    public boolean revoked() {
        return revokedAt != null;
    }

    /** The actor requests made with this connection's tokens act as. */
    public Actor asActor() {
        TenantScope scope = tenant == null ? TenantScope.all() : TenantScope.of(tenant);
        return new Actor(Actor.Kind.API_CONNECTION, clientId, name, role, role.providerSide() ? null : tenant, scope);
    }
}
