package io.vigil.server.incident;

import io.vigil.server.platform.ScopedSql;
import io.vigil.server.platform.TenantId;
import io.vigil.server.platform.TenantScope;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The incident history: append-only lines, read in the order they were written. */
@Repository
class HistoryRepository {

    /** The largest value kept in a history line; longer ones are cut with a marker. */
    static final int MAX_VALUE = 200_000;

    private final JdbcClient jdbc;

    HistoryRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A line to append (its seq is assigned by the database). */
    record Line(
            String entity,
            String entityId,
            String operation,
            String field,
            @Nullable String before,
            @Nullable String after) {}

    void append(
            TenantScope scope,
            TenantId tenant,
            String incidentId,
            Instant at,
            String actor,
            String actorKind,
            List<Line> lines) {
        ScopedSql.requireWritable(scope, tenant);
        for (Line l : lines) {
            jdbc.sql("INSERT INTO incident_history (tenant_id, incident_id, at, actor, actor_kind, entity, entity_id,"
                            + " operation, field, before_value, after_value) VALUES (:tenant, :incident, :at, :actor,"
                            + " :kind, :entity, :entityId, :operation, :field, :before, :after)")
                    .param("tenant", tenant.value())
                    .param("incident", incidentId)
                    .param("at", at.toEpochMilli())
                    .param("actor", actor)
                    .param("kind", actorKind)
                    .param("entity", l.entity())
                    .param("entityId", l.entityId())
                    .param("operation", l.operation())
                    .param("field", l.field())
                    .param("before", cut(l.before()))
                    .param("after", cut(l.after()))
                    .update();
        }
    }

    /** An incident's history in order, optionally limited to {@code [from, to)}. */
    List<HistoryRecord> list(
            TenantScope scope, TenantId tenant, String incidentId, @Nullable Instant from, @Nullable Instant to) {
        return ScopedSql.bind(
                        jdbc.sql("SELECT seq, incident_id, at, actor, actor_kind, entity, entity_id, operation, field,"
                                        + " before_value, after_value FROM incident_history WHERE tenant_id = :tenant"
                                        + " AND incident_id = :incident AND at >= :from AND at < :to AND "
                                        + ScopedSql.condition(scope, "tenant_id")
                                        + " ORDER BY seq")
                                .param("tenant", tenant.value())
                                .param("incident", incidentId)
                                .param("from", from == null ? Long.MIN_VALUE : from.toEpochMilli())
                                .param("to", to == null ? Long.MAX_VALUE : to.toEpochMilli()),
                        scope)
                .query((rs, n) -> new HistoryRecord(
                        rs.getLong("seq"),
                        rs.getString("incident_id"),
                        Instant.ofEpochMilli(rs.getLong("at")),
                        rs.getString("actor"),
                        rs.getString("actor_kind"),
                        rs.getString("entity"),
                        rs.getString("entity_id"),
                        rs.getString("operation"),
                        rs.getString("field"),
                        rs.getString("before_value"),
                        rs.getString("after_value")))
                .list();
    }

    private static @Nullable String cut(@Nullable String s) {
        return s == null || s.length() <= MAX_VALUE ? s : s.substring(0, MAX_VALUE) + "…";
    }
}
