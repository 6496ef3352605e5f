package io.vigil.server.api;

import io.vigil.server.platform.Role;
import io.vigil.server.platform.ScopedSql;
import io.vigil.server.platform.TenantId;
import io.vigil.server.platform.TenantScope;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * API connections and their issued refresh tokens. Connections with a tenant are visible in a
 * scope that includes it; provider-wide connections only in the provider-wide scope. {@link
 * #findForToken} is provider-wide by nature: a token names its connection before anyone is known.
 */
@Repository
class ConnectionRepository {

    private final JdbcClient jdbc;

    ConnectionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(TenantScope scope, ApiConnection c) {
        ScopedSql.requireWritable(scope, c.tenant());
        jdbc.sql("""
                INSERT INTO api_connections (client_id, name, role, tenant_id, created_by, created_at)
                VALUES (:id, :name, :role, :tenant, :by, :at)""")
                .param("id", c.clientId())
                .param("name", c.name())
                .param("role", c.role().name())
                .param("tenant", c.tenant() == null ? null : c.tenant().value())
                .param("by", c.createdBy())
                .param("at", c.createdAt().toEpochMilli())
                .update();
    }

    Optional<ApiConnection> findForToken(String clientId) {
        return jdbc.sql("SELECT * FROM api_connections WHERE client_id = ?")
                .param(clientId)
                .query(ConnectionRepository::map)
                .optional();
    }

    Optional<ApiConnection> find(TenantScope scope, String clientId) {
        String sql =
                "SELECT * FROM api_connections WHERE client_id = :id AND " + ScopedSql.condition(scope, "tenant_id");
        return ScopedSql.bind(jdbc.sql(sql).param("id", clientId), scope)
                .query(ConnectionRepository::map)
                .optional();
    }

    List<ApiConnection> list(TenantScope scope) {
        String sql = "SELECT * FROM api_connections WHERE " + ScopedSql.condition(scope, "tenant_id")
                + " ORDER BY created_at DESC";
        return ScopedSql.bind(jdbc.sql(sql), scope)
                .query(ConnectionRepository::map)
                .list();
    }

    boolean revoke(TenantScope scope, String clientId, String by, Instant at) {
        String sql = "UPDATE api_connections SET revoked_at = :at, revoked_by = :by"
                + " WHERE client_id = :id AND revoked_at IS NULL AND " + ScopedSql.condition(scope, "tenant_id");
        return ScopedSql.bind(jdbc.sql(sql), scope)
                        .param("at", at.toEpochMilli())
                        .param("by", by)
                        .param("id", clientId)
                        .update()
                == 1;
    }

    /** Token bookkeeping, keyed by the connection (provider-wide by nature, like {@link #findForToken}). */
    void insertRefreshToken(String jti, String clientId, Instant issuedAt, Instant expiresAt) {
        jdbc.sql("INSERT INTO api_refresh_tokens (jti, client_id, issued_at, expires_at) VALUES (?, ?, ?, ?)")
                .params(jti, clientId, issuedAt.toEpochMilli(), expiresAt.toEpochMilli())
                .update();
    }

    /** Token bookkeeping: marks a refresh token used; false when it is unknown, already used or expired. */
    boolean useRefreshToken(String jti, String clientId, Instant now) {
        return jdbc.sql("""
                        UPDATE api_refresh_tokens SET used_at = :now
                        WHERE jti = :jti AND client_id = :client AND used_at IS NULL AND expires_at > :now""")
                        .param("now", now.toEpochMilli())
                        .param("jti", jti)
                        .param("client", clientId)
                        .update()
                == 1;
    }

    private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(v);
    }

    private static ApiConnection map(ResultSet rs, int row) throws SQLException {
        String tenant = rs.getString("tenant_id");
        return new ApiConnection(
                rs.getString("client_id"),
                rs.getString("name"),
                Role.valueOf(rs.getString("role")),
                tenant == null ? null : new TenantId(tenant),
                rs.getString("created_by"),
                Instant.ofEpochMilli(rs.getLong("created_at")),
                instant(rs, "revoked_at"),
                rs.getString("revoked_by"));
    }
}
