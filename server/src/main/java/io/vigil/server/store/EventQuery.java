package io.vigil.server.store;

import io.vigil.server.platform.TenantId;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A hunting query over one tenant's events. The store validates it against its limits ({@link
 * StoreProperties}) before it runs.
 *
 * @param tenant the one tenant searched
 * @param from start of the event-time range (inclusive)
 * @param to end of the event-time range (exclusive)
 * @param assets only these assets (empty: all)
 * @param where field conditions, all of which must hold
 * @param text free text, a case-insensitive substring of command line, image, parent image, target
 *     file or registry key, DNS query name or user name ({@code null}: none)
 * @param categories only these Sigma categories (empty: all)
 * @param channels only these Windows channels or Linux sources (empty: all)
 * @param eventCodes only these Windows event ids (empty: all)
 * @param limit page size
 * @param cursor where the previous page ended ({@code null}: the newest events)
 */
public record EventQuery(
        TenantId tenant,
        Instant from,
        Instant to,
        List<String> assets,
        List<FieldPredicate> where,
        @Nullable String text,
        List<String> categories,
        List<String> channels,
        List<Integer> eventCodes,
        int limit,
        @Nullable String cursor) {

    public EventQuery {
        assets = List.copyOf(assets);
        where = List.copyOf(where);
        categories = List.copyOf(categories);
        channels = List.copyOf(channels);
        eventCodes = List.copyOf(eventCodes);
        if (text != null && text.isBlank()) {
            text = null;
        }
    }

    /** A query for the newest events of a tenant in a range, without conditions. */
    public static EventQuery range(TenantId tenant, Instant from, Instant to, int limit) {
        return new EventQuery(
                tenant, from, to, List.of(), List.of(), null, List.of(), List.of(), List.of(), limit, null);
    }

    public EventQuery withCursor(@Nullable String next) {
        return new EventQuery(tenant, from, to, assets, where, text, categories, channels, eventCodes, limit, next);
    }
}
