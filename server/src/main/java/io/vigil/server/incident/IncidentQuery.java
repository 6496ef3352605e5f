package io.vigil.server.incident;

import io.vigil.server.platform.TenantId;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Which incidents of a tenant to list, most recently updated first.
 *
 * @param tenant the tenant
 * @param statuses only these (empty: all)
 * @param priorities only these (empty: all)
 * @param origin only this origin ({@code null}: both)
 * @param search text in the summary, or an incident number ({@code null}: no search)
 * @param from created at or after
 * @param to created before
 * @param page page number from 0
 * @param pageSize 1–{@link #MAX_PAGE_SIZE}
 */
public record IncidentQuery(
        TenantId tenant,
        List<Status> statuses,
        List<Priority> priorities,
        @Nullable Origin origin,
        @Nullable String search,
        @Nullable Instant from,
        @Nullable Instant to,
        int page,
        int pageSize) {

    /** The largest page. */
    public static final int MAX_PAGE_SIZE = 500;

    public IncidentQuery {
        statuses = List.copyOf(statuses);
        priorities = List.copyOf(priorities);
    }
}
