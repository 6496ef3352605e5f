package io.vigil.server.asset;

import io.vigil.server.platform.ScopedSql;
import io.vigil.server.platform.TenantId;
import io.vigil.server.platform.TenantScope;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The asset inventory in the state database; every read is limited to a tenant scope. */
@Repository
class AssetRepository {

    private static final String COLUMNS =
            "tenant_id, id, host_name, os, os_version, product, source, criticality, first_seen, last_seen";

    /**
     * Inserts or refreshes an asset from telemetry: attributes the telemetry did not name keep their
     * stored values, an agent stays an agent, first/last seen only widen, criticality is never touched.
     */
    private static final String UPSERT = """
            INSERT INTO assets (tenant_id, id, host_name, os, os_version, product, source, criticality,
                                first_seen, last_seen)
            VALUES (?, ?, ?, ?, ?, ?, ?, 'NORMAL', ?, ?)
            ON CONFLICT (tenant_id, id) DO UPDATE SET
                host_name = CASE WHEN excluded.host_name = excluded.id THEN assets.host_name
                                 ELSE excluded.host_name END,
                os = COALESCE(excluded.os, assets.os),
                os_version = COALESCE(excluded.os_version, assets.os_version),
                product = COALESCE(excluded.product, assets.product),
                source = CASE WHEN assets.source = 'AGENT' THEN 'AGENT' ELSE excluded.source END,
                first_seen = CASE WHEN excluded.first_seen < assets.first_seen
                                  THEN excluded.first_seen ELSE assets.first_seen END,
                last_seen = CASE WHEN excluded.last_seen > assets.last_seen
                                 THEN excluded.last_seen ELSE assets.last_seen END""";

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    AssetRepository(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    /** Writes what the pipeline saw of these assets (one statement batch; the caller's transaction). */
    void upsert(List<AssetSighting> sightings) {
        if (sightings.isEmpty()) {
            return;
        }
        template.batchUpdate(UPSERT, sightings, sightings.size(), (ps, s) -> {
            ps.setString(1, s.tenant().value());
            ps.setString(2, s.id());
            ps.setString(3, s.hostName() == null ? s.id() : s.hostName());
            setNullable(ps, 4, s.os());
            setNullable(ps, 5, s.osVersion());
            setNullable(ps, 6, s.product());
            ps.setString(7, s.source().name());
            ps.setLong(8, s.firstSeen().toEpochMilli());
            ps.setLong(9, s.lastSeen().toEpochMilli());
        });
    }

    private static void setNullable(java.sql.PreparedStatement ps, int i, @Nullable String v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.VARCHAR);
        } else {
            ps.setString(i, v);
        }
    }

    Optional<Asset> find(TenantScope scope, TenantId tenant, String id) {
        return ScopedSql.bind(
                        jdbc.sql("SELECT " + COLUMNS + " FROM assets WHERE tenant_id = :tenant AND id = :id AND "
                                        + ScopedSql.condition(scope, "tenant_id"))
                                .param("tenant", tenant.value())
                                .param("id", id),
                        scope)
                .query((rs, n) -> asset(rs))
                .optional();
    }

    /** One page of a tenant's assets in id order, after {@code afterId} ({@code null}: from the start). */
    List<Asset> list(TenantScope scope, TenantId tenant, @Nullable String afterId, int limit) {
        return ScopedSql.bind(
                        jdbc.sql("SELECT " + COLUMNS + " FROM assets WHERE tenant_id = :tenant AND id > :after AND "
                                        + ScopedSql.condition(scope, "tenant_id") + " ORDER BY id LIMIT :limit")
                                .param("tenant", tenant.value())
                                .param("after", afterId == null ? "" : afterId)
                                .param("limit", limit),
                        scope)
                .query((rs, n) -> asset(rs))
                .list();
    }

    /** Sets an asset's criticality; {@code false} when the tenant has no such asset in scope. */
    boolean setCriticality(TenantScope scope, TenantId tenant, String id, Criticality criticality) {
        ScopedSql.requireWritable(scope, tenant);
        return jdbc.sql("UPDATE assets SET criticality = :criticality WHERE tenant_id = :tenant AND id = :id")
                        .param("criticality", criticality.name())
                        .param("tenant", tenant.value())
                        .param("id", id)
                        .update()
                > 0;
    }

    private static Asset asset(ResultSet rs) throws SQLException {
        return new Asset(
                new TenantId(rs.getString("tenant_id")),
                rs.getString("id"),
                rs.getString("host_name"),
                rs.getString("os"),
                rs.getString("os_version"),
                rs.getString("product"),
                AssetSource.valueOf(rs.getString("source")),
                Criticality.valueOf(rs.getString("criticality")),
                Instant.ofEpochMilli(rs.getLong("first_seen")),
                Instant.ofEpochMilli(rs.getLong("last_seen")));
    }
}
