package io.vigil.server.platform;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Turns a {@link TenantScope} into a SQL condition, so that every repository limits its reads and
 * writes the same way. Use {@link #condition} in the statement and {@link #bind} on it.
 */
public final class ScopedSql {

    private static final String PARAM = "scope_tenants";

    private ScopedSql() {}

    /**
     * {@code column IN (...)} for a limited scope, {@code 1 = 1} for all tenants, {@code 1 = 0} for
     * none. Rows whose tenant column is NULL (provider-wide rows) match only the provider-wide scope.
     */
    public static String condition(TenantScope scope, String column) {
        return switch (scope) {
            case TenantScope.All all -> "1 = 1";
            case TenantScope.Only only -> only.tenants().isEmpty() ? "1 = 0" : column + " IN (:" + PARAM + ")";
        };
    }

    /**
     * Guards a write of a row that belongs to {@code tenant} ({@code null}: a provider-wide row): it
     * must lie inside {@code scope}. Services check roles first; this is the repository's own line.
     */
    public static void requireWritable(TenantScope scope, @Nullable TenantId tenant) {
        boolean ok = tenant == null ? scope instanceof TenantScope.All : scope.includes(tenant);
        if (!ok) {
            throw new IllegalArgumentException("a write for tenant " + (tenant == null ? "(provider-wide)" : tenant)
                    + " is outside the caller's scope");
        }
    }

    /** Binds the parameter that {@link #condition} refers to, if any. */
    public static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec, TenantScope scope) {
        return switch (scope) {
            case TenantScope.All all -> spec;
            case TenantScope.Only only ->
                only.tenants().isEmpty()
                        ? spec
                        : spec.param(
                                PARAM,
                                only.tenants().stream().map(TenantId::value).toList());
        };
    }
}
