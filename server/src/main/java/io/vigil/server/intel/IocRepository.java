package io.vigil.server.intel;

import io.vigil.server.platform.ScopedSql;
import io.vigil.server.platform.TenantId;
import io.vigil.server.platform.TenantScope;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * IoCs in the state database. Reads show provider-wide IoCs (no tenant) plus those of the scope's
 * tenants; writes of a tenant's IoCs need that tenant in scope, of provider-wide ones the
 * provider-wide scope. {@link #forEachActive} is the one provider-wide read: the matcher's index.
 */
@Repository
public class IocRepository {

    /** Rows per batch of an upsert. */
    private static final int BATCH = 1000;

    private static final String COLUMNS = "id, tenant_id, feed_id, source, type, value, confidence, first_seen,"
            + " last_seen, expires_at, tags, tlp, description, created_by";

    private static final String UPSERT = """
            INSERT INTO iocs (scope_key, tenant_id, feed_id, source, type, value, confidence, first_seen, last_seen,
                              expires_at, tags, tlp, description, created_by)
            VALUES (:scope_key, :tenant_id, :feed_id, :source, :type, :value, :confidence, :first_seen, :last_seen,
                    :expires_at, :tags, :tlp, :description, :created_by)
            ON CONFLICT (scope_key, source, type, value) DO UPDATE SET
                confidence = excluded.confidence,
                first_seen = CASE WHEN excluded.first_seen < iocs.first_seen
                                  THEN excluded.first_seen ELSE iocs.first_seen END,
                last_seen = CASE WHEN excluded.last_seen > iocs.last_seen
                                 THEN excluded.last_seen ELSE iocs.last_seen END,
                expires_at = excluded.expires_at,
                tags = excluded.tags,
                tlp = excluded.tlp,
                description = excluded.description""";

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate named;

    public IocRepository(JdbcTemplate template) {
        this.jdbc = JdbcClient.create(template);
        this.named = new NamedParameterJdbcTemplate(template);
    }

    /** What an upsert did. */
    public record Upserted(int added, int updated) {}

    /**
     * Where the indicators come from and the defaults for what they leave out.
     *
     * @param tenant the owning tenant; {@code null}: provider-wide
     * @param feedId the feed, if any
     * @param source the source name (unique key together with type and value)
     * @param createdBy who adds them
     * @param confidence the confidence of indicators that carry none
     * @param ttl expiry after {@code now} for indicators without their own; {@code null}: never
     * @param tlp the TLP of indicators that carry none
     */
    public record Origin(
            @Nullable TenantId tenant,
            @Nullable String feedId,
            String source,
            String createdBy,
            int confidence,
            @Nullable Duration ttl,
            Tlp tlp) {}

    /**
     * Inserts new indicators and refreshes known ones (same tenant or provider-wide, source, type and
     * value): {@code last_seen} becomes {@code now}, confidence, expiry, tags and TLP the new ones;
     * {@code first_seen} keeps the earliest. Never creates a duplicate.
     */
    public Upserted upsert(TenantScope scope, Origin origin, List<Indicator> indicators, Instant now) {
        ScopedSql.requireWritable(scope, origin.tenant());
        String scopeKey = scopeKey(origin.tenant());
        int before = count(scopeKey, origin.source());
        for (int from = 0; from < indicators.size(); from += BATCH) {
            List<Indicator> chunk = indicators.subList(from, Math.min(indicators.size(), from + BATCH));
            MapSqlParameterSource[] rows = new MapSqlParameterSource[chunk.size()];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = row(scopeKey, origin, chunk.get(i), now);
            }
            named.batchUpdate(UPSERT, rows);
        }
        int added = count(scopeKey, origin.source()) - before;
        return new Upserted(added, indicators.size() - added);
    }

    private static MapSqlParameterSource row(String scopeKey, Origin origin, Indicator ind, Instant now) {
        Instant expires =
                ind.validUntil() != null ? ind.validUntil() : origin.ttl() == null ? null : now.plus(origin.ttl());
        Instant first = ind.firstSeen() == null || ind.firstSeen().isAfter(now) ? now : ind.firstSeen();
        return new MapSqlParameterSource()
                .addValue("scope_key", scopeKey)
                .addValue(
                        "tenant_id",
                        origin.tenant() == null ? null : origin.tenant().value(),
                        Types.VARCHAR)
                .addValue("feed_id", origin.feedId(), Types.VARCHAR)
                .addValue("source", origin.source())
                .addValue("type", ind.type().name())
                .addValue("value", ind.value())
                .addValue("confidence", ind.confidence() == null ? origin.confidence() : ind.confidence())
                .addValue("first_seen", first.toEpochMilli())
                .addValue("last_seen", now.toEpochMilli())
                .addValue("expires_at", expires == null ? null : expires.toEpochMilli(), Types.BIGINT)
                .addValue("tags", String.join("\n", ind.tags()))
                .addValue("tlp", (ind.tlp() == null ? origin.tlp() : ind.tlp()).name())
                .addValue("description", ind.description())
                .addValue("created_by", origin.createdBy());
    }

    private int count(String scopeKey, String source) {
        return jdbc.sql("SELECT COUNT(*) FROM iocs WHERE scope_key = ? AND source = ?")
                .params(scopeKey, source)
                .query(Integer.class)
                .single();
    }

    /** IoCs the scope may see that fit the query, newest {@code last_seen} first. */
    public List<Ioc> search(TenantScope scope, IocQuery q, Instant now) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM iocs WHERE " + visible(scope));
        MapSqlParameterSource p = new MapSqlParameterSource();
        bindScope(p, scope);
        if (q.tenant() != null) {
            sql.append(" AND tenant_id = :tenant");
            p.addValue("tenant", q.tenant().value());
        } else if (q.providerWideOnly()) {
            sql.append(" AND tenant_id IS NULL");
        }
        if (q.type() != null) {
            sql.append(" AND type = :type");
            p.addValue("type", q.type().name());
        }
        if (q.value() != null && !q.value().isBlank()) {
            if (q.type() != null) {
                sql.append(" AND value = :value");
                p.addValue("value", IocValues.normalise(q.type(), q.value()).value());
            } else {
                sql.append(" AND value LIKE :value ESCAPE '!'");
                p.addValue("value", "%" + likeEscape(q.value().trim().toLowerCase(java.util.Locale.ROOT)) + "%");
            }
        }
        if (q.source() != null) {
            sql.append(" AND source = :source");
            p.addValue("source", q.source());
        }
        if (!q.includeExpired()) {
            sql.append(" AND (expires_at IS NULL OR expires_at > :now)");
            p.addValue("now", now.toEpochMilli());
        }
        sql.append(" ORDER BY last_seen DESC, id DESC LIMIT :limit OFFSET :offset");
        p.addValue("limit", q.limit()).addValue("offset", q.offset());
        return named.query(sql.toString(), p, (rs, n) -> ioc(rs));
    }

    /** One IoC the scope may see. */
    public Optional<Ioc> find(TenantScope scope, long id) {
        MapSqlParameterSource p = new MapSqlParameterSource("id", id);
        bindScope(p, scope);
        return named
                .query("SELECT " + COLUMNS + " FROM iocs WHERE id = :id AND " + visible(scope), p, (rs, n) -> ioc(rs))
                .stream()
                .findFirst();
    }

    /**
     * Deletes one IoC of {@code tenant} ({@code null}: a provider-wide one, which needs the
     * provider-wide scope); false when there is none the scope may write.
     */
    public boolean delete(TenantScope scope, @Nullable TenantId tenant, long id) {
        ScopedSql.requireWritable(scope, tenant);
        return jdbc.sql("DELETE FROM iocs WHERE id = ? AND scope_key = ?")
                        .params(id, scopeKey(tenant))
                        .update()
                > 0;
    }

    /**
     * Provider-wide by design: every IoC, of every tenant, that has not expired at {@code now}, for
     * the matcher's in-memory index (which keeps tenants apart itself).
     */
    public void forEachActive(Instant now, Consumer<Ioc> sink) {
        jdbc.sql("SELECT " + COLUMNS + " FROM iocs WHERE expires_at IS NULL OR expires_at > ?")
                .param(now.toEpochMilli())
                .query(rs -> {
                    sink.accept(ioc(rs));
                });
    }

    /** How many IoCs a feed has. */
    public int countOfFeed(String feedId) {
        return jdbc.sql("SELECT COUNT(*) FROM iocs WHERE feed_id = ?")
                .param(feedId)
                .query(Integer.class)
                .single();
    }

    private static String visible(TenantScope scope) {
        return "(tenant_id IS NULL OR " + ScopedSql.condition(scope, "tenant_id") + ")";
    }

    private static void bindScope(MapSqlParameterSource p, TenantScope scope) {
        if (scope instanceof TenantScope.Only only && !only.tenants().isEmpty()) {
            p.addValue(
                    "scope_tenants",
                    only.tenants().stream().map(TenantId::value).toList());
        }
    }

    private static String scopeKey(@Nullable TenantId tenant) {
        return tenant == null ? "*" : tenant.value();
    }

    private static String likeEscape(String s) {
        return s.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    private static Ioc ioc(ResultSet rs) throws SQLException {
        String tenant = rs.getString("tenant_id");
        long expires = rs.getLong("expires_at");
        boolean noExpiry = rs.wasNull();
        String tags = rs.getString("tags");
        List<String> tagList = tags.isEmpty() ? List.of() : new ArrayList<>(Arrays.asList(tags.split("\n", -1)));
        return new Ioc(
                rs.getLong("id"),
                tenant == null ? null : new TenantId(tenant),
                rs.getString("feed_id"),
                rs.getString("source"),
                IocType.valueOf(rs.getString("type")),
                rs.getString("value"),
                rs.getInt("confidence"),
                Instant.ofEpochMilli(rs.getLong("first_seen")),
                Instant.ofEpochMilli(rs.getLong("last_seen")),
                noExpiry ? null : Instant.ofEpochMilli(expires),
                tagList,
                Tlp.valueOf(rs.getString("tlp")),
                rs.getString("description"),
                rs.getString("created_by"));
    }
}
