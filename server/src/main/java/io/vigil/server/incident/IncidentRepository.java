package io.vigil.server.incident;

import io.vigil.server.platform.ScopedSql;
import io.vigil.server.platform.TenantId;
import io.vigil.server.platform.TenantScope;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Incidents, their numbers and read marks in the state database. Every read is limited to a tenant
 * scope; a customer's view ({@code customerView}) adds "published, or created by the customer".
 */
@Repository
class IncidentRepository {

    static final String CUSTOMER_VISIBLE = "(i.published_at IS NOT NULL OR i.origin = 'CUSTOMER')";

    private static final String COLUMNS = "i.id, i.tenant_id, i.number, i.created_at, i.updated_at, i.created_by,"
            + " i.origin, i.priority, i.status, i.resolution, i.summary, i.status_description, i.recommendations,"
            + " i.description, i.client_description, i.mitre_tactics, i.mitre_techniques, i.detection_technology,"
            + " i.attack_stage, i.affected_hosts, i.host_iocs, i.network_iocs, i.alert_ids, i.first_activity_at,"
            + " i.first_detected_at, i.published_at, i.first_answer_at, i.resolved_at, i.closed_at, i.version";
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};
    private static final TypeReference<List<IncidentIoc>> IOCS = new TypeReference<>() {};

    /** An incident with the reader's read mark. */
    record Row(Incident incident, @Nullable Instant readAt) {
        boolean wasRead() {
            return readAt != null && !readAt.isBefore(incident.updateTime());
        }
    }

    private final JdbcClient jdbc;
    private final JsonMapper json;

    IncidentRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** The tenant's next incident number (never reused). */
    long nextNumber(TenantScope scope, TenantId tenant) {
        ScopedSql.requireWritable(scope, tenant);
        return jdbc.sql("INSERT INTO incident_numbers (tenant_id, last_number) VALUES (:tenant, 1)"
                        + " ON CONFLICT (tenant_id) DO UPDATE SET last_number = incident_numbers.last_number + 1"
                        + " RETURNING last_number")
                .param("tenant", tenant.value())
                .query(Long.class)
                .single();
    }

    void insert(TenantScope scope, Incident i) {
        ScopedSql.requireWritable(scope, i.tenant());
        jdbc.sql("INSERT INTO incidents (" + COLUMNS.replace("i.", "") + ") VALUES (:id, :tenant, :number, :created,"
                        + " :updated, :createdBy, :origin, :priority, :status, :resolution, :summary,"
                        + " :statusDescription, :recommendations, :description, :clientDescription, :tactics,"
                        + " :techniques, :technology, :stage, :hosts, :hostIocs, :networkIocs, :alerts, :activity,"
                        + " :detected, :published, :answered, :resolved, :closed, :version)")
                .params(params(i))
                .update();
    }

    /**
     * Writes every mutable column of {@code i} over the row it was read from and adds one to the
     * version: only while the row is still at {@code i.version()}.
     *
     * @return whether the row was written ({@code false}: it changed since {@code i} was read)
     */
    boolean update(TenantScope scope, Incident i) {
        ScopedSql.requireWritable(scope, i.tenant());
        return jdbc.sql(
                                "UPDATE incidents SET version = version + 1, updated_at = :updated, priority = :priority, status = :status,"
                                        + " resolution = :resolution, summary = :summary, status_description = :statusDescription,"
                                        + " recommendations = :recommendations, description = :description,"
                                        + " client_description = :clientDescription, mitre_tactics = :tactics,"
                                        + " mitre_techniques = :techniques, detection_technology = :technology,"
                                        + " attack_stage = :stage, affected_hosts = :hosts, host_iocs = :hostIocs,"
                                        + " network_iocs = :networkIocs, alert_ids = :alerts, first_activity_at = :activity,"
                                        + " first_detected_at = :detected, published_at = :published,"
                                        + " first_answer_at = :answered, resolved_at = :resolved, closed_at = :closed"
                                        + " WHERE tenant_id = :tenant AND id = :id AND version = :version")
                        .params(params(i))
                        .update()
                == 1;
    }

    private java.util.Map<String, @Nullable Object> params(Incident i) {
        java.util.Map<String, @Nullable Object> p = new java.util.HashMap<>();
        p.put("id", i.id());
        p.put("tenant", i.tenant().value());
        p.put("number", i.number());
        p.put("created", i.creationTime().toEpochMilli());
        p.put("updated", i.updateTime().toEpochMilli());
        p.put("createdBy", i.createdBy());
        p.put("origin", i.origin().name());
        p.put("priority", i.priority().name());
        p.put("status", i.status().name());
        p.put("resolution", i.resolution() == null ? null : i.resolution().name());
        p.put("summary", i.summary());
        p.put("statusDescription", i.statusDescription());
        p.put("recommendations", i.recommendations());
        p.put("description", i.description());
        p.put("clientDescription", i.clientDescription());
        p.put("tactics", json.writeValueAsString(i.mitreTactics()));
        p.put("techniques", json.writeValueAsString(i.mitreTechniques()));
        p.put("technology", i.detectionTechnology());
        p.put("stage", i.attackStage());
        p.put("hosts", json.writeValueAsString(i.affectedHosts()));
        p.put("hostIocs", json.writeValueAsString(i.hostBasedIocs()));
        p.put("networkIocs", json.writeValueAsString(i.networkBasedIocs()));
        p.put("alerts", json.writeValueAsString(i.alertIds()));
        p.put("activity", millis(i.firstActivityAt()));
        p.put("detected", i.firstDetectedAt().toEpochMilli());
        p.put("published", millis(i.publishedAt()));
        p.put("answered", millis(i.firstAnswerAt()));
        p.put("resolved", millis(i.resolvedAt()));
        p.put("closed", millis(i.closedAt()));
        p.put("version", i.version());
        return p;
    }

    Optional<Row> find(TenantScope scope, TenantId tenant, String id, String reader, boolean customerView) {
        return ScopedSql.bind(
                        jdbc.sql("SELECT " + COLUMNS + ", r.read_at FROM incidents i LEFT JOIN incident_reads r"
                                        + " ON r.incident_id = i.id AND r.reader_id = :reader"
                                        + " WHERE i.tenant_id = :tenant AND i.id = :id AND "
                                        + ScopedSql.condition(scope, "i.tenant_id")
                                        + (customerView ? " AND " + CUSTOMER_VISIBLE : ""))
                                .param("tenant", tenant.value())
                                .param("id", id)
                                .param("reader", reader),
                        scope)
                .query((rs, n) -> row(rs))
                .optional();
    }

    /** One page, most recently updated first. */
    List<Row> list(TenantScope scope, IncidentQuery q, String reader, boolean customerView) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + ", r.read_at FROM incidents i"
                + " LEFT JOIN incident_reads r ON r.incident_id = i.id AND r.reader_id = :reader"
                + " WHERE i.tenant_id = :tenant AND " + ScopedSql.condition(scope, "i.tenant_id"));
        if (customerView) {
            sql.append(" AND ").append(CUSTOMER_VISIBLE);
        }
        List<Object[]> params = new ArrayList<>();
        params.add(new Object[] {"tenant", q.tenant().value()});
        params.add(new Object[] {"reader", reader});
        if (!q.statuses().isEmpty()) {
            sql.append(" AND i.status IN (:statuses)");
            params.add(new Object[] {
                "statuses", q.statuses().stream().map(Enum::name).toList()
            });
        }
        if (!q.priorities().isEmpty()) {
            sql.append(" AND i.priority IN (:priorities)");
            params.add(new Object[] {
                "priorities", q.priorities().stream().map(Enum::name).toList()
            });
        }
        if (q.origin() != null) {
            sql.append(" AND i.origin = :origin");
            params.add(new Object[] {"origin", q.origin().name()});
        }
        if (q.from() != null) {
            sql.append(" AND i.created_at >= :from");
            params.add(new Object[] {"from", q.from().toEpochMilli()});
        }
        if (q.to() != null) {
            sql.append(" AND i.created_at < :to");
            params.add(new Object[] {"to", q.to().toEpochMilli()});
        }
        String search = q.search();
        if (search != null) {
            sql.append(" AND (LOWER(i.summary) LIKE :search ESCAPE '\\'");
            params.add(new Object[] {"search", "%" + likeEscape(search.toLowerCase(java.util.Locale.ROOT)) + "%"});
            if (search.matches("\\d{1,15}")) {
                sql.append(" OR i.number = :number");
                params.add(new Object[] {"number", Long.parseLong(search)});
            }
            sql.append(')');
        }
        sql.append(" ORDER BY i.updated_at DESC, i.id DESC LIMIT :limit OFFSET :offset");
        params.add(new Object[] {"limit", q.pageSize()});
        params.add(new Object[] {"offset", (long) q.page() * q.pageSize()});
        JdbcClient.StatementSpec spec = jdbc.sql(sql.toString());
        for (Object[] p : params) {
            spec = spec.param((String) p[0], p[1]);
        }
        return ScopedSql.bind(spec, scope).query((rs, n) -> row(rs)).list();
    }

    /** Customer requests the SOC has not answered yet: open or on hold, no SOC comment. */
    private static final String AWAITING_ANSWER = " FROM incidents i WHERE i.origin = 'CUSTOMER'"
            + " AND i.first_answer_at IS NULL AND i.status IN ('OPEN', 'ON_HOLD')";

    /**
     * A page of the customer requests awaiting the SOC's first answer in the scope (or one tenant of
     * it), the earliest SLA due time first: creation plus the tenant's target for the priority
     * ({@code defaults} where the tenant has none).
     */
    List<Row> awaitingAnswer(
            TenantScope scope, @Nullable TenantId tenant, SlaTargets defaults, String reader, int limit, int offset) {
        String due = "i.created_at + CASE i.priority WHEN 'HIGH' THEN COALESCE(s.sla_high_ms, :high)"
                + " WHEN 'NORMAL' THEN COALESCE(s.sla_normal_ms, :normal) ELSE COALESCE(s.sla_low_ms, :low) END";
        JdbcClient.StatementSpec spec = jdbc.sql("SELECT " + COLUMNS + ", r.read_at, " + due + " AS due_at"
                        + AWAITING_ANSWER.replace(
                                " WHERE",
                                " LEFT JOIN incident_settings s ON s.tenant_id = i.tenant_id"
                                        + " LEFT JOIN incident_reads r ON r.incident_id = i.id AND r.reader_id = :reader"
                                        + " WHERE")
                        + " AND " + ScopedSql.condition(scope, "i.tenant_id")
                        + (tenant == null ? "" : " AND i.tenant_id = :tenant")
                        + " ORDER BY due_at, i.created_at, i.id LIMIT :limit OFFSET :offset")
                .param("high", defaults.high().toMillis())
                .param("normal", defaults.normal().toMillis())
                .param("low", defaults.low().toMillis())
                .param("reader", reader)
                .param("limit", limit)
                .param("offset", offset);
        if (tenant != null) {
            spec = spec.param("tenant", tenant.value());
        }
        return ScopedSql.bind(spec, scope).query((rs, n) -> row(rs)).list();
    }

    /** How many customer requests await the SOC's first answer in the scope (or one tenant of it). */
    long countAwaitingAnswer(TenantScope scope, @Nullable TenantId tenant) {
        JdbcClient.StatementSpec spec = jdbc.sql("SELECT COUNT(*)" + AWAITING_ANSWER + " AND "
                + ScopedSql.condition(scope, "i.tenant_id") + (tenant == null ? "" : " AND i.tenant_id = :tenant"));
        if (tenant != null) {
            spec = spec.param("tenant", tenant.value());
        }
        return ScopedSql.bind(spec, scope).query(Long.class).single();
    }

    /** Incidents of a tenant first detected in {@code [from, to)}: the SLA report's input. */
    List<Incident> detectedIn(TenantScope scope, TenantId tenant, Instant from, Instant to, boolean customerView) {
        return ScopedSql.bind(
                        jdbc.sql("SELECT " + COLUMNS + ", NULL AS read_at FROM incidents i WHERE i.tenant_id = :tenant"
                                        + " AND i.first_detected_at >= :from AND i.first_detected_at < :to AND "
                                        + ScopedSql.condition(scope, "i.tenant_id")
                                        + (customerView ? " AND " + CUSTOMER_VISIBLE : "")
                                        + " ORDER BY i.first_detected_at LIMIT 100000")
                                .param("tenant", tenant.value())
                                .param("from", from.toEpochMilli())
                                .param("to", to.toEpochMilli()),
                        scope)
                .query((rs, n) -> row(rs).incident())
                .list();
    }

    /** Resolved incidents of any tenant resolved at or before {@code cutoff} (the auto-close job). */
    List<Incident> resolvedBefore(TenantScope.All scope, Instant cutoff, int limit) {
        return ScopedSql.bind(
                        jdbc.sql("SELECT " + COLUMNS + ", NULL AS read_at FROM incidents i WHERE i.status = 'RESOLVED'"
                                        + " AND i.resolved_at <= :cutoff ORDER BY i.resolved_at LIMIT :limit")
                                .param("cutoff", cutoff.toEpochMilli())
                                .param("limit", limit),
                        scope)
                .query((rs, n) -> row(rs).incident())
                .list();
    }

    /** Incidents of any tenant whose SLA clock may still run (the metrics job). */
    List<Incident> running(TenantScope.All scope) {
        return jdbc.sql("SELECT " + COLUMNS + ", NULL AS read_at FROM incidents i WHERE i.status IN ('OPEN', 'ON_HOLD')"
                        + " AND ((i.origin = 'SERVICE' AND i.published_at IS NULL)"
                        + " OR (i.origin = 'CUSTOMER' AND i.first_answer_at IS NULL)) LIMIT 100000")
                .query((rs, n) -> row(rs).incident())
                .list();
    }

    void markRead(TenantScope scope, TenantId tenant, String incidentId, String reader, Instant at) {
        ScopedSql.requireWritable(scope, tenant);
        jdbc.sql("INSERT INTO incident_reads (incident_id, reader_id, read_at) VALUES (:id, :reader, :at)"
                        + " ON CONFLICT (incident_id, reader_id) DO UPDATE SET read_at = :at")
                .param("id", incidentId)
                .param("reader", reader)
                .param("at", at.toEpochMilli())
                .update();
    }

    IncidentSettings settings(TenantScope scope, TenantId tenant) {
        return ScopedSql.bind(
                        jdbc.sql("SELECT sla_high_ms, sla_normal_ms, sla_low_ms, retention_days FROM incident_settings"
                                        + " WHERE tenant_id = :tenant AND " + ScopedSql.condition(scope, "tenant_id"))
                                .param("tenant", tenant.value()),
                        scope)
                .query((rs, n) -> new IncidentSettings(
                        duration(rs, "sla_high_ms"),
                        duration(rs, "sla_normal_ms"),
                        duration(rs, "sla_low_ms"),
                        rs.getObject("retention_days") == null ? null : rs.getInt("retention_days")))
                .optional()
                .orElse(IncidentSettings.NONE);
    }

    void saveSettings(TenantScope scope, TenantId tenant, IncidentSettings s) {
        ScopedSql.requireWritable(scope, tenant);
        jdbc.sql("INSERT INTO incident_settings (tenant_id, sla_high_ms, sla_normal_ms, sla_low_ms, retention_days)"
                        + " VALUES (:tenant, :high, :normal, :low, :days) ON CONFLICT (tenant_id) DO UPDATE SET"
                        + " sla_high_ms = :high, sla_normal_ms = :normal, sla_low_ms = :low, retention_days = :days")
                .param("tenant", tenant.value())
                .param("high", s.slaHigh() == null ? null : s.slaHigh().toMillis())
                .param("normal", s.slaNormal() == null ? null : s.slaNormal().toMillis())
                .param("low", s.slaLow() == null ? null : s.slaLow().toMillis())
                .param("days", s.retentionDays())
                .update();
    }

    /** A tenant with closed incidents and its retention override in days ({@code null}: the default). */
    record ClosedTenant(TenantId tenant, @Nullable Integer retentionDays) {}

    /** Tenants that have closed incidents. */
    List<ClosedTenant> tenantsWithClosed(TenantScope.All scope) {
        return jdbc.sql("SELECT DISTINCT i.tenant_id, s.retention_days FROM incidents i LEFT JOIN incident_settings s"
                        + " ON s.tenant_id = i.tenant_id WHERE i.status = 'CLOSED'")
                .query((rs, n) ->
                        new ClosedTenant(new TenantId(rs.getString(1)), rs.getObject(2) == null ? null : rs.getInt(2)))
                .list();
    }

    /**
     * Deletes a tenant's closed incidents last updated before {@code cutoff}, with their history,
     * comments, read marks and attachments.
     *
     * @return how many incidents went
     */
    int purge(TenantScope scope, TenantId tenant, Instant cutoff) {
        ScopedSql.requireWritable(scope, tenant);
        String doomed = "SELECT id FROM incidents WHERE tenant_id = :tenant AND status = 'CLOSED'"
                + " AND updated_at < :cutoff";
        for (String sql : List.of(
                "DELETE FROM incident_comment_reads WHERE comment_id IN (SELECT id FROM incident_comments"
                        + " WHERE tenant_id = :tenant AND incident_id IN (" + doomed + "))",
                "DELETE FROM incident_comments WHERE tenant_id = :tenant AND incident_id IN (" + doomed + ")",
                "DELETE FROM incident_attachments WHERE tenant_id = :tenant AND incident_id IN (" + doomed + ")",
                "DELETE FROM incident_history WHERE tenant_id = :tenant AND incident_id IN (" + doomed + ")",
                "DELETE FROM incident_reads WHERE incident_id IN (" + doomed + ")")) {
            jdbc.sql(sql)
                    .param("tenant", tenant.value())
                    .param("cutoff", cutoff.toEpochMilli())
                    .update();
        }
        return jdbc.sql(
                        "DELETE FROM incidents WHERE tenant_id = :tenant AND status = 'CLOSED' AND updated_at < :cutoff")
                .param("tenant", tenant.value())
                .param("cutoff", cutoff.toEpochMilli())
                .update();
    }

    private Row row(ResultSet rs) throws SQLException {
        String resolution = rs.getString("resolution");
        Incident i = new Incident(
                rs.getString("id"),
                new TenantId(rs.getString("tenant_id")),
                rs.getLong("number"),
                Instant.ofEpochMilli(rs.getLong("created_at")),
                Instant.ofEpochMilli(rs.getLong("updated_at")),
                rs.getString("created_by"),
                Origin.valueOf(rs.getString("origin")),
                Priority.valueOf(rs.getString("priority")),
                Status.valueOf(rs.getString("status")),
                resolution == null ? null : Resolution.valueOf(resolution),
                rs.getString("summary"),
                rs.getString("status_description"),
                rs.getString("recommendations"),
                rs.getString("description"),
                rs.getString("client_description"),
                json.readValue(rs.getString("mitre_tactics"), STRINGS),
                json.readValue(rs.getString("mitre_techniques"), STRINGS),
                rs.getString("detection_technology"),
                rs.getString("attack_stage"),
                json.readValue(rs.getString("affected_hosts"), STRINGS),
                json.readValue(rs.getString("host_iocs"), IOCS),
                json.readValue(rs.getString("network_iocs"), IOCS),
                json.readValue(rs.getString("alert_ids"), STRINGS),
                instant(rs, "first_activity_at"),
                Instant.ofEpochMilli(rs.getLong("first_detected_at")),
                instant(rs, "published_at"),
                instant(rs, "first_answer_at"),
                instant(rs, "resolved_at"),
                instant(rs, "closed_at"),
                rs.getLong("version"));
        return new Row(i, instant(rs, "read_at"));
    }

    static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(v);
    }

    private static java.time.@Nullable Duration duration(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : java.time.Duration.ofMillis(v);
    }

    private static @Nullable Long millis(@Nullable Instant t) {
        return t == null ? null : t.toEpochMilli();
    }

    private static String likeEscape(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
