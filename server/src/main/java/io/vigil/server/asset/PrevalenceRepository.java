package io.vigil.server.asset;

import io.vigil.server.platform.ScopedSql;
import io.vigil.server.platform.TenantId;
import io.vigil.server.platform.TenantScope;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Fleet prevalence in the state database: a row per value of a tenant ({@code prevalence_values}:
 * display value, fleet first/last seen) and per value and asset ({@code prevalence_sightings}). Host
 * counts are counted from the sightings at read time, so a redelivered batch (an upsert that
 * changes nothing) can never inflate them. Every read names its tenant and is limited to a scope.
 */
@Repository
class PrevalenceRepository {

    /** A value seen in a batch: its widest time span over every asset of the batch. */
    record ValueRow(TenantId tenant, PrevalenceValue value, String display, Instant firstSeen, Instant lastSeen) {}

    /** A value seen on one asset in a batch. */
    record SightingRow(
            TenantId tenant, PrevalenceKind kind, String key, String asset, Instant firstSeen, Instant lastSeen) {}

    private static final String UPSERT_VALUE = """
            INSERT INTO prevalence_values (tenant_id, kind, value_key, display, first_seen, last_seen)
            VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (tenant_id, kind, value_key) DO UPDATE SET
                first_seen = CASE WHEN excluded.first_seen < prevalence_values.first_seen
                                  THEN excluded.first_seen ELSE prevalence_values.first_seen END,
                last_seen = CASE WHEN excluded.last_seen > prevalence_values.last_seen
                                 THEN excluded.last_seen ELSE prevalence_values.last_seen END""";

    private static final String UPSERT_SIGHTING = """
            INSERT INTO prevalence_sightings (tenant_id, kind, value_key, asset_id, first_seen, last_seen)
            VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (tenant_id, kind, value_key, asset_id) DO UPDATE SET
                first_seen = CASE WHEN excluded.first_seen < prevalence_sightings.first_seen
                                  THEN excluded.first_seen ELSE prevalence_sightings.first_seen END,
                last_seen = CASE WHEN excluded.last_seen > prevalence_sightings.last_seen
                                 THEN excluded.last_seen ELSE prevalence_sightings.last_seen END""";

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    PrevalenceRepository(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    /** Writes a batch's values and sightings (two statement batches; the caller's transaction). */
    void upsert(Collection<ValueRow> values, Collection<SightingRow> sightings) {
        if (!values.isEmpty()) {
            template.batchUpdate(UPSERT_VALUE, values, values.size(), (ps, v) -> {
                ps.setString(1, v.tenant().value());
                ps.setString(2, v.value().kind().name());
                ps.setString(3, v.value().key());
                ps.setString(4, v.display());
                ps.setLong(5, v.firstSeen().toEpochMilli());
                ps.setLong(6, v.lastSeen().toEpochMilli());
            });
        }
        if (!sightings.isEmpty()) {
            template.batchUpdate(UPSERT_SIGHTING, sightings, sightings.size(), (ps, s) -> {
                ps.setString(1, s.tenant().value());
                ps.setString(2, s.kind().name());
                ps.setString(3, s.key());
                ps.setString(4, s.asset());
                ps.setLong(5, s.firstSeen().toEpochMilli());
                ps.setLong(6, s.lastSeen().toEpochMilli());
            });
        }
    }

    /** A value's prevalence in a tenant's fleet, counting assets that ran it at or after {@code since}. */
    Optional<PrevalenceCount> count(
            TenantScope scope, TenantId tenant, PrevalenceKind kind, String key, Instant since) {
        return ScopedSql.bind(
                        jdbc.sql("SELECT v.display, v.first_seen, v.last_seen, (SELECT COUNT(*) FROM"
                                        + " prevalence_sightings s WHERE s.tenant_id = v.tenant_id AND s.kind = v.kind"
                                        + " AND s.value_key = v.value_key AND s.last_seen >= :since) AS hosts"
                                        + " FROM prevalence_values v WHERE v.tenant_id = :tenant AND v.kind = :kind"
                                        + " AND v.value_key = :key AND v.last_seen >= :since AND "
                                        + ScopedSql.condition(scope, "v.tenant_id"))
                                .param("tenant", tenant.value())
                                .param("kind", kind.name())
                                .param("key", key)
                                .param("since", since.toEpochMilli()),
                        scope)
                .query((rs, n) -> new PrevalenceCount(
                        kind,
                        key,
                        rs.getString("display"),
                        rs.getLong("hosts"),
                        Instant.ofEpochMilli(rs.getLong("first_seen")),
                        Instant.ofEpochMilli(rs.getLong("last_seen"))))
                .optional();
    }

    /** The assets of a tenant that ran a value at or after {@code since}, in asset id order after {@code afterAsset}. */
    List<PrevalenceHost> hosts(
            TenantScope scope,
            TenantId tenant,
            PrevalenceKind kind,
            String key,
            Instant since,
            @Nullable String afterAsset,
            int limit) {
        return ScopedSql.bind(
                        jdbc.sql("SELECT asset_id, first_seen, last_seen FROM prevalence_sightings"
                                        + " WHERE tenant_id = :tenant AND kind = :kind AND value_key = :key"
                                        + " AND last_seen >= :since AND asset_id > :after AND "
                                        + ScopedSql.condition(scope, "tenant_id")
                                        + " ORDER BY asset_id LIMIT :limit")
                                .param("tenant", tenant.value())
                                .param("kind", kind.name())
                                .param("key", key)
                                .param("since", since.toEpochMilli())
                                .param("after", afterAsset == null ? "" : afterAsset)
                                .param("limit", limit),
                        scope)
                .query((rs, n) -> new PrevalenceHost(
                        rs.getString("asset_id"),
                        Instant.ofEpochMilli(rs.getLong("first_seen")),
                        Instant.ofEpochMilli(rs.getLong("last_seen"))))
                .list();
    }

    /**
     * Deletes, for every tenant, sightings and values last seen before {@code cutoff}. This is the
     * one provider-wide write here: ageing is the same rule for all tenants.
     *
     * @return how many sightings were deleted
     */
    int ageOutAllTenants(Instant cutoff) {
        int sightings = jdbc.sql("DELETE FROM prevalence_sightings WHERE last_seen < :cutoff")
                .param("cutoff", cutoff.toEpochMilli())
                .update();
        jdbc.sql("DELETE FROM prevalence_values WHERE last_seen < :cutoff")
                .param("cutoff", cutoff.toEpochMilli())
                .update();
        return sightings;
    }
}
