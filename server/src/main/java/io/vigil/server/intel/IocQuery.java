package io.vigil.server.intel;

import io.vigil.server.platform.TenantId;
import org.jspecify.annotations.Nullable;

/**
 * A search of the IoC store.
 *
 * @param tenant only this tenant's own IoCs; {@code null}: every IoC the caller may see
 * @param providerWideOnly only provider-wide IoCs (ignored when {@code tenant} is set)
 * @param type only this type
 * @param value a value to look for: exact after normalisation when {@code type} is set, else a substring
 * @param source only this source
 * @param includeExpired also IoCs whose expiry has passed
 * @param limit page size, 1-1000
 * @param offset rows to skip
 */
public record IocQuery(
        @Nullable TenantId tenant,
        boolean providerWideOnly,
        @Nullable IocType type,
        @Nullable String value,
        @Nullable String source,
        boolean includeExpired,
        int limit,
        int offset) {

    public static final int MAX_LIMIT = 1000;

    public IocQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1-" + MAX_LIMIT + ", not " + limit);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative");
        }
    }

    /** The first {@code limit} IoCs the caller may see. */
    public static IocQuery all(int limit) {
        return new IocQuery(null, false, null, null, null, false, limit, 0);
    }
}
