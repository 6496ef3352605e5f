package io.vigil.server.detection;

import io.vigil.server.platform.ConflictException;
import io.vigil.server.platform.TenantId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tenants' own detection settings in the state database. Every method takes the tenant, except
 * {@link #revisions()}, the explicit provider-wide read the pipeline uses to notice changes.
 */
@Repository
class TenantRulesRepository {

    private static final String TEXT_COLUMNS =
            "id, tenant_id, kind, name, text, created_at, created_by, updated_at, updated_by";
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final JsonMapper json;

    TenantRulesRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Everything the tenant set (nothing: {@link TenantRuleSettings#none}). */
    TenantRuleSettings load(TenantId tenant) {
        long revision = jdbc.sql("SELECT revision FROM tenant_rule_revisions WHERE tenant_id = ?")
                .param(tenant.value())
                .query(Long.class)
                .optional()
                .orElse(0L);
        List<TenantRuleText> texts = jdbc.sql("SELECT " + TEXT_COLUMNS
                        + " FROM tenant_rule_texts WHERE tenant_id = ? ORDER BY created_at, id")
                .param(tenant.value())
                .query((rs, n) -> text(rs))
                .list();
        Set<String> rules = new HashSet<>();
        Set<String> packs = new HashSet<>();
        jdbc.sql("SELECT target_kind, target FROM tenant_rule_switches WHERE tenant_id = ?")
                .param(tenant.value())
                .query(rs -> {
                    ("PACK".equals(rs.getString(1)) ? packs : rules).add(rs.getString(2));
                });
        Map<String, List<String>> placeholders = new LinkedHashMap<>();
        jdbc.sql("SELECT name, vals FROM tenant_placeholders WHERE tenant_id = ? ORDER BY name")
                .param(tenant.value())
                .query(rs -> {
                    placeholders.put(rs.getString(1), json.readValue(rs.getString(2), STRINGS));
                });
        return new TenantRuleSettings(tenant, revision, texts, rules, packs, placeholders);
    }

    /** Every tenant's revision: provider-wide, for the pipeline only (no tenant data). */
    Map<TenantId, Long> revisions() {
        Map<TenantId, Long> all = new HashMap<>();
        jdbc.sql("SELECT tenant_id, revision FROM tenant_rule_revisions").query(rs -> {
            all.put(new TenantId(rs.getString(1)), rs.getLong(2));
        });
        return all;
    }

    /**
     * Moves the tenant from revision {@code expected} to the next one; call first in the
     * transaction that stores a change.
     *
     * @return the new revision
     * @throws ConflictException when another change was stored since {@code expected} was read
     */
    long bumpRevision(TenantId tenant, long expected, Instant now) {
        int changed = expected == 0
                ? jdbc.sql("INSERT INTO tenant_rule_revisions (tenant_id, revision, updated_at) VALUES (?, 1, ?)"
                                + " ON CONFLICT (tenant_id) DO NOTHING")
                        .params(tenant.value(), now.toEpochMilli())
                        .update()
                : jdbc.sql("UPDATE tenant_rule_revisions SET revision = revision + 1, updated_at = ?"
                                + " WHERE tenant_id = ? AND revision = ?")
                        .params(now.toEpochMilli(), tenant.value(), expected)
                        .update();
        if (changed == 0) {
            throw new ConflictException(
                    "The tenant's detection settings were changed by someone else at the same time; send the"
                            + " change again.");
        }
        return expected + 1;
    }

    void insertText(TenantRuleText t) {
        jdbc.sql("INSERT INTO tenant_rule_texts (" + TEXT_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        t.id(),
                        t.tenant().value(),
                        t.kind().name(),
                        t.name(),
                        t.text(),
                        t.createdAt().toEpochMilli(),
                        t.createdBy(),
                        t.updatedAt().toEpochMilli(),
                        t.updatedBy())
                .update();
    }

    void updateText(TenantRuleText t) {
        jdbc.sql("UPDATE tenant_rule_texts SET name = ?, text = ?, updated_at = ?, updated_by = ?"
                        + " WHERE tenant_id = ? AND id = ?")
                .params(
                        t.name(),
                        t.text(),
                        t.updatedAt().toEpochMilli(),
                        t.updatedBy(),
                        t.tenant().value(),
                        t.id())
                .update();
    }

    void deleteText(TenantId tenant, String id) {
        jdbc.sql("DELETE FROM tenant_rule_texts WHERE tenant_id = ? AND id = ?")
                .params(tenant.value(), id)
                .update();
    }

    /** Switches a rule or pack on (deletes the row) or off (adds it). */
    void setSwitch(TenantId tenant, boolean pack, String target, boolean enabled, Instant now, String by) {
        String kind = pack ? "PACK" : "RULE";
        jdbc.sql("DELETE FROM tenant_rule_switches WHERE tenant_id = ? AND target_kind = ? AND target = ?")
                .params(tenant.value(), kind, target)
                .update();
        if (!enabled) {
            jdbc.sql("INSERT INTO tenant_rule_switches (tenant_id, target_kind, target, updated_at, updated_by)"
                            + " VALUES (?, ?, ?, ?, ?)")
                    .params(tenant.value(), kind, target, now.toEpochMilli(), by)
                    .update();
        }
    }

    /** Replaces all placeholder values of the tenant. */
    void replacePlaceholders(TenantId tenant, Map<String, List<String>> values) {
        jdbc.sql("DELETE FROM tenant_placeholders WHERE tenant_id = ?")
                .param(tenant.value())
                .update();
        for (Map.Entry<String, List<String>> e : values.entrySet()) {
            jdbc.sql("INSERT INTO tenant_placeholders (tenant_id, name, vals) VALUES (?, ?, ?)")
                    .params(tenant.value(), e.getKey(), json.writeValueAsString(e.getValue()))
                    .update();
        }
    }

    private static TenantRuleText text(ResultSet rs) throws SQLException {
        return new TenantRuleText(
                rs.getString("id"),
                new TenantId(rs.getString("tenant_id")),
                TenantRuleText.Kind.valueOf(rs.getString("kind")),
                rs.getString("name"),
                rs.getString("text"),
                Instant.ofEpochMilli(rs.getLong("created_at")),
                rs.getString("created_by"),
                Instant.ofEpochMilli(rs.getLong("updated_at")),
                rs.getString("updated_by"));
    }
}
