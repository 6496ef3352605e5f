package io.vigil.server.store;

import io.vigil.server.platform.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The store's catalog: tenant numbers and the tenant-day partitions that exist. Creates partitions
 * on demand, safely under concurrency: one in-process lock plus a cache, and on PostgreSQL a
 * transaction-scoped advisory lock for several processes. Table names come only from {@link
 * Partition#tableName}, never from input.
 */
@Repository
class PartitionCatalog {

    /** The advisory lock key that serialises partition DDL across processes. */
    private static final long DDL_LOCK = 0x76_69_67_69_6C_00_00_01L;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Dialect dialect;
    private final Map<String, Integer> tenantNos = new ConcurrentHashMap<>();
    private final Set<Long> known = ConcurrentHashMap.newKeySet();
    private final Object ddl = new Object();

    PartitionCatalog(@Qualifier("telemetry") DataSource dataSource, Dialect dialect) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.dialect = dialect;
    }

    /** A tenant-day partition to make sure of, with the event-time bounds of what will go in. */
    record Needed(String tenant, int day, long minEventTime, long maxEventTime) {}

    /**
     * Makes sure that every tenant has a number and every tenant-day a partition, in one short
     * transaction of its own (DDL must not hold locks for the length of a large write).
     *
     * @return the tenant numbers of the given tenants
     */
    Map<String, Integer> ensure(List<Needed> needed) {
        Map<String, Integer> numbers = new java.util.HashMap<>();
        List<Needed> missing = new ArrayList<>();
        for (Needed n : needed) {
            Integer no = tenantNos.get(n.tenant());
            if (no == null || !known.contains(key(no, n.day()))) {
                missing.add(n);
            } else {
                numbers.put(n.tenant(), no);
            }
        }
        if (missing.isEmpty()) {
            return numbers;
        }
        synchronized (ddl) {
            write(c -> {
                if (dialect == Dialect.POSTGRESQL) {
                    try (PreparedStatement s = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                        s.setLong(1, DDL_LOCK);
                        s.execute();
                    }
                }
                for (Needed n : missing) {
                    int no = tenantNo(c, n.tenant());
                    createPartition(c, no, n);
                    numbers.put(n.tenant(), no);
                }
                return Boolean.TRUE;
            });
            // Cached only after the commit: a number of a rolled-back transaction may go to another tenant.
            tenantNos.putAll(numbers);
            for (Needed n : missing) {
                known.add(key(Objects.requireNonNull(numbers.get(n.tenant())), n.day()));
            }
        }
        return numbers;
    }

    /** The number of a tenant that has stored events. */
    Optional<Integer> tenantNo(String tenant) {
        Integer cached = tenantNos.get(tenant);
        if (cached != null) {
            return Optional.of(cached);
        }
        return read(c -> {
            Optional<Integer> no = findTenantNo(c, tenant);
            no.ifPresent(n -> tenantNos.put(tenant, n));
            return no;
        });
    }

    /** Every tenant with stored events, by tenant id. */
    Map<String, Integer> tenants() {
        return read(c -> {
            Map<String, Integer> all = new java.util.TreeMap<>();
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT tenant_id, tenant_no FROM store_tenants")) {
                while (rs.next()) {
                    all.put(rs.getString(1), rs.getInt(2));
                }
            }
            return all;
        });
    }

    /** The tenant's partitions, newest day first. */
    List<Partition> partitions(int tenantNo) {
        return select("SELECT * FROM store_partitions WHERE tenant_no = ? ORDER BY day DESC", tenantNo);
    }

    /** The tenant's partitions that may hold events in [fromMs, toMs), latest events first. */
    List<Partition> overlapping(int tenantNo, long fromMs, long toMs) {
        return select(
                "SELECT * FROM store_partitions WHERE tenant_no = ? AND max_event_time >= ? AND min_event_time < ?"
                        + " ORDER BY max_event_time DESC, day DESC",
                tenantNo,
                fromMs,
                toMs);
    }

    /** Drops a partition's table and its catalog row, in one transaction. */
    void drop(Partition p) {
        synchronized (ddl) {
            known.remove(key(p.tenantNo(), p.day()));
            write(c -> {
                try (Statement s = c.createStatement()) {
                    if (dialect == Dialect.POSTGRESQL) {
                        s.execute("SELECT pg_advisory_xact_lock(" + DDL_LOCK + ")");
                    }
                    s.execute("DROP TABLE IF EXISTS " + p.table());
                }
                try (PreparedStatement s =
                        c.prepareStatement("DELETE FROM store_partitions WHERE tenant_no = ? AND day = ?")) {
                    s.setInt(1, p.tenantNo());
                    s.setInt(2, p.day());
                    s.executeUpdate();
                }
                return Boolean.TRUE;
            });
        }
    }

    /** Forgets what the caches know, after a failure that may come from another process's purge. */
    void forget() {
        known.clear();
    }

    private List<Partition> select(String sql, Object... params) {
        return read(c -> {
            List<Partition> list = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(sql)) {
                for (int i = 0; i < params.length; i++) {
                    s.setObject(i + 1, params[i]);
                }
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        list.add(new Partition(
                                rs.getInt("tenant_no"),
                                rs.getInt("day"),
                                rs.getString("table_name"),
                                rs.getLong("row_count"),
                                rs.getLong("min_event_time"),
                                rs.getLong("max_event_time")));
                    }
                }
            }
            return list;
        });
    }

    private int tenantNo(Connection c, String tenant) throws SQLException {
        Optional<Integer> found = findTenantNo(c, tenant);
        if (found.isPresent()) {
            return found.get();
        }
        int next;
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(tenant_no), 0) + 1 FROM store_tenants")) {
            rs.next();
            next = rs.getInt(1);
        }
        try (PreparedStatement s =
                c.prepareStatement("INSERT INTO store_tenants (tenant_id, tenant_no) VALUES (?, ?)")) {
            s.setString(1, tenant);
            s.setInt(2, next);
            s.executeUpdate();
        }
        return next;
    }

    private static Optional<Integer> findTenantNo(Connection c, String tenant) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT tenant_no FROM store_tenants WHERE tenant_id = ?")) {
            s.setString(1, tenant);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(rs.getInt(1)) : Optional.empty();
            }
        }
    }

    private void createPartition(Connection c, int no, Needed n) throws SQLException {
        String table = Partition.tableName(no, n.day());
        try (Statement s = c.createStatement()) {
            for (String ddlStatement : dialect == Dialect.POSTGRESQL
                    ? StoreSql.postgresPartition(no, n.day(), table)
                    : StoreSql.sqliteTable(table)) {
                s.execute(ddlStatement);
            }
        }
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO store_partitions (tenant_no, day, table_name, row_count, min_event_time, max_event_time)
                VALUES (?, ?, ?, 0, ?, ?) ON CONFLICT DO NOTHING""")) {
            s.setInt(1, no);
            s.setInt(2, n.day());
            s.setString(3, table);
            s.setLong(4, n.minEventTime());
            s.setLong(5, n.maxEventTime());
            s.executeUpdate();
        }
    }

    /** Runs {@code work} on one connection without a transaction: reads must not take SQLite's write lock. */
    private <T> T read(ConnectionCallback<T> work) {
        return Objects.requireNonNull(jdbc.execute(work));
    }

    /** Runs {@code work} in one transaction. */
    private <T> T write(ConnectionCallback<T> work) {
        return Objects.requireNonNull(tx.execute(status -> jdbc.execute(work)));
    }

    private static long key(int tenantNo, int day) {
        return ((long) tenantNo << 32) | (day & 0xFFFF_FFFFL);
    }
}
