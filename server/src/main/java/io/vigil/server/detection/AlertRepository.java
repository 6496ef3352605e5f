package io.vigil.server.detection;

import io.vigil.server.platform.ScopedSql;
import io.vigil.server.platform.TenantId;
import io.vigil.server.platform.TenantScope;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Alerts in the state database; every read is limited to a tenant scope. */
@Repository
class AlertRepository {

    private static final String COLUMNS = "id, tenant_id, alert_key, technology, rule_id, rule_title, level, tactics,"
            + " techniques, asset, event_id, event_time, detected_at, evidence, enrichment";
    private static final TypeReference<List<AlertEvidence>> EVIDENCE = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final JsonMapper json;

    AlertRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * Stores an alert unless the tenant already has one with its key.
     *
     * @return whether it was new
     */
    boolean insertIfAbsent(Alert a) {
        return jdbc.sql("INSERT INTO alerts (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                                + " ON CONFLICT (tenant_id, alert_key) DO NOTHING")
                        .params(Arrays.<@Nullable Object>asList(
                                a.id(),
                                a.tenant().value(),
                                a.key(),
                                a.technology().name(),
                                a.ruleId(),
                                a.ruleTitle(),
                                a.level(),
                                String.join(",", a.tactics()),
                                String.join(",", a.techniques()),
                                a.asset(),
                                a.eventId(),
                                a.eventTime().toEpochMilli(),
                                a.detectedAt().toEpochMilli(),
                                json.writeValueAsString(a.evidence()),
                                a.enrichment() == null ? null : json.writeValueAsString(a.enrichment())))
                        .update()
                > 0;
    }

    Optional<Alert> find(TenantScope scope, TenantId tenant, String id) {
        return ScopedSql.bind(
                        jdbc.sql("SELECT " + COLUMNS + " FROM alerts WHERE tenant_id = :tenant AND id = :id AND "
                                        + ScopedSql.condition(scope, "tenant_id"))
                                .param("tenant", tenant.value())
                                .param("id", id),
                        scope)
                .query((rs, n) -> alert(rs))
                .optional();
    }

    /** One page, newest first; {@code after} is the (detected_at, id) the previous page ended with. */
    List<Alert> list(TenantScope scope, AlertFilter f, @Nullable Instant afterTime, @Nullable String afterId) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM alerts WHERE tenant_id = :tenant AND "
                + ScopedSql.condition(scope, "tenant_id"));
        List<Object[]> params = new ArrayList<>();
        params.add(new Object[] {"tenant", f.tenant().value()});
        if (f.from() != null) {
            sql.append(" AND detected_at >= :from");
            params.add(new Object[] {"from", f.from().toEpochMilli()});
        }
        if (f.to() != null) {
            sql.append(" AND detected_at < :to");
            params.add(new Object[] {"to", f.to().toEpochMilli()});
        }
        if (!f.levels().isEmpty()) {
            sql.append(" AND level IN (:levels)");
            params.add(new Object[] {"levels", f.levels()});
        }
        if (f.asset() != null) {
            sql.append(" AND asset = :asset");
            params.add(new Object[] {"asset", f.asset()});
        }
        if (f.ruleId() != null) {
            sql.append(" AND rule_id = :rule");
            params.add(new Object[] {"rule", f.ruleId()});
        }
        if (afterTime != null && afterId != null) {
            sql.append(" AND (detected_at < :afterTime OR (detected_at = :afterTime AND id < :afterId))");
            params.add(new Object[] {"afterTime", afterTime.toEpochMilli()});
            params.add(new Object[] {"afterId", afterId});
        }
        sql.append(" ORDER BY detected_at DESC, id DESC LIMIT :limit");
        params.add(new Object[] {"limit", f.limit()});
        JdbcClient.StatementSpec spec = jdbc.sql(sql.toString());
        for (Object[] p : params) {
            spec = spec.param((String) p[0], p[1]);
        }
        return ScopedSql.bind(spec, scope).query((rs, n) -> alert(rs)).list();
    }

    /**
     * Alerts per rule since {@code since} over the tenants in scope, most first. Provider-side view
     * across tenants, limited by the scope like every other read.
     */
    List<RuleHits> hits(TenantScope scope, Instant since, int limit) {
        return ScopedSql.bind(
                        jdbc.sql("SELECT rule_id, MAX(rule_title) AS rule_title, MAX(level) AS level,"
                                        + " COUNT(*) AS alerts, COUNT(DISTINCT tenant_id) AS tenants FROM alerts"
                                        + " WHERE detected_at >= :since AND " + ScopedSql.condition(scope, "tenant_id")
                                        + " GROUP BY rule_id ORDER BY alerts DESC, rule_id LIMIT :limit")
                                .param("since", since.toEpochMilli())
                                .param("limit", limit),
                        scope)
                .query((rs, n) -> new RuleHits(
                        rs.getString("rule_id"),
                        rs.getString("rule_title"),
                        rs.getString("level"),
                        rs.getLong("alerts"),
                        rs.getLong("tenants")))
                .list();
    }

    private Alert alert(ResultSet rs) throws SQLException {
        long eventTime = rs.getLong("event_time");
        String enrichment = rs.getString("enrichment");
        return new Alert(
                rs.getString("id"),
                new TenantId(rs.getString("tenant_id")),
                rs.getString("alert_key"),
                Alert.Technology.valueOf(rs.getString("technology")),
                rs.getString("rule_id"),
                rs.getString("rule_title"),
                rs.getString("level"),
                split(rs.getString("tactics")),
                split(rs.getString("techniques")),
                rs.getString("asset"),
                rs.getString("event_id"),
                Instant.ofEpochMilli(eventTime),
                Instant.ofEpochMilli(rs.getLong("detected_at")),
                json.readValue(rs.getString("evidence"), EVIDENCE),
                enrichment == null ? null : json.readValue(enrichment, AlertEnrichment.class));
    }

    private static List<String> split(String joined) {
        return joined.isEmpty() ? List.of() : Arrays.asList(joined.split(",", -1));
    }
}
