package io.vigil.server.store;

import io.vigil.server.platform.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Events in their tenant-day partitions: batch inserts in one transaction, and reads of one
 * partition at a time. Every read names the partition, and partitions belong to one tenant, so no
 * read can cross tenants. Conditions come from {@link EventFilter} as SQL with bound parameters.
 */
@Repository
class EventRepository {

    private static final TypeReference<LinkedHashMap<String, String>> FIELDS = new TypeReference<>() {};

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Dialect dialect;
    private final JsonMapper json = JsonMapper.builder().build();

    EventRepository(@Qualifier("telemetry") DataSource dataSource, Dialect dialect) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.dialect = dialect;
    }

    Dialect dialect() {
        return dialect;
    }

    /**
     * Inserts the rows, ignoring event ids a partition already holds, and updates the catalog's
     * counts and time bounds, all in one transaction. The partitions must exist.
     *
     * @return how many rows were added
     */
    int insert(Map<String, Integer> tenantNos, List<EventRow> rows) {
        // Partitions in key order and, on PostgreSQL, rows in event-id order: concurrent writers then
        // take row and index locks in the same order and cannot deadlock on overlapping batches.
        Map<Long, List<EventRow>> groups = new TreeMap<>();
        for (EventRow r : rows) {
            int no = Objects.requireNonNull(tenantNos.get(r.tenant()), r.tenant());
            groups.computeIfAbsent(((long) no << 32) | (r.day() & 0xFFFF_FFFFL), k -> new ArrayList<>())
                    .add(r);
        }
        if (dialect == Dialect.POSTGRESQL) {
            groups.values().forEach(g -> g.sort(Comparator.comparing(EventRow::eventId)));
        }
        return write(c -> {
            int added = 0;
            PreparedStatement pg = dialect == Dialect.POSTGRESQL ? c.prepareStatement(StoreSql.postgresInsert()) : null;
            try (PreparedStatement catalog = c.prepareStatement("""
                    UPDATE store_partitions SET row_count = row_count + ?,
                      min_event_time = CASE WHEN ? < min_event_time THEN ? ELSE min_event_time END,
                      max_event_time = CASE WHEN ? > max_event_time THEN ? ELSE max_event_time END
                    WHERE tenant_no = ? AND day = ?""")) {
                for (Map.Entry<Long, List<EventRow>> g : groups.entrySet()) {
                    int no = (int) (g.getKey() >>> 32);
                    int day = (int) (long) g.getKey();
                    int addedHere = pg != null
                            ? insert(pg, g.getValue(), no)
                            : insertSqlite(c, Partition.tableName(no, day), g.getValue());
                    long min = Long.MAX_VALUE;
                    long max = Long.MIN_VALUE;
                    for (EventRow r : g.getValue()) {
                        min = Math.min(min, r.eventTime());
                        max = Math.max(max, r.eventTime());
                    }
                    catalog.setLong(1, addedHere);
                    catalog.setLong(2, min);
                    catalog.setLong(3, min);
                    catalog.setLong(4, max);
                    catalog.setLong(5, max);
                    catalog.setInt(6, no);
                    catalog.setInt(7, day);
                    catalog.addBatch();
                    added += addedHere;
                }
                catalog.executeBatch();
            } finally {
                if (pg != null) {
                    pg.close();
                }
            }
            return added;
        });
    }

    private int insertSqlite(Connection c, String table, List<EventRow> rows) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(StoreSql.sqliteInsert(table))) {
            return insert(s, rows, 0);
        }
    }

    /** Binds and runs the batch; {@code tenantNo} > 0 means the PostgreSQL parent insert (with tenant_no, day). */
    private int insert(PreparedStatement s, List<EventRow> rows, int tenantNo) throws SQLException {
        for (EventRow r : rows) {
            int i = 1;
            if (tenantNo > 0) {
                s.setInt(i++, tenantNo);
                s.setInt(i++, r.day());
            }
            s.setString(i++, r.eventId());
            s.setLong(i++, r.eventTime());
            s.setLong(i++, r.receiveTime());
            s.setString(i++, text(r.asset()));
            s.setString(i++, r.format());
            s.setString(i++, r.originKind());
            s.setString(i++, text(r.channel()));
            s.setString(i++, text(r.provider()));
            setInt(s, i++, r.eventCode());
            s.setString(i++, r.category());
            s.setString(i++, text(r.processKey()));
            s.setString(i++, text(r.parentKey()));
            setLong(s, i++, r.pid());
            setLong(s, i++, r.parentPid());
            s.setString(i++, text(r.image()));
            s.setString(i++, text(r.parentImage()));
            s.setString(i++, text(r.commandLine()));
            s.setString(i++, text(r.user()));
            s.setString(i++, text(r.target()));
            s.setString(i++, text(r.queryName()));
            s.setString(i++, FieldsJson.write(r.fields()));
            s.setString(i, text(r.raw()));
            s.addBatch();
        }
        int added = 0;
        for (int n : s.executeBatch()) {
            added += n > 0 ? n : 0;
        }
        return added;
    }

    /** PostgreSQL text cannot hold NUL characters; they become U+FFFD there. */
    @SuppressWarnings("NullAway") // returns null exactly when given null
    private @Nullable String text(@Nullable String s) {
        return s == null || dialect == Dialect.SQLITE || s.indexOf('\0') < 0 ? s : s.replace('\0', '\uFFFD');
    }

    private static void setInt(PreparedStatement s, int i, @Nullable Integer v) throws SQLException {
        if (v == null) {
            s.setNull(i, Types.INTEGER);
        } else {
            s.setInt(i, v);
        }
    }

    private static void setLong(PreparedStatement s, int i, @Nullable Long v) throws SQLException {
        if (v == null) {
            s.setNull(i, Types.BIGINT);
        } else {
            s.setLong(i, v);
        }
    }

    /** The newest events of one partition that pass the filter, at most {@code limit}. */
    List<StoredEvent> search(String tenant, Partition p, EventFilter filter, int limit) {
        String sql = "SELECT " + StoreSql.SELECTED + " FROM " + p.table() + " WHERE " + filter.sql()
                + " ORDER BY event_time DESC, event_id DESC LIMIT " + limit;
        return read(c -> {
            List<StoredEvent> events = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(sql)) {
                bind(s, filter.params());
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        events.add(event(rs, tenant, null));
                    }
                }
            }
            return events;
        });
    }

    /** One event with its raw record, from the first of the partitions that holds it. */
    Optional<StoredEvent> find(String tenant, List<Partition> partitions, String eventId) {
        return read(c -> {
            for (Partition p : partitions) {
                try (PreparedStatement s = c.prepareStatement(
                        "SELECT " + StoreSql.SELECTED + ", raw FROM " + p.table() + " WHERE event_id = ?")) {
                    s.setString(1, eventId);
                    try (ResultSet rs = s.executeQuery()) {
                        if (rs.next()) {
                            return Optional.of(event(rs, tenant, rs.getString("raw")));
                        }
                    }
                }
            }
            return Optional.empty();
        });
    }

    /**
     * Process-creation events on one asset that match {@code condition} (SQL over the node columns with
     * bound {@code params}), from every given partition, at most {@code limit} from each.
     */
    List<NodeRow> nodes(List<Partition> partitions, String asset, String condition, List<Object> params, int limit) {
        return read(c -> {
            List<NodeRow> nodes = new ArrayList<>();
            for (Partition p : partitions) {
                String sql = "SELECT " + StoreSql.NODE + " FROM " + p.table()
                        + " WHERE category = 'process_creation' AND asset = ? AND " + condition
                        + " ORDER BY event_time DESC, event_id DESC LIMIT " + limit;
                try (PreparedStatement s = c.prepareStatement(sql)) {
                    s.setString(1, asset);
                    for (int i = 0; i < params.size(); i++) {
                        s.setObject(i + 2, params.get(i));
                    }
                    try (ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                            nodes.add(node(rs));
                        }
                    }
                }
            }
            return nodes;
        });
    }

    private static NodeRow node(ResultSet rs) throws SQLException {
        long pid = rs.getLong("pid");
        Long pidOrNull = rs.wasNull() ? null : pid;
        long ppid = rs.getLong("parent_pid");
        Long ppidOrNull = rs.wasNull() ? null : ppid;
        return new NodeRow(
                new ProcessNode(
                        Objects.requireNonNull(rs.getString("process_key")),
                        rs.getString("parent_key"),
                        0,
                        rs.getString("event_id"),
                        Instant.ofEpochMilli(rs.getLong("event_time")),
                        pidOrNull,
                        ppidOrNull,
                        rs.getString("image"),
                        rs.getString("command_line"),
                        rs.getString("user_name")),
                rs.getString("parent_image"));
    }

    private StoredEvent event(ResultSet rs, String tenant, @Nullable String raw) throws SQLException {
        int code = rs.getInt("event_code");
        Integer codeOrNull = rs.wasNull() ? null : code;
        return new StoredEvent(
                rs.getString("event_id"),
                tenant,
                rs.getString("asset"),
                Instant.ofEpochMilli(rs.getLong("event_time")),
                Instant.ofEpochMilli(rs.getLong("receive_time")),
                rs.getString("format"),
                rs.getString("origin_kind"),
                rs.getString("channel"),
                rs.getString("provider"),
                codeOrNull,
                rs.getString("category"),
                json.readValue(rs.getString("fields"), FIELDS),
                raw);
    }

    private static void bind(PreparedStatement s, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            s.setObject(i + 1, params.get(i));
        }
    }

    /** Reads run without a transaction: on SQLite a transaction would take the write lock. */
    private <T> T read(ConnectionCallback<T> work) {
        return Objects.requireNonNull(jdbc.execute(work));
    }

    private <T> T write(ConnectionCallback<T> work) {
        return Objects.requireNonNull(tx.execute(status -> jdbc.execute(work)));
    }
}
