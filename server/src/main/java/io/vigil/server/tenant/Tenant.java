package io.vigil.server.tenant;

import io.vigil.server.platform.TenantId;
import java.time.Instant;

/**
 * A customer of the provider. Every datum in Vigil belongs to exactly one tenant.
 *
 * @param telemetryRetentionDays how many days of telemetry the store keeps for it ({@value
 *     #MIN_RETENTION_DAYS}–{@value #MAX_RETENTION_DAYS}, default {@value #DEFAULT_RETENTION_DAYS})
 */
public record Tenant(TenantId id, String name, String description, Instant createdAt, int telemetryRetentionDays) {

    public static final int DEFAULT_RETENTION_DAYS = 90;
    public static final int MIN_RETENTION_DAYS = 1;
    public static final int MAX_RETENTION_DAYS = 3650;

    public Tenant {
        if (name.isBlank()) {
            throw new IllegalArgumentException("a tenant needs a name");
        }
        if (telemetryRetentionDays < MIN_RETENTION_DAYS || telemetryRetentionDays > MAX_RETENTION_DAYS) {
            throw new IllegalArgumentException("retention out of range: " + telemetryRetentionDays);
        }
    }

    /** A tenant with the default telemetry retention. */
    public Tenant(TenantId id, String name, String description, Instant createdAt) {
        this(id, name, description, createdAt, DEFAULT_RETENTION_DAYS);
    }

    public Tenant withRetention(int days) {
        return new Tenant(id, name, description, createdAt, days);
    }
}
