package io.vigil.server.ingest;

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

/** Ingest keys and agents in the state database. */
@Repository
class IngestKeyRepository {

    /** A key with its secret hash, for authentication only. */
    record Stored<T>(T value, String secretHash) {}

    private static final String KEY_COLUMNS =
            "id, tenant_id, name, purpose, created_by, created_at, revoked_at, last_used_at, secret_hash";
    private static final String AGENT_COLUMNS = "id, tenant_id, host_name, os, os_version, agent_version,"
            + " enrolled_with, enrolled_at, last_seen_at, revoked_at, secret_hash";

    private final JdbcClient jdbc;

    IngestKeyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(TenantScope scope, IngestKey key, String secretHash) {
        ScopedSql.requireWritable(scope, key.tenant());
        jdbc.sql("INSERT INTO ingest_keys (id, tenant_id, name, purpose, secret_hash, created_by, created_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(
                        key.id(),
                        key.tenant().value(),
                        key.name(),
                        key.purpose().name(),
                        secretHash,
                        key.createdBy(),
                        key.createdAt().toEpochMilli())
                .update();
    }

    List<IngestKey> list(TenantScope scope, TenantId tenant) {
        return ScopedSql.bind(
                        jdbc.sql("SELECT " + KEY_COLUMNS + " FROM ingest_keys WHERE tenant_id = :tenant AND "
                                        + ScopedSql.condition(scope, "tenant_id") + " ORDER BY created_at DESC, id")
                                .param("tenant", tenant.value()),
                        scope)
                .query((rs, n) -> key(rs))
                .list();
    }

    Optional<IngestKey> find(TenantScope scope, String id) {
        return ScopedSql.bind(
                        jdbc.sql("SELECT " + KEY_COLUMNS + " FROM ingest_keys WHERE id = :id AND "
                                        + ScopedSql.condition(scope, "tenant_id"))
                                .param("id", id),
                        scope)
                .query((rs, n) -> key(rs))
                .optional();
    }

    /** Provider-wide by necessity: the key's id is all a request carries. */
    Optional<Stored<IngestKey>> findForAuthentication(String id) {
        return jdbc.sql("SELECT " + KEY_COLUMNS + " FROM ingest_keys WHERE id = ?")
                .param(id)
                .query((rs, n) -> new Stored<>(key(rs), rs.getString("secret_hash")))
                .optional();
    }

    boolean revoke(TenantScope scope, String id, String by, Instant at) {
        return ScopedSql.bind(
                                jdbc.sql("UPDATE ingest_keys SET revoked_at = :at, revoked_by = :by"
                                                + " WHERE id = :id AND revoked_at IS NULL AND "
                                                + ScopedSql.condition(scope, "tenant_id"))
                                        .param("at", at.toEpochMilli())
                                        .param("by", by)
                                        .param("id", id),
                                scope)
                        .update()
                > 0;
    }

    void touchKey(String id, Instant at) {
        jdbc.sql("UPDATE ingest_keys SET last_used_at = ? WHERE id = ?")
                .params(at.toEpochMilli(), id)
                .update();
    }

    void insertAgent(Agent agent, String secretHash) {
        jdbc.sql("INSERT INTO agents (" + AGENT_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, ?)")
                .params(
                        agent.id(),
                        agent.tenant().value(),
                        agent.hostName(),
                        agent.os(),
                        agent.osVersion(),
                        agent.agentVersion(),
                        agent.enrolledWith(),
                        agent.enrolledAt().toEpochMilli(),
                        secretHash)
                .update();
    }

    List<Agent> agents(TenantScope scope, TenantId tenant) {
        return ScopedSql.bind(
                        jdbc.sql("SELECT " + AGENT_COLUMNS + " FROM agents WHERE tenant_id = :tenant AND "
                                        + ScopedSql.condition(scope, "tenant_id") + " ORDER BY host_name, id")
                                .param("tenant", tenant.value()),
                        scope)
                .query((rs, n) -> agent(rs))
                .list();
    }

    /** Provider-wide by necessity: the agent's id is all a request carries. */
    Optional<Stored<Agent>> findAgentForAuthentication(String id) {
        return jdbc.sql("SELECT " + AGENT_COLUMNS + " FROM agents WHERE id = ?")
                .param(id)
                .query((rs, n) -> new Stored<>(agent(rs), rs.getString("secret_hash")))
                .optional();
    }

    boolean revokeAgent(TenantScope scope, String id, Instant at) {
        return ScopedSql.bind(
                                jdbc.sql("UPDATE agents SET revoked_at = :at WHERE id = :id AND revoked_at IS NULL"
                                                + " AND " + ScopedSql.condition(scope, "tenant_id"))
                                        .param("at", at.toEpochMilli())
                                        .param("id", id),
                                scope)
                        .update()
                > 0;
    }

    void touchAgent(String id, Instant at) {
        jdbc.sql("UPDATE agents SET last_seen_at = ? WHERE id = ?")
                .params(at.toEpochMilli(), id)
                .update();
    }

    private static IngestKey key(ResultSet rs) throws SQLException {
        return new IngestKey(
                rs.getString("id"),
                new TenantId(rs.getString("tenant_id")),
                rs.getString("name"),
                IngestKey.Purpose.valueOf(rs.getString("purpose")),
                rs.getString("created_by"),
                Instant.ofEpochMilli(rs.getLong("created_at")),
                instant(rs, "revoked_at"),
                instant(rs, "last_used_at"));
    }

    private static Agent agent(ResultSet rs) throws SQLException {
        return new Agent(
                rs.getString("id"),
                new TenantId(rs.getString("tenant_id")),
                rs.getString("host_name"),
                rs.getString("os"),
                rs.getString("os_version"),
                rs.getString("agent_version"),
                rs.getString("enrolled_with"),
                Instant.ofEpochMilli(rs.getLong("enrolled_at")),
                instant(rs, "last_seen_at"),
                instant(rs, "revoked_at"));
    }

    private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(v);
    }
}
