package io.vigil.server.store;

import java.util.List;

/**
 * The store's SQL text per dialect: partition DDL and the column lists. Table names passed in come
 * from {@link Partition#tableName} only.
 */
final class StoreSql {

    /** The columns every partition has, in insert order (PostgreSQL adds tenant_no and day in front). */
    static final String COLUMNS = "event_id, event_time, receive_time, asset, format, origin_kind, channel, provider,"
            + " event_code, category, process_key, parent_key, pid, parent_pid, image, parent_image, command_line,"
            + " user_name, target, query_name, fields, raw";

    /** The columns a query returns (everything but the raw record). */
    static final String SELECTED = "event_id, event_time, receive_time, asset, format, origin_kind, channel,"
            + " provider, event_code, category, fields";

    /** The columns a process-tree node needs. */
    static final String NODE = "event_id, event_time, process_key, parent_key, pid, parent_pid, image, parent_image,"
            + " command_line, user_name";

    private StoreSql() {}

    /** One day table with its indexes (SQLite). */
    static List<String> sqliteTable(String table) {
        return List.of(
                "CREATE TABLE IF NOT EXISTS " + table + " ("
                        + "event_id TEXT NOT NULL UNIQUE, event_time BIGINT NOT NULL, receive_time BIGINT NOT NULL,"
                        + " asset TEXT NOT NULL, format TEXT NOT NULL, origin_kind TEXT NOT NULL,"
                        + " channel TEXT NOT NULL, provider TEXT NOT NULL, event_code INTEGER, category TEXT,"
                        + " process_key TEXT, parent_key TEXT, pid BIGINT, parent_pid BIGINT, image TEXT,"
                        + " parent_image TEXT, command_line TEXT, user_name TEXT, target TEXT, query_name TEXT,"
                        + " fields TEXT NOT NULL, raw TEXT NOT NULL)",
                "CREATE INDEX IF NOT EXISTS " + table + "_time ON " + table + " (event_time, event_id)",
                "CREATE INDEX IF NOT EXISTS " + table + "_asset_time ON " + table + " (asset, event_time)",
                "CREATE INDEX IF NOT EXISTS " + table + "_process ON " + table
                        + " (process_key) WHERE category = 'process_creation'",
                "CREATE INDEX IF NOT EXISTS " + table + "_parent ON " + table
                        + " (parent_key) WHERE category = 'process_creation'",
                "CREATE INDEX IF NOT EXISTS " + table + "_pid ON " + table
                        + " (asset, pid, event_time) WHERE category = 'process_creation'",
                "CREATE INDEX IF NOT EXISTS " + table + "_parent_pid ON " + table
                        + " (asset, parent_pid, event_time) WHERE category = 'process_creation'");
    }

    /** The tenant's list partition (if missing) and the day's range sub-partition (PostgreSQL). */
    static List<String> postgresPartition(int tenantNo, int day, String table) {
        String tenantTable = "ev_" + tenantNo;
        return List.of(
                "CREATE TABLE IF NOT EXISTS " + tenantTable + " PARTITION OF events FOR VALUES IN (" + tenantNo
                        + ") PARTITION BY RANGE (day)",
                "CREATE TABLE IF NOT EXISTS " + table + " PARTITION OF " + tenantTable + " FOR VALUES FROM (" + day
                        + ") TO (" + (day + 1) + ")");
    }

    /** The insert of one row into a SQLite day table, ignoring an event id already there. */
    static String sqliteInsert(String table) {
        return "INSERT INTO " + table + " (" + COLUMNS + ") VALUES (" + "?, ".repeat(21) + "?) ON CONFLICT DO NOTHING";
    }

    /** The insert of one row through the partitioned parent table (PostgreSQL routes it). */
    static String postgresInsert() {
        return "INSERT INTO events (tenant_no, day, " + COLUMNS + ") VALUES (?, ?, " + "?, ".repeat(20)
                + "?::json, ?) ON CONFLICT DO NOTHING";
    }
}
