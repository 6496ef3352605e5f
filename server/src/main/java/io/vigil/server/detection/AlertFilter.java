package io.vigil.server.detection;

import io.vigil.server.platform.TenantId;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Which alerts of a tenant to list, newest first.
 *
 * @param tenant the tenant
 * @param from detected at or after ({@code null}: no bound)
 * @param to detected before ({@code null}: no bound)
 * @param levels only these levels (empty: all)
 * @param asset only this asset ({@code null}: all)
 * @param ruleId only this rule ({@code null}: all)
 * @param limit page size
 * @param cursor where the previous page ended ({@code null}: the newest)
 */
public record AlertFilter(
        TenantId tenant,
        @Nullable Instant from,
        @Nullable Instant to,
        List<String> levels,
        @Nullable String asset,
        @Nullable String ruleId,
        int limit,
        @Nullable String cursor) {
    public AlertFilter {
        levels = List.copyOf(levels);
    }
}
