package io.vigil.server.tenant;

import io.vigil.server.platform.ScopedSql;
import io.vigil.server.platform.TenantId;
import io.vigil.server.platform.TenantScope;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Tenants in the state database. Reads are limited to a {@link TenantScope}. */
@Repository
public class TenantRepository {

    private final JdbcClient jdbc;

    TenantRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    static String key(String name) {
        return name.trim().toLowerCase(Locale.ROOT);
    }

    void insert(TenantScope scope, Tenant t) {
        ScopedSql.requireWritable(scope, null);
        jdbc.sql("INSERT INTO tenants (id, name, name_key, description, created_at) VALUES (?, ?, ?, ?, ?)")
                .params(
                        t.id().value(),
                        t.name(),
                        key(t.name()),
                        t.description(),
                        t.createdAt().toEpochMilli())
                .update();
    }

    void update(TenantScope scope, Tenant t) {
        requireIn(scope, t.id());
        jdbc.sql("UPDATE tenants SET name = ?, name_key = ?, description = ? WHERE id = ?")
                .params(t.name(), key(t.name()), t.description(), t.id().value())
                .update();
    }

    void updateRetention(TenantScope scope, TenantId id, int days) {
        requireIn(scope, id);
        jdbc.sql("UPDATE tenants SET telemetry_retention_days = ? WHERE id = ?")
                .params(days, id.value())
                .update();
    }

    /** The tenant, if it exists and is in scope. */
    public Optional<Tenant> find(TenantScope scope, TenantId id) {
        if (!scope.includes(id)) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT * FROM tenants WHERE id = ?")
                .param(id.value())
                .query(TenantRepository::map)
                .optional();
    }

    /** The tenants in scope, by name. */
    public List<Tenant> list(TenantScope scope) {
        String sql = "SELECT * FROM tenants WHERE " + ScopedSql.condition(scope, "id") + " ORDER BY name_key";
        return ScopedSql.bind(jdbc.sql(sql), scope).query(TenantRepository::map).list();
    }

    private static void requireIn(TenantScope scope, TenantId id) {
        if (!scope.includes(id)) {
            throw new IllegalArgumentException("tenant " + id + " is outside the caller's scope");
        }
    }

    private static Tenant map(ResultSet rs, int row) throws SQLException {
        return new Tenant(
                new TenantId(rs.getString("id")),
                rs.getString("name"),
                rs.getString("description"),
                Instant.ofEpochMilli(rs.getLong("created_at")),
                rs.getInt("telemetry_retention_days"));
    }
}
