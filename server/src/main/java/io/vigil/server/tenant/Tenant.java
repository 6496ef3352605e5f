package io.vigil.server.tenant;

import io.vigil.server.platform.TenantId;
import java.time.Instant;

/** A customer of the provider. Every datum in Vigil belongs to exactly one tenant. */
public record Tenant(TenantId id, String name, String description, Instant createdAt) {

    public Tenant {
        if (name.isBlank()) {
            throw new IllegalArgumentException("a tenant needs a name");
        }
    }
}
