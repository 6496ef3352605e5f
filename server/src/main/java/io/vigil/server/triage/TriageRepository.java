package io.vigil.server.triage;

import io.vigil.server.detection.Alert;
import io.vigil.server.platform.ScopedSql;
import io.vigil.server.platform.TenantId;
import io.vigil.server.platform.TenantScope;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Scored alerts, candidates, verdicts and auto-publish policies; every statement names its tenant. */
@Repository
class TriageRepository {

    /** An alert not scored yet. */
    record AlertRef(TenantId tenant, String alertId) {}

    private static final String ALERT_COLUMNS = "alert_id, tenant_id, asset, event_id, event_time, rule_id, rule_title,"
            + " level, technology, tactics, techniques, user_name, process_chain, linked_hosts, score, explanation,"
            + " scorer, scored_at, candidate_id";
    private static final String CANDIDATE_COLUMNS = "id, tenant_id, status, score, alert_count, hosts, users, tactics,"
            + " techniques, links, first_time, last_time, incident_id, updated_at";
    private static final TypeReference<List<ScoreFactor>> FACTORS = new TypeReference<>() {};
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};
    private static final TypeReference<List<TriagedAlert>> TRIAGED = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final JsonMapper json;

    TriageRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Alerts of every tenant that have no triage row yet, oldest first: the job's explicit provider-wide read. */
    List<AlertRef> unscoredAcrossTenants(int limit) {
        return jdbc.sql("SELECT a.tenant_id, a.id FROM alerts a LEFT JOIN alert_triage t ON t.alert_id = a.id"
                        + " WHERE t.alert_id IS NULL ORDER BY a.detected_at, a.id LIMIT :limit")
                .param("limit", limit)
                .query((rs, n) -> new AlertRef(new TenantId(rs.getString(1)), rs.getString(2)))
                .list();
    }

    /** Stores a scored alert unless it is scored already. */
    boolean insert(TriagedAlert t) {
        AlertFeatures f = t.features();
        return jdbc.sql("INSERT INTO alert_triage (" + ALERT_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                                + " ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (alert_id) DO NOTHING")
                        .params(Arrays.<@Nullable Object>asList(
                                f.alertId(),
                                f.tenant().value(),
                                f.asset(),
                                f.eventId(),
                                f.eventTime().toEpochMilli(),
                                f.ruleId(),
                                f.ruleTitle(),
                                f.level(),
                                f.technology().name(),
                                json.writeValueAsString(f.tactics()),
                                json.writeValueAsString(f.techniques()),
                                f.user(),
                                json.writeValueAsString(f.processChain()),
                                json.writeValueAsString(f.linkedHosts()),
                                t.score(),
                                json.writeValueAsString(t.explanation()),
                                t.scorer(),
                                t.scoredAt().toEpochMilli(),
                                t.candidateId()))
                        .update()
                > 0;
    }

    /** The tactics of the tenant's scored alerts on a host with event times in [from, to]. */
    List<String> tacticsNear(TenantId tenant, String asset, Instant from, Instant to) {
        List<String> tactics = new ArrayList<>();
        jdbc.sql("SELECT tactics FROM alert_triage WHERE tenant_id = :tenant AND asset = :asset"
                        + " AND event_time >= :from AND event_time <= :to")
                .param("tenant", tenant.value())
                .param("asset", asset)
                .param("from", from.toEpochMilli())
                .param("to", to.toEpochMilli())
                .query((rs, n) -> json.readValue(rs.getString(1), STRINGS))
                .list()
                .forEach(tactics::addAll);
        return tactics;
    }

    /** The tenant's scored alerts that no decision has taken out of the queue, newest first. */
    List<TriagedAlert> open(TenantId tenant, int limit) {
        return jdbc.sql("SELECT " + prefixed("t.") + " FROM alert_triage t LEFT JOIN triage_candidates c"
                        + " ON c.id = t.candidate_id AND c.tenant_id = t.tenant_id WHERE t.tenant_id = :tenant"
                        + " AND (c.status IS NULL OR c.status = 'OPEN') ORDER BY t.event_time DESC, t.alert_id"
                        + " LIMIT :limit")
                .param("tenant", tenant.value())
                .param("limit", limit)
                .query((rs, n) -> triaged(rs))
                .list();
    }

    /** The tenant's open candidates and their alert counts. */
    Map<String, Integer> openCandidates(TenantId tenant) {
        Map<String, Integer> sizes = new LinkedHashMap<>();
        jdbc.sql("SELECT id, alert_count FROM triage_candidates WHERE tenant_id = :tenant AND status = 'OPEN'")
                .param("tenant", tenant.value())
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getInt(2)))
                .list()
                .forEach(e -> sizes.put(e.getKey(), e.getValue()));
        return sizes;
    }

    /** Writes an open candidate (unless it was decided meanwhile) and points its alerts at it. */
    void saveOpen(Candidate c, Collection<String> alertIds) {
        jdbc.sql("INSERT INTO triage_candidates (" + CANDIDATE_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                        + " ?, ?, ?) ON CONFLICT (id) DO UPDATE SET score = excluded.score, alert_count ="
                        + " excluded.alert_count, hosts = excluded.hosts, users = excluded.users, tactics ="
                        + " excluded.tactics, techniques = excluded.techniques, links = excluded.links, first_time ="
                        + " excluded.first_time, last_time = excluded.last_time, updated_at = excluded.updated_at"
                        + " WHERE triage_candidates.status = 'OPEN' AND triage_candidates.tenant_id ="
                        + " excluded.tenant_id")
                .params(Arrays.<@Nullable Object>asList(
                        c.id(),
                        c.tenant().value(),
                        c.status().name(),
                        c.score(),
                        c.alertCount(),
                        json.writeValueAsString(c.hosts()),
                        json.writeValueAsString(c.users()),
                        json.writeValueAsString(c.tactics()),
                        json.writeValueAsString(c.techniques()),
                        json.writeValueAsString(c.links()),
                        c.firstTime().toEpochMilli(),
                        c.lastTime().toEpochMilli(),
                        c.incidentId(),
                        c.updatedAt().toEpochMilli()))
                .update();
        if (alertIds.isEmpty()) {
            return;
        }
        jdbc.sql("UPDATE alert_triage SET candidate_id = :candidate WHERE tenant_id = :tenant AND alert_id IN (:ids)"
                        + " AND (candidate_id IS NULL OR candidate_id NOT IN (SELECT id FROM triage_candidates"
                        + " WHERE tenant_id = :tenant AND status <> 'OPEN'))")
                .param("candidate", c.id())
                .param("tenant", c.tenant().value())
                .param("ids", List.copyOf(alertIds))
                .update();
    }

    /** Removes an open candidate that grouping no longer produces (its alerts joined another). */
    void deleteOpen(TenantId tenant, String id) {
        jdbc.sql("DELETE FROM triage_candidates WHERE tenant_id = :tenant AND id = :id AND status = 'OPEN'")
                .param("tenant", tenant.value())
                .param("id", id)
                .update();
    }

    Optional<Candidate> candidate(TenantScope scope, TenantId tenant, String id) {
        return ScopedSql.bind(
                        jdbc.sql("SELECT " + CANDIDATE_COLUMNS + " FROM triage_candidates WHERE tenant_id = :tenant"
                                        + " AND id = :id AND " + ScopedSql.condition(scope, "tenant_id"))
                                .param("tenant", tenant.value())
                                .param("id", id),
                        scope)
                .query((rs, n) -> candidate(rs))
                .optional();
    }

    /** One page of a tenant's candidates in a status, highest score first. */
    List<Candidate> queue(TenantScope scope, TenantId tenant, CandidateStatus status, int limit, int offset) {
        return ScopedSql.bind(
                        jdbc.sql("SELECT " + CANDIDATE_COLUMNS + " FROM triage_candidates WHERE tenant_id = :tenant"
                                        + " AND status = :status AND " + ScopedSql.condition(scope, "tenant_id")
                                        + " ORDER BY score DESC, last_time DESC, id LIMIT :limit OFFSET :offset")
                                .param("tenant", tenant.value())
                                .param("status", status.name())
                                .param("limit", limit)
                                .param("offset", offset),
                        scope)
                .query((rs, n) -> candidate(rs))
                .list();
    }

    long count(TenantScope scope, TenantId tenant, CandidateStatus status) {
        return ScopedSql.bind(
                        jdbc.sql("SELECT COUNT(*) FROM triage_candidates WHERE tenant_id = :tenant AND status ="
                                        + " :status AND " + ScopedSql.condition(scope, "tenant_id"))
                                .param("tenant", tenant.value())
                                .param("status", status.name()),
                        scope)
                .query(Long.class)
                .single();
    }

    /** A candidate's alerts, oldest first. */
    List<TriagedAlert> alertsOf(TenantId tenant, String candidateId) {
        return jdbc.sql("SELECT " + ALERT_COLUMNS + " FROM alert_triage WHERE tenant_id = :tenant AND candidate_id ="
                        + " :candidate ORDER BY event_time, alert_id")
                .param("tenant", tenant.value())
                .param("candidate", candidateId)
                .query((rs, n) -> triaged(rs))
                .list();
    }

    /**
     * Takes an open candidate out of the queue.
     *
     * @return whether it was still open (false: someone decided it first)
     */
    boolean decide(TenantId tenant, String id, CandidateStatus status, @Nullable String incidentId, Instant now) {
        return jdbc.sql("UPDATE triage_candidates SET status = :status, incident_id = :incident, updated_at = :now"
                                + " WHERE tenant_id = :tenant AND id = :id AND status = 'OPEN'")
                        .param("status", status.name())
                        .param("incident", incidentId)
                        .param("now", now.toEpochMilli())
                        .param("tenant", tenant.value())
                        .param("id", id)
                        .update()
                > 0;
    }

    /** Records the incident a decided candidate went to, or puts it back in the queue ({@code status} OPEN). */
    void settle(TenantId tenant, String id, CandidateStatus status, @Nullable String incidentId, Instant now) {
        jdbc.sql("UPDATE triage_candidates SET status = :status, incident_id = :incident, updated_at = :now"
                        + " WHERE tenant_id = :tenant AND id = :id")
                .param("status", status.name())
                .param("incident", incidentId)
                .param("now", now.toEpochMilli())
                .param("tenant", tenant.value())
                .param("id", id)
                .update();
    }

    void insertVerdict(Verdict v) {
        jdbc.sql("INSERT INTO triage_verdicts (id, tenant_id, candidate_id, alert_ids, features, verdict, reason,"
                        + " analyst, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(Arrays.<@Nullable Object>asList(
                        v.id(),
                        v.tenant().value(),
                        v.candidateId(),
                        json.writeValueAsString(v.alertIds()),
                        json.writeValueAsString(v.features()),
                        v.verdict(),
                        v.reason(),
                        v.analyst(),
                        v.decidedAt().toEpochMilli()))
                .update();
    }

    /** Verdicts of the tenants in scope decided at or after {@code since}, oldest first. */
    List<Verdict> verdicts(TenantScope scope, Instant since, int limit) {
        return ScopedSql.bind(
                        jdbc.sql("SELECT id, tenant_id, candidate_id, alert_ids, features, verdict, reason, analyst,"
                                        + " decided_at FROM triage_verdicts WHERE decided_at >= :since AND "
                                        + ScopedSql.condition(scope, "tenant_id")
                                        + " ORDER BY decided_at, id LIMIT :limit")
                                .param("since", since.toEpochMilli())
                                .param("limit", limit),
                        scope)
                .query((rs, n) -> new Verdict(
                        rs.getString("id"),
                        new TenantId(rs.getString("tenant_id")),
                        rs.getString("candidate_id"),
                        json.readValue(rs.getString("alert_ids"), STRINGS),
                        json.readValue(rs.getString("features"), TRIAGED),
                        rs.getString("verdict"),
                        rs.getString("reason"),
                        rs.getString("analyst"),
                        Instant.ofEpochMilli(rs.getLong("decided_at"))))
                .list();
    }

    Optional<AutoPublishPolicy> policy(TenantId tenant) {
        return jdbc.sql("SELECT enabled, min_score, rule_ids, levels, ioc_hit FROM triage_policies"
                        + " WHERE tenant_id = :tenant")
                .param("tenant", tenant.value())
                .query((rs, n) -> new AutoPublishPolicy(
                        rs.getBoolean("enabled"),
                        rs.getInt("min_score"),
                        json.readValue(rs.getString("rule_ids"), STRINGS),
                        json.readValue(rs.getString("levels"), STRINGS),
                        rs.getBoolean("ioc_hit")))
                .optional();
    }

    void savePolicy(TenantId tenant, AutoPublishPolicy p, String by, Instant now) {
        jdbc.sql("INSERT INTO triage_policies (tenant_id, enabled, min_score, rule_ids, levels, ioc_hit, updated_by,"
                        + " updated_at) VALUES (:tenant, :enabled, :min, :rules, :levels, :ioc, :by, :now)"
                        + " ON CONFLICT (tenant_id) DO UPDATE SET enabled = excluded.enabled, min_score ="
                        + " excluded.min_score, rule_ids = excluded.rule_ids, levels = excluded.levels, ioc_hit ="
                        + " excluded.ioc_hit, updated_by = excluded.updated_by, updated_at = excluded.updated_at")
                .param("tenant", tenant.value())
                .param("enabled", p.enabled())
                .param("min", p.minScore())
                .param("rules", json.writeValueAsString(p.ruleIds()))
                .param("levels", json.writeValueAsString(p.levels()))
                .param("ioc", p.iocHit())
                .param("by", by)
                .param("now", now.toEpochMilli())
                .update();
    }

    private static String prefixed(String prefix) {
        return prefix + ALERT_COLUMNS.replace(", ", ", " + prefix);
    }

    private TriagedAlert triaged(ResultSet rs) throws SQLException {
        return new TriagedAlert(
                new AlertFeatures(
                        rs.getString("alert_id"),
                        new TenantId(rs.getString("tenant_id")),
                        rs.getString("asset"),
                        rs.getString("event_id"),
                        Instant.ofEpochMilli(rs.getLong("event_time")),
                        rs.getString("rule_id"),
                        rs.getString("rule_title"),
                        rs.getString("level"),
                        Alert.Technology.valueOf(rs.getString("technology")),
                        json.readValue(rs.getString("tactics"), STRINGS),
                        json.readValue(rs.getString("techniques"), STRINGS),
                        rs.getString("user_name"),
                        json.readValue(rs.getString("process_chain"), STRINGS),
                        json.readValue(rs.getString("linked_hosts"), STRINGS)),
                rs.getInt("score"),
                json.readValue(rs.getString("explanation"), FACTORS),
                rs.getString("scorer"),
                Instant.ofEpochMilli(rs.getLong("scored_at")),
                rs.getString("candidate_id"));
    }

    private Candidate candidate(ResultSet rs) throws SQLException {
        return new Candidate(
                rs.getString("id"),
                new TenantId(rs.getString("tenant_id")),
                CandidateStatus.valueOf(rs.getString("status")),
                rs.getInt("score"),
                rs.getInt("alert_count"),
                json.readValue(rs.getString("hosts"), STRINGS),
                json.readValue(rs.getString("users"), STRINGS),
                json.readValue(rs.getString("tactics"), STRINGS),
                json.readValue(rs.getString("techniques"), STRINGS),
                json.readValue(rs.getString("links"), STRINGS),
                Instant.ofEpochMilli(rs.getLong("first_time")),
                Instant.ofEpochMilli(rs.getLong("last_time")),
                rs.getString("incident_id"),
                Instant.ofEpochMilli(rs.getLong("updated_at")));
    }
}
