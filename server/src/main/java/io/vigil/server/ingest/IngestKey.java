package io.vigil.server.ingest;

import io.vigil.server.platform.TenantId;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A tenant's ingest key: log shippers send with a {@link Purpose#SHIPPER} key, agents enroll with an
 * {@link Purpose#ENROLLMENT} key. Only the secret's SHA-256 is kept.
 *
 * @param id public part, 16 hex digits
 * @param tenant the tenant whose telemetry it carries
 * @param name what it is for, e.g. "Winlogbeat on DC01"
 * @param purpose shipper or enrollment
 * @param createdBy who created it
 * @param createdAt when
 * @param revokedAt when it was revoked, if it was
 * @param lastUsedAt when it last authenticated a request (updated at most once a minute)
 */
public record IngestKey(
        String id,
        TenantId tenant,
        String name,
        Purpose purpose,
        String createdBy,
        Instant createdAt,
        @Nullable Instant revokedAt,
        @Nullable Instant lastUsedAt) {

    /** What a key may do. */
    public enum Purpose {
        /** Send telemetry for the hosts its events name (Winlogbeat, Elastic Agent, Vector, Fluent Bit, OTel). */
        SHIPPER,
        /** Enroll Vigil agents, each of which then gets its own credentials. */
        ENROLLMENT
    }

    public boolean revoked() {
        return revokedAt != null;
    }
}
