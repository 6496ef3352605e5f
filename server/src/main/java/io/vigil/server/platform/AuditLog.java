package io.vigil.server.platform;

import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The audit trail: logins (success and failure), token issue and revocation, user, role and tenant
 * changes. Append-only; read by provider admins (everything) and tenant admins (their tenant).
 */
@Repository
public class AuditLog {

    private final JdbcClient jdbc;

    public AuditLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Appends one entry. */
    public void record(AuditEntry e) {
        jdbc.sql("""
                INSERT INTO audit_log (at, actor, actor_kind, tenant_id, action, target, detail, remote_addr, success)
                VALUES (:at, :actor, :kind, :tenant, :action, :target, :detail, :addr, :success)""")
                .param("at", e.at().toEpochMilli())
                .param("actor", e.actor())
                .param("kind", e.actorKind())
                .param("tenant", e.tenant() == null ? null : e.tenant().value())
                .param("action", e.action())
                .param("target", e.target())
                .param("detail", e.detail())
                .param("addr", e.remoteAddress())
                .param("success", e.success())
                .update();
    }

    /**
     * The newest entries first. Provider-wide lines (no tenant) are only in an {@link
     * TenantScope.All} scope; a tenant scope sees the lines of its tenants.
     */
    public List<AuditEntry> newest(TenantScope scope, int limit, int offset) {
        String base =
                "SELECT at, actor, actor_kind, tenant_id, action, target, detail, remote_addr, success FROM audit_log";
        String order = " ORDER BY at DESC, id DESC LIMIT :limit OFFSET :offset";
        JdbcClient.StatementSpec spec =
                ScopedSql.bind(jdbc.sql(base + " WHERE " + ScopedSql.condition(scope, "tenant_id") + order), scope);
        return spec.param("limit", limit)
                .param("offset", offset)
                .query((rs, n) -> {
                    String tenant = rs.getString("tenant_id");
                    return new AuditEntry(
                            Instant.ofEpochMilli(rs.getLong("at")),
                            rs.getString("actor"),
                            rs.getString("actor_kind"),
                            tenant == null ? null : new TenantId(tenant),
                            rs.getString("action"),
                            rs.getString("target"),
                            rs.getString("detail"),
                            rs.getString("remote_addr"),
                            rs.getBoolean("success"));
                })
                .list();
    }
}
