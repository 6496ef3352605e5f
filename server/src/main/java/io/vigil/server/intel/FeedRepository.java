package io.vigil.server.intel;

import io.vigil.server.platform.ScopedSql;
import io.vigil.server.platform.TenantScope;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Feeds and their runs. Feeds are provider-wide by design (they have no tenant): reads are open to
 * the service, which checks roles; writes need the provider-wide scope.
 */
@Repository
public class FeedRepository {

    private static final String COLUMNS = "f.id, f.name, f.kind, f.location, f.collection, f.interval_seconds,"
            + " f.default_confidence, f.ttl_seconds, f.tlp, f.enabled, f.created_by, f.created_at,"
            + " f.taxii_added_after";
    private static final String RUN_COLUMNS =
            "r.started_at, r.finished_at, r.status, r.entries, r.added, r.updated, r.skipped, r.problems";
    private static final String SELECT = "SELECT " + COLUMNS + ", " + RUN_COLUMNS + " FROM intel_feeds f"
            + " LEFT JOIN intel_feed_runs r ON r.id = (SELECT MAX(id) FROM intel_feed_runs WHERE feed_id = f.id)";

    private final JdbcClient jdbc;

    public FeedRepository(JdbcTemplate template) {
        this.jdbc = JdbcClient.create(template);
    }

    public void insert(TenantScope scope, Feed feed) {
        ScopedSql.requireWritable(scope, null);
        jdbc.sql("""
                INSERT INTO intel_feeds (id, name, kind, location, collection, interval_seconds, default_confidence,
                                         ttl_seconds, tlp, enabled, created_by, created_at)
                VALUES (:id, :name, :kind, :location, :collection, :interval, :confidence, :ttl, :tlp, :enabled,
                        :created_by, :created_at)""")
                .param("id", feed.id())
                .param("name", feed.name())
                .param("kind", feed.kind().name())
                .param("location", feed.location())
                .param("collection", feed.collection(), java.sql.Types.VARCHAR)
                .param("interval", feed.interval().toSeconds())
                .param("confidence", feed.confidence())
                .param("ttl", feed.ttl().toSeconds())
                .param("tlp", feed.tlp().name())
                .param("enabled", feed.enabled())
                .param("created_by", feed.createdBy())
                .param("created_at", feed.createdAt().toEpochMilli())
                .update();
    }

    public List<Feed> list() {
        return jdbc.sql(SELECT + " ORDER BY f.name").query((rs, n) -> feed(rs)).list();
    }

    public Optional<Feed> find(String id) {
        return jdbc.sql(SELECT + " WHERE f.id = ?")
                .param(id)
                .query((rs, n) -> feed(rs))
                .optional();
    }

    /** Deletes a feed with its runs and IoCs. */
    public boolean delete(TenantScope scope, String id) {
        ScopedSql.requireWritable(scope, null);
        jdbc.sql("DELETE FROM iocs WHERE feed_id = ?").param(id).update();
        jdbc.sql("DELETE FROM intel_feed_runs WHERE feed_id = ?").param(id).update();
        return jdbc.sql("DELETE FROM intel_feeds WHERE id = ?").param(id).update() > 0;
    }

    /** Records a run; {@code addedAfter} (TAXII) is stored when not null. */
    public void recordRun(TenantScope scope, String feedId, FeedRun run, @Nullable String addedAfter) {
        ScopedSql.requireWritable(scope, null);
        jdbc.sql("""
                INSERT INTO intel_feed_runs (feed_id, started_at, finished_at, status, entries, added, updated,
                                             skipped, problems)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        feedId,
                        run.startedAt().toEpochMilli(),
                        run.finishedAt().toEpochMilli(),
                        run.status().name(),
                        run.entries(),
                        run.added(),
                        run.updated(),
                        run.skipped(),
                        String.join("\n", run.problems()))
                .update();
        String error = run.status() == FeedRun.Status.FAILED && !run.problems().isEmpty()
                ? run.problems().getFirst()
                : null;
        jdbc.sql("UPDATE intel_feeds SET last_run_at = :at, last_status = :status, last_error = :error,"
                        + " taxii_added_after = COALESCE(:added_after, taxii_added_after) WHERE id = :id")
                .param("at", run.startedAt().toEpochMilli())
                .param("status", run.status().name())
                .param("error", error, java.sql.Types.VARCHAR)
                .param("added_after", addedAfter, java.sql.Types.VARCHAR)
                .param("id", feedId)
                .update();
    }

    /** The newest runs of a feed first. */
    public List<FeedRun> runs(String feedId, int limit) {
        return jdbc.sql("SELECT " + RUN_COLUMNS + " FROM intel_feed_runs r WHERE r.feed_id = ?"
                        + " ORDER BY r.id DESC LIMIT ?")
                .params(feedId, limit)
                .query((rs, n) -> run(rs))
                .list();
    }

    private static Feed feed(ResultSet rs) throws SQLException {
        long started = rs.getLong("started_at");
        FeedRun last = rs.wasNull() ? null : run(rs);
        return new Feed(
                rs.getString("id"),
                rs.getString("name"),
                FeedKind.valueOf(rs.getString("kind")),
                rs.getString("location"),
                rs.getString("collection"),
                Duration.ofSeconds(rs.getLong("interval_seconds")),
                rs.getInt("default_confidence"),
                Duration.ofSeconds(rs.getLong("ttl_seconds")),
                Tlp.valueOf(rs.getString("tlp")),
                rs.getBoolean("enabled"),
                rs.getString("created_by"),
                Instant.ofEpochMilli(rs.getLong("created_at")),
                rs.getString("taxii_added_after"),
                started == 0 && last == null ? null : last);
    }

    private static FeedRun run(ResultSet rs) throws SQLException {
        String problems = rs.getString("problems");
        return new FeedRun(
                Instant.ofEpochMilli(rs.getLong("started_at")),
                Instant.ofEpochMilli(rs.getLong("finished_at")),
                FeedRun.Status.valueOf(rs.getString("status")),
                rs.getInt("entries"),
                rs.getInt("added"),
                rs.getInt("updated"),
                rs.getInt("skipped"),
                problems.isEmpty() ? List.of() : Arrays.asList(problems.split("\n", -1)));
    }
}
