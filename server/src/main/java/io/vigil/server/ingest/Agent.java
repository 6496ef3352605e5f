package io.vigil.server.ingest;

import io.vigil.server.platform.TenantId;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * An enrolled Vigil agent. Its events belong to its tenant and to the asset named by its host name.
 *
 * @param id agent id, 16 hex digits
 * @param tenant its tenant
 * @param hostName the host it runs on (the asset id of its events)
 * @param os operating system family (windows, linux, macos)
 * @param osVersion operating system version
 * @param agentVersion agent version
 * @param enrolledWith the enrollment key used
 * @param enrolledAt when
 * @param lastSeenAt last batch (updated at most once a minute)
 * @param revokedAt when its credentials were revoked, if they were
 */
public record Agent(
        String id,
        TenantId tenant,
        String hostName,
        String os,
        String osVersion,
        String agentVersion,
        String enrolledWith,
        Instant enrolledAt,
        @Nullable Instant lastSeenAt,
        @Nullable Instant revokedAt) {}
